import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  InvalidParameterError,
  LocationKind,
  MediaUnavailableError,
  ObjectNotFoundError,
  ObjectType,
  OperationalState,
  PartitionState,
  PoolKind,
  ReadWrite,
} from '../index.mjs'
import { openSession, poolWithMedia } from './helpers.mjs'

test('objects are plain typed objects with camelCase fields', async () => {
  const session = await openSession()
  const top = await session.enumerate(ObjectType.MediaPool)
  assert.deepEqual(top.map((p) => p.name), ['Free', 'Import', 'Unrecognized'])
  const [free] = top
  assert.equal(free.type, ObjectType.MediaPool)
  assert.equal(free.state, OperationalState.Ready)
  assert.ok(free.created instanceof Date && free.modified instanceof Date)
  assert.ok(Math.abs(free.created.getTime() - Date.now()) < 60_000)
  assert.equal(free.mediaPool.kind, PoolKind.Free)
  assert.equal(free.mediaPool.path, 'Free')
  assert.equal(free.mediaPool.drawFromFree, false)
  assert.equal(free.physicalMedia, undefined)
  assert.equal(free.mediaPool.parent ?? null, null)
  assert.deepEqual(Object.getPrototypeOf(free), Object.prototype)
  session.close()
})

test('media types, pools and media', async () => {
  const session = await openSession()
  const dvd = await session.addMediaType({ name: 'DVD-R', sides: 2, readWrite: ReadWrite.Worm, description: 'discs' })
  assert.deepEqual(dvd.mediaType, { sides: 2, readWrite: ReadWrite.Worm })
  assert.equal(dvd.description, 'discs')
  assert.equal((await session.ensureMediaType('DVD-R')).id, dvd.id)
  const renamed = await session.changeMediaType(dvd.id, { name: 'DVD+R' })
  assert.equal(renamed.name, 'DVD+R')
  assert.equal(await session.mediaPoolName((await session.systemPool(PoolKind.Free, dvd.id)).id), 'Free/DVD+R')

  const pool = await session.createMediaPool('Archive/Discs', { mediaType: dvd.id, createParents: true, maxAllocations: 3 })
  assert.equal(pool.mediaPool.path, 'Archive/Discs')
  assert.equal(pool.mediaPool.maxAllocations, 3)
  assert.equal((await session.createMediaPool('Archive/Discs', { mode: 'openExisting' })).id, pool.id)
  await assert.rejects(session.createMediaPool('Archive/Discs'), InvalidParameterError)
  assert.equal((await session.mediaPoolByPath('Archive/Discs')).id, pool.id)

  const disc = await session.createMedia({ mediaType: dvd.id, barcode: 'DISC001', pool: pool.id })
  assert.equal(disc.name, 'DISC001')
  assert.equal(disc.physicalMedia.barcode, 'DISC001')
  assert.equal(disc.physicalMedia.pool, pool.id)
  assert.equal(disc.physicalMedia.sides, 2)
  assert.equal(disc.physicalMedia.location.element ?? null, null)
  const sides = await session.enumerate(ObjectType.Partition, disc.id)
  assert.deepEqual(sides.map((s) => s.partition.side), [0, 1])
  assert.equal((await session.resolve('DISC001', ObjectType.PhysicalMedia)).id, disc.id)
  assert.equal((await session.findByName('Discs', ObjectType.MediaPool))[0].id, pool.id)
  session.close()
})

