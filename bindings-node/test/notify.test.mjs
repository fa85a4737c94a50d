import assert from 'node:assert/strict'
import { getEventListeners } from 'node:events'
import { test } from 'node:test'

import { InvalidHandleError, NoDataError, Notifications, ObjectType, Operation } from '../index.mjs'
import { openSession } from './helpers.mjs'

test('for await yields events; break ends the subscription', async () => {
  const session = await openSession()
  const subscription = session.notifications(ObjectType.MediaPool, ObjectType.MediaType)
  assert.ok(subscription instanceof Notifications)
  assert.deepEqual(subscription.objectTypes, [ObjectType.MediaPool, ObjectType.MediaType])
  const lto = await session.addMediaType({ name: 'LTO-6' })
  const pool = await session.createMediaPool('Backup', { mediaType: lto.id })
  const seen = []
  for await (const event of subscription) {
    seen.push(event)
    if (event.objectId === pool.id) break
  }
  assert.equal(subscription.closed, true)
  // The media type, its three system pools, then the application pool.
  assert.deepEqual(
    seen.map((e) => e.objectType),
    [ObjectType.MediaType, ObjectType.MediaPool, ObjectType.MediaPool, ObjectType.MediaPool, ObjectType.MediaPool],
  )
  assert.ok(seen.every((e) => e.operation === Operation.Insert))
  assert.equal(seen[0].objectId, lto.id)
  for (let i = 1; i < seen.length; i++) assert.equal(seen[i].sequence, seen[i - 1].sequence + 1)
  await assert.rejects(subscription.wait(0), InvalidHandleError)
  session.close()
})

test('wait resolves to an event, or null when the time passes', async () => {
  const session = await openSession()
  const subscription = session.notifications()
  assert.deepEqual(subscription.objectTypes, [])
  const started = Date.now()
  assert.equal(await subscription.wait(50), null)
  assert.ok(Date.now() - started >= 45)
  const lto = await session.ensureMediaType('LTO-8')
  const event = await subscription.wait(1000)
  assert.deepEqual(
    { ...event, sequence: undefined },
    { operation: Operation.Insert, objectType: ObjectType.MediaType, objectId: lto.id, sequence: undefined },
  )
  assert.equal(subscription.pending, 3)
  assert.equal(subscription.tryNext().objectType, ObjectType.MediaPool)
  subscription.close()
  subscription.close()
  session.close()
})

test('an AbortSignal cancels a wait without losing the next event', async () => {
  const session = await openSession()
  const subscription = session.notifications(ObjectType.MediaType)
  const controller = new AbortController()
  const waiting = subscription.wait(null, { signal: controller.signal })
  setTimeout(() => controller.abort(new Error('user gave up')), 20)
  await assert.rejects(waiting, (error) => {
    assert.equal(error.name, 'AbortError')
    assert.equal(error.code, 'ABORT_ERR')
    assert.equal(error.cause.message, 'user gave up')
    return true
  })
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0)

  const lto = await session.ensureMediaType('LTO-9')
  assert.equal((await subscription.wait(1000)).objectId, lto.id)

  // An aborted signal rejects at once; one signal serves many waits without piling up listeners.
  await assert.rejects(subscription.wait(1000, { signal: AbortSignal.abort() }), { name: 'AbortError' })
  const reused = new AbortController()
  for (let i = 0; i < 20; i++) assert.equal(await subscription.wait(1, { signal: reused.signal }), null)
  assert.equal(getEventListeners(reused.signal, 'abort').length, 0)
  session.close()
})

test('closing the session ends iteration and pending waits', async () => {
  const session = await openSession()
  const iterated = session.notifications()
  const waited = session.notifications(ObjectType.Drive)
  const events = []
  const loop = (async () => {
    for await (const event of iterated) {
      events.push(event)
      // The media type and its three system pools: then close the session from inside the loop.
      if (events.length === 4) session.close()
    }
    return 'ended'
  })()
  const waiting = assert.rejects(waited.wait(), InvalidHandleError)
  await session.ensureMediaType('AIT')
  assert.equal(await loop, 'ended')
  assert.equal(events.length, 4)
  await waiting
  assert.equal(iterated.closed, true)
})

test('return() ends a pending next()', async () => {
  const session = await openSession()
  const subscription = session.notifications()
  const pending = subscription.next()
  assert.deepEqual(await subscription.return(), { done: true })
  assert.deepEqual(await pending, { done: true })
  assert.equal(subscription.closed, true)
  session.close()
})

test('a subscriber that falls behind gets NoDataError', async () => {
  const session = await openSession({ notificationCapacity: 2 })
  const subscription = session.notifications(ObjectType.MediaPool)
  await session.ensureMediaType('LTO-5')
  await assert.rejects(subscription.next(), (error) => error instanceof NoDataError && error.code === 232)
  session.close()
})
