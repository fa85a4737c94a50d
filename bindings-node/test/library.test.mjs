// Library control on a virtual library, end to end through the Node API.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  DeviceChangeDetection, DriveState, ElementType, InvalidParameterError, LibRequestOperation, LibRequestState,
  LibraryType, LocationKind, ObjectType, OpRequestKind, OpRequestState, Operation, RequestRefusedError,
  TimeoutError, UnableToLoadMediumError, VirtualLibrary,
} from '../index.mjs'
import { openSession } from './helpers.mjs'

/** A session with a robot: 2 drives, 10 slots, 2 IE ports, 6 LTO-6 tapes T0001..T0006. */
async function robot(spec = {}) {
  const session = await openSession()
  const library = await session.createVirtualLibrary('Robot', {
    drives: 2, slots: 10, ieports: 2, media: [{ mediaType: 'LTO-6', count: 6 }], barcodePrefix: 'T', ...spec,
  })
  const vlib = await session.virtualLibrary(library.id)
  return { session, library, vlib }
}

async function tape(session, barcode) {
  return session.resolve(barcode, ObjectType.PhysicalMedia)
}

async function drives(session, library) {
  return session.enumerate(ObjectType.Drive, library.id)
}

test('a virtual library is created, inventoried, and mounts and dismounts allocated media', async () => {
  const { session, library, vlib } = await robot()
  try {
    assert.equal(library.library.libraryType, LibraryType.Online)
    assert.ok(vlib instanceof VirtualLibrary)
    const slots = await session.enumerate(ObjectType.StorageSlot, library.id)
    assert.equal(slots.length, 10)
    assert.ok(slots.every((s) => typeof s.storageSlot.elementAddress === 'number'))

    const summary = await session.inventory(library.id, { method: 1 })
    assert.equal(summary.media, 6)
    assert.deepEqual(summary.added, [], 'the library was registered with its media already')
    assert.equal(typeof summary.request, 'string')
    const inventoried = await session.object(summary.request)
    assert.equal(inventoried.libRequest.operation, LibRequestOperation.Inventory)
    assert.equal(inventoried.libRequest.requestState, LibRequestState.Passed)
    assert.ok(inventoried.libRequest.progressTotal > 0)
    assert.equal(inventoried.libRequest.progressDone, inventoried.libRequest.progressTotal)

    const lto = await session.resolve('LTO-6', ObjectType.MediaType)
    const pool = await session.createMediaPool('Backup', { mediaType: lto.id })
    const side = await session.allocateMedia(pool.id)
    const [mounted] = await session.mount([side.id], { write: true, timeoutMs: 10_000 })
    assert.equal(mounted.media, side.id)
    assert.equal(mounted.physicalMedia, side.logicalMedia.physicalMedia)
    assert.equal(typeof mounted.drive, 'string')
    const drive = await session.object(mounted.drive)
    assert.equal(drive.drive.driveState, DriveState.Mounted)
    assert.equal(drive.drive.media, mounted.physicalMedia)
    const medium = await session.object(mounted.physicalMedia)
    assert.equal(medium.physicalMedia.location.kind, LocationKind.Drive)

    await session.dismount([side.id], { deferred: true })
    assert.equal((await session.object(mounted.drive)).drive.driveState, DriveState.Dismountable)
    await session.dismountDrive(mounted.drive)
    assert.equal((await session.object(mounted.drive)).drive.driveState, DriveState.Dismounted)
    assert.equal((await session.object(mounted.physicalMedia)).physicalMedia.location.kind, LocationKind.Slot)
    assert.deepEqual(await session.verifyLibrary(library.id), [])
    const stats = await session.libraryStatistics(library.id)
    assert.ok(stats.requests >= 3 && stats.changerCalls > 0 && stats.pending === 0, JSON.stringify(stats))
  } finally {
    session.close()
  }
})