test('allocation, completion, deallocation', async () => {
  const session = await openSession()
  const { pool, media } = await poolWithMedia(session, 2)
  const first = await session.allocateMedia(pool.id, { newMedia: true })
  assert.equal(first.type, ObjectType.LogicalMedia)
  assert.equal(first.logicalMedia.pool, pool.id)
  const side = await session.object(first.logicalMedia.partition)
  assert.equal(side.partition.partitionState, PartitionState.Allocated)
  assert.equal(side.partition.allocationCount, 1)
  await session.setMediaComplete(first.id)
  assert.equal((await session.object(side.id)).partition.partitionState, PartitionState.Complete)
  const second = await session.allocateMedia(pool.id)
  await session.swapMedia(first.id, second.id)
  assert.equal((await session.object(first.id)).logicalMedia.partition, second.logicalMedia.partition)
  await assert.rejects(session.allocateMedia(pool.id, { errorIfUnavailable: true }), MediaUnavailableError)
  await session.deallocateMedia(first.id)
  await assert.rejects(session.object(first.id), ObjectNotFoundError)
  assert.equal(media.length, 2)
  session.close()
})

test('the media overview resolves types, pools and places', async () => {
  const session = await openSession()
  const { pool, media } = await poolWithMedia(session, 2)
  await session.allocateMedia(pool.id)
  const overview = await session.mediaOverview()
  assert.equal(overview.length, 2)
  const byBarcode = Object.fromEntries(overview.map((m) => [m.barcode, m]))
  assert.equal(byBarcode.TAPE00L6.id, media[0].id)
  assert.equal(byBarcode.TAPE00L6.mediaType, 'LTO-6')
  assert.equal(byBarcode.TAPE00L6.locationKind, LocationKind.Offline)
  assert.equal(byBarcode.TAPE00L6.library ?? null, null)
  assert.equal(overview.filter((m) => m.pool === 'Backup/Weekly' && m.allocatedSides === 1).length, 1)
  assert.equal(overview.filter((m) => m.pool === 'Free/LTO-6' && m.allocatedSides === 0).length, 1)
  session.close()
})

test('object information, enable and disable, delete', async () => {
  const session = await openSession()
  const { pool, media } = await poolWithMedia(session, 1)
  const changed = await session.setObjectInfo(pool.id, { description: 'weekly full backups', returnToFree: false })
  assert.equal(changed.description, 'weekly full backups')
  assert.equal(changed.mediaPool.returnToFree, false)
  await assert.rejects(session.setObjectInfo(pool.id, { barcode: 'X' }), InvalidParameterError)
  await session.disable(media[0].id)
  assert.equal((await session.object(media[0].id)).enabled, false)
  await session.enable(media[0].id)
  assert.equal((await session.object(media[0].id)).enabled, true)
  await session.deleteObject(media[0].id)
  await assert.rejects(session.object(media[0].id), ObjectNotFoundError)
  session.close()
})

test('attributes round-trip as Buffers', async () => {
  const session = await openSession()
  const { pool } = await poolWithMedia(session, 0)
  const bytes = Buffer.from([0, 1, 2, 127, 128, 254, 255, 0])
  await session.setAttribute(pool.id, 'owner', bytes)
  const back = await session.attribute(pool.id, 'owner')
  assert.ok(Buffer.isBuffer(back))
  assert.deepEqual(back, bytes)

  await session.setAttribute(pool.id, 'label', new TextEncoder().encode('Weekly ✓'))
  assert.equal((await session.attribute(pool.id, 'label')).toString('utf8'), 'Weekly ✓')
  const big = Buffer.alloc(64 * 1024, 0xab)
  await session.setAttribute(pool.id, 'big', big)
  assert.deepEqual(await session.attribute(pool.id, 'big'), big)
  await assert.rejects(session.setAttribute(pool.id, 'huge', Buffer.alloc(64 * 1024 + 1)), InvalidParameterError)
  await session.setAttribute(pool.id, 'empty', Buffer.alloc(0))
  assert.equal((await session.attribute(pool.id, 'empty')).length, 0)

  assert.deepEqual(await session.attributeNames(pool.id), ['big', 'empty', 'label', 'owner'])
  await session.deleteAttribute(pool.id, 'owner')
  await assert.rejects(session.attribute(pool.id, 'owner'), ObjectNotFoundError)
  await assert.rejects(session.deleteAttribute(pool.id, 'owner'), ObjectNotFoundError)
  session.close()
})
