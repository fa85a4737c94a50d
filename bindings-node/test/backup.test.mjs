import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { DatabaseFailureError, InvalidParameterError, NoDataError, ObjectType, Session } from '../index.mjs'
import { openSession, poolWithMedia, tempHome } from './helpers.mjs'

test('export a database and import it into another home', async () => {
  const source = await openSession()
  const { pool, media } = await poolWithMedia(source, 2)
  await source.setAttribute(pool.id, 'owner', Buffer.from([7, 0, 7]))
  const file = join(tempHome(), 'backup.rsmdb')
  const exported = await source.exportDatabase(file)
  assert.equal(exported.path, file)
  assert.match(exported.sha256, /^[0-9a-f]{64}$/)
  assert.ok(exported.created instanceof Date)
  assert.ok(exported.payloadBytes > 0 && exported.objects > 10)
  source.close()

  const target = await Session.open({ home: tempHome() })
  const subscription = target.notifications(ObjectType.MediaPool)
  const imported = await target.importDatabase(file)
  assert.equal(imported.sha256, exported.sha256)
  assert.equal(imported.objects, exported.objects)
  assert.equal((await target.object(media[1].id)).physicalMedia.barcode, 'TAPE01L6')
  assert.deepEqual(await target.attribute(pool.id, 'owner'), Buffer.from([7, 0, 7]))
  await assert.rejects(subscription.wait(100), NoDataError)
  target.close()
})

test('damaged or foreign files are refused and change nothing', async () => {
  const session = await openSession()
  const before = await session.enumerate(ObjectType.MediaPool)
  const home = tempHome()
  const foreign = join(home, 'notes.txt')
  writeFileSync(foreign, 'not a database')
  await assert.rejects(session.importDatabase(foreign), InvalidParameterError)
  const file = join(home, 'good.rsmdb')
  await session.exportDatabase(file)
  const truncated = join(home, 'truncated.rsmdb')
  const bytes = readFileSync(file)
  writeFileSync(truncated, bytes.subarray(0, bytes.length - 100))
  await assert.rejects(session.importDatabase(truncated), DatabaseFailureError)
  assert.deepEqual(await session.enumerate(ObjectType.MediaPool), before)
  session.close()
})