test('eject puts a tape in an IE port; taken out and put back, inject brings it home', async () => {
  const { session, library, vlib } = await robot()
  try {
    const t = await tape(session, 'T0002')
    const [request] = await session.eject([t.id])
    assert.equal((await session.object(request)).libRequest.requestState, LibRequestState.Passed)
    assert.equal((await session.object(t.id)).physicalMedia.location.kind, LocationKind.IePort)
    const ports = await session.enumerate(ObjectType.IePort, library.id)
    assert.equal(ports[0].iePort.media, t.id)

    assert.equal(await vlib.takeFromPort(0), 'T0002')
    await vlib.insertIntoPort(1, { barcode: 'T0002' })
    const injected = await session.inject(library.id)
    assert.deepEqual(injected, [t.id], 'the same record comes back')
    const back = await session.object(t.id)
    assert.equal(back.physicalMedia.location.kind, LocationKind.Slot)
    assert.equal(back.physicalMedia.location.element, back.physicalMedia.homeSlot)

    const contents = await vlib.contents()
    assert.ok(contents.some((c) => c.barcode === 'T0002' && c.elementType === ElementType.Storage))
    assert.deepEqual(await session.verifyLibrary(library.id), [])
  } finally {
    session.close()
  }
})

test('a drive that fails to load ends in a FAILED request and an operator request', async () => {
  const { session, library, vlib } = await robot()
  try {
    await vlib.setFault({ kind: 'driveLoadFailure', drive: 0 })
    assert.deepEqual(await vlib.faults(), [{ kind: 'driveLoadFailure', drive: 0 }])
    const [drive0] = await drives(session, library)
    const t = await tape(session, 'T0001')
    await assert.rejects(session.mount([t.id], { drives: [drive0.id] }), (error) => {
      assert.ok(error instanceof UnableToLoadMediumError, String(error))
      return true
    })
    const requests = await session.libraryRequests(library.id)
    const failed = requests.at(-1).libRequest
    assert.equal(failed.requestState, LibRequestState.Failed)
    assert.equal(failed.errorCode, new UnableToLoadMediumError('').code)
    assert.equal((await session.object(t.id)).physicalMedia.location.kind, LocationKind.Slot, 'the tape went back')

    const open = await session.operatorRequests(true)
    const service = open.find((o) => o.opRequest.kind === OpRequestKind.DeviceService)
    assert.ok(service?.opRequest.arguments.includes(drive0.id), 'the drive asks for service')
    // Waiting with a timeout gives up with TimeoutError; the operator then answers.
    await assert.rejects(session.waitOperatorRequest(service.id, 20), TimeoutError)
    const answered = session.waitOperatorRequest(service.id, 10_000)
    await vlib.clearFaults()
    await session.satisfyOperatorRequest(service.id)
    assert.equal((await answered).opRequest.requestState, OpRequestState.Complete)
    const [mounted] = await session.mount([t.id], { drives: [drive0.id] })
    assert.equal(mounted.drive, drive0.id)
    assert.deepEqual(await session.verifyLibrary(library.id), [])
  } finally {
    session.close()
  }
})

test('operator requests: submit, wait, cancel; an invalid fault is refused', async () => {
  const { session, library, vlib } = await robot()
  try {
    const op = await session.submitOperatorRequest(OpRequestKind.Message, 'load the new tapes', [library.id])
    assert.equal(op.opRequest.requestState, OpRequestState.Active)
    assert.deepEqual(op.opRequest.arguments, [library.id])
    const refused = assert.rejects(session.waitOperatorRequest(op.id), RequestRefusedError)
    await session.cancelOperatorRequest(op.id)
    await refused
    assert.deepEqual(await session.operatorRequests(true), [])
    await assert.rejects(vlib.setFault({ kind: 'driveLoadFailure' }), InvalidParameterError)
  } finally {
    session.close()
  }
})

