// Type-checked (not run) by types.test.mjs: a typed use of the package, with `@ts-expect-error`
// marking what the types must refuse.
import {
  DeviceEvent,
  InvalidHandleError,
  InventoryMethod,
  InventorySummary,
  MountedMedia,
  NotificationEvent,
  ObjectNotFoundError,
  ObjectType,
  PoolKind,
  RsmError,
  RsmObject,
  Session,
  VirtualLibrary,
} from 'openrsm'
import openrsm from 'openrsm'

export async function tool(home: string): Promise<string[]> {
  await using session = await Session.open({ home, application: 'typed' })
  const lto: RsmObject = await session.addMediaType({ name: 'LTO-6', sides: 1 })
  const pool = await session.createMediaPool('Backup/Weekly', { mediaType: lto.id, createParents: true, mode: 'openAlways' })
  const path: string | undefined = pool.mediaPool?.path
  const kind: PoolKind | undefined = pool.mediaPool?.kind
  const bytes: Buffer = await session.attribute(pool.id, 'owner').catch(() => Buffer.alloc(0))
  await session.setAttribute(pool.id, 'owner', new Uint8Array([1, 2, 3]))
  const created: Date = pool.created

  using subscription = session.notifications(ObjectType.PhysicalMedia, ObjectType.MediaPool)
  for await (const event of subscription) {
    const e: NotificationEvent = event
    const type: ObjectType = e.objectType
    const id: string = e.objectId
    if (type === ObjectType.MediaPool && id) break
  }
  const maybe: NotificationEvent | null = await subscription.wait(100, { signal: AbortSignal.timeout(50) })

  try {
    await session.object('00000000-0000-0000-0000-000000000000')
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      const code: 4312 = error.code
      const name: 'OBJECT_NOT_FOUND' = error.kind
      void [code, name]
    } else if (error instanceof RsmError && !(error instanceof InvalidHandleError)) {
      const code: number = error.code
      void code
    }
  }

  // @ts-expect-error an object type is an ObjectType, not a string
  await session.enumerate('MEDIA_POOL')
  // @ts-expect-error the create mode is one of three names
  await session.createMediaPool('X', { mode: 'always' })
  // @ts-expect-error objects have no such field
  void pool.barcode
  // @ts-expect-error wait takes milliseconds
  await subscription.wait('soon')

  const library: RsmObject = await session.createVirtualLibrary('Robot', {
    drives: 1, slots: 4, ieports: 1, media: [{ mediaType: 'LTO-6', count: 2 }], delays: 'realistic',
  })
  const vlib: VirtualLibrary = await session.virtualLibrary(library.id)
  await vlib.setFault({ kind: 'driveLoadFailure', drive: 0 })
  const summary: InventorySummary = await session.inventory(library.id, { method: InventoryMethod.Fast })
  const mounted: MountedMedia[] = await session.mount(summary.added, { write: true, signal: AbortSignal.timeout(1000) })
  const drive: string | undefined = mounted[0]?.drive
  await session.dismount(mounted.map((m) => m.media), { deferred: true })
  const done: RsmObject = await session.waitRequest(mounted[0].request, 100, { signal: new AbortController().signal })
  const progress: number | undefined = done.libRequest?.progressDone
  const events = session.deviceEvents()
  const event: DeviceEvent | null = await events.wait(10)
  const ejected: string[] = await session.eject(summary.added, { mode: 'queue', force: true })
  // @ts-expect-error a fault kind is one of the named kinds
  await vlib.setFault({ kind: 'fire' })
  // @ts-expect-error the eject mode is 'immediate' or 'queue'
  await session.eject([], { mode: 'later' })

  void [path, kind, bytes, created, maybe, openrsm.ObjectType.Drive, drive, progress, event, ejected]
  return (await session.enumerate(ObjectType.MediaPool)).map((p) => p.name)
}
