// Type-checked (not run) by types.test.mjs: a typed use of the package, with `@ts-expect-error`
// marking what the types must refuse.
import {
  InvalidHandleError,
  NotificationEvent,
  ObjectNotFoundError,
  ObjectType,
  PoolKind,
  RsmError,
  RsmObject,
  Session,
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

  void [path, kind, bytes, created, maybe, openrsm.ObjectType.Drive]
  return (await session.enumerate(ObjectType.MediaPool)).map((p) => p.name)
}