test('request progress is notified, and a wait for a request can time out or be aborted', async () => {
  const { session, library, vlib } = await robot({ delays: { scan: 5 } })
  try {
    const events = session.notifications(ObjectType.LibRequest)
    const request = await session.startInventory(library.id, { method: 1 })
    await assert.rejects(session.waitRequest(request, 1), TimeoutError)
    const controller = new AbortController()
    const aborted = session.waitRequest(request, undefined, { signal: controller.signal })
    controller.abort(new Error('enough'))
    await assert.rejects(aborted, (error) => error.name === 'AbortError' && error.cause.message === 'enough')
    const done = await session.waitRequest(request, 10_000)
    assert.equal(done.libRequest.requestState, LibRequestState.Passed)

    const seen = []
    for (let event; (event = await events.wait(1000)); ) {
      if (event.objectId === request) seen.push(event.operation)
      if (event.operation === Operation.EventComplete && event.objectId === request) break
    }
    events.close()
    assert.equal(seen[0], Operation.Insert)
    assert.ok(seen.includes(Operation.EventSignal), `progress signalled: ${seen}`)
    assert.equal(seen.at(-1), Operation.EventComplete)
    await vlib.clearFaults()
  } finally {
    session.close()
  }
})

test('an aborted mount cancels its request and leaves nothing half-done', async () => {
  const { session, library } = await robot({ drives: 1 })
  try {
    const [first, second] = [await tape(session, 'T0001'), await tape(session, 'T0002')]
    await session.mount([first.id])
    const controller = new AbortController()
    const pending = session.mount([second.id], { signal: controller.signal })
    let queued
    for (let i = 0; i < 200 && !queued; i++) {
      queued = (await session.libraryRequests(library.id, true)).find((r) => r.libRequest.media === second.id)
      if (!queued) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    assert.ok(queued, 'the second mount waits for the drive')
    assert.equal(await session.requestOrder(queued.id), 1)
    controller.abort()
    await assert.rejects(pending, { name: 'AbortError' })
    assert.equal((await session.object(queued.id)).libRequest.requestState, LibRequestState.Cancelled)
    assert.equal((await session.object(second.id)).physicalMedia.location.kind, LocationKind.Slot)
    await session.deleteRequest(queued.id)
    await assert.rejects(session.object(queued.id), { kind: 'OBJECT_NOT_FOUND' })
    assert.deepEqual(await session.verifyLibrary(library.id), [])
  } finally {
    session.close()
  }
})

test('detection: a one-shot detect sees an operator insert; a running detection is configured and ended', async () => {
  const { session, library, vlib } = await robot()
  try {
    await vlib.insertIntoPort(0, { barcode: 'NEW001', mediaType: 'LTO-6' })
    const changed = await session.detectDeviceChanges({ libraries: [library.id] })
    assert.ok(changed > 0, `changed ${changed}`)
    const found = await tape(session, 'NEW001')
    assert.equal(found.physicalMedia.location.kind, LocationKind.IePort)
    await assert.rejects(session.detectDeviceChanges({ libraries: [library.id], media: [] }), InvalidParameterError)

    const detection = await session.beginDeviceChangeDetection()
    assert.ok(detection instanceof DeviceChangeDetection)
    await detection.setTargets({ libraries: [library.id] })
    assert.deepEqual(detection.targets, { libraries: [library.id] })
    detection.setInterval(20)
    assert.equal(detection.ended, false)
    detection.end()
    detection.end()
    assert.equal(detection.ended, true)
  } finally {
    session.close()
  }
})

test('devices() and the device watch are quiet on a machine with no removable hardware', async () => {
  const session = await openSession()
  try {
    const devices = await session.devices()
    assert.ok(Array.isArray(devices))
    assert.equal(typeof (await session.deviceDetectionStatus()), 'string')
    const events = session.deviceEvents()
    assert.equal(await events.wait(10), null)
    const controller = new AbortController()
    const waiting = events.wait(undefined, { signal: controller.signal })
    controller.abort()
    await assert.rejects(waiting, { name: 'AbortError' })
    await events.close()
    await assert.rejects(events.wait(10), { kind: 'INVALID_HANDLE' })
  } finally {
    session.close()
  }
})
