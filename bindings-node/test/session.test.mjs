import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { test } from 'node:test'

import {
  InvalidHandleError,
  MediaUnavailableError,
  NotConnectedError,
  NotReadyError,
  ObjectType,
  Session,
} from '../index.mjs'
import { openSession, poolWithMedia, tempHome } from './helpers.mjs'

test('new Session and Session.open give working sessions', async () => {
  const home = tempHome()
  const direct = new Session({ home, application: 'direct' })
  assert.equal(direct.application, 'direct')
  assert.equal(typeof direct.user, 'string')
  assert.ok(direct.user.length > 0)
  assert.match(direct.id, /^[0-9a-f]{8}-[0-9a-f]{4}-/)
  const opened = await Session.open({ home, application: 'opened' })
  assert.ok(opened instanceof Session)
  assert.notEqual(opened.id, direct.id)
  assert.equal(opened.home(), direct.home())
  const computers = await opened.enumerate(ObjectType.Computer)
  assert.equal(computers.length, 1)
  direct.close()
  opened.close()
})

test('every I/O method returns a Promise', async () => {
  const session = await openSession()
  const calls = [
    session.enumerate(ObjectType.MediaPool),
    session.ensureMediaType('LTO-7'),
    session.mediaPoolByPath('Free'),
    session.findByName('Free'),
  ]
  for (const call of calls) assert.ok(call instanceof Promise)
  await Promise.all(calls)
  session.close()
})

test('a blocking core call does not block the event loop', async () => {
  const session = await openSession()
  const { pool } = await poolWithMedia(session, 0)
  const order = []
  const allocation = session
    .allocateMedia(pool.id, { timeoutMs: 300 })
    .catch((error) => order.push(error instanceof MediaUnavailableError ? 'allocation failed' : error))
  await new Promise((resolve) => setTimeout(resolve, 20))
  order.push('timer fired')
  await allocation
  assert.deepEqual(order, ['timer fired', 'allocation failed'])
  session.close()
})

test('close() is idempotent and a closed session fails with InvalidHandleError', async () => {
  const session = await openSession()
  assert.equal(session.closed, false)
  session.close()
  session.close()
  assert.equal(session.closed, true)
  await assert.rejects(session.enumerate(ObjectType.MediaPool), InvalidHandleError)
  await assert.rejects(session.addMediaType({ name: 'DLT' }), (error) => {
    assert.ok(error instanceof InvalidHandleError)
    assert.equal(error.code, 6)
    assert.equal(error.kind, 'INVALID_HANDLE')
    assert.equal(error.message, 'the session is closed')
    return true
  })
  assert.throws(() => session.home(), InvalidHandleError)
  assert.throws(() => session.notifications(ObjectType.MediaPool), InvalidHandleError)
})

test('Symbol.asyncDispose and Symbol.dispose close the session', async () => {
  const first = await openSession()
  await first[Symbol.asyncDispose]()
  assert.equal(first.closed, true)
  const second = await openSession()
  second[Symbol.dispose]()
  assert.equal(second.closed, true)
})

test('a remote server is refused with NotConnectedError', async () => {
  await assert.rejects(Session.open({ home: tempHome(), server: 'rsm.example' }), NotConnectedError)
  assert.throws(() => new Session({ home: tempHome(), server: 'rsm.example' }), NotConnectedError)
})

test('a home held by another process is refused with NotReadyError', async () => {
  const home = tempHome()
  const holder = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { Session } from ${JSON.stringify(new URL('../index.mjs', import.meta.url).href)}
       const session = await Session.open({ home: ${JSON.stringify(home)} })
       console.log('ready')
       process.stdin.on('end', () => session.close()).resume()`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  try {
    const [line] = await once(holder.stdout, 'data')
    assert.equal(line.toString().trim(), 'ready')
    await assert.rejects(Session.open({ home }), (error) => {
      assert.ok(error instanceof NotReadyError)
      assert.match(error.message, new RegExp(`process ${holder.pid}`))
      return true
    })
  } finally {
    holder.stdin.end()
    await once(holder, 'exit')
  }
})
