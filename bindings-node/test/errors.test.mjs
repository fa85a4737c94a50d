import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { test } from 'node:test'

import * as openrsm from '../index.mjs'
import { openSession, poolWithMedia } from './helpers.mjs'

const { RsmError, errorKinds, __raiseErrorForTest } = openrsm
const cjs = createRequire(import.meta.url)('../index.js')
const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')

test('the core has error kinds and each has its own class', () => {
  const kinds = errorKinds()
  assert.ok(kinds.length >= 50, `only ${kinds.length} kinds`)
  assert.equal(new Set(kinds.map((k) => k.className)).size, kinds.length)
  assert.equal(new Set(kinds.map((k) => k.code)).size, kinds.length)
})

for (const { kind, code, className } of errorKinds()) {
  test(`${kind} (${code}) becomes ${className}`, async () => {
    const ErrorClass = openrsm[className]
    assert.equal(typeof ErrorClass, 'function', `${className} is not exported`)
    assert.equal(cjs[className], ErrorClass, `${className} differs between require and import`)
    assert.ok(
      dts.includes(`export declare class ${className} extends RsmError {\n  readonly code: ${code}\n  readonly kind: '${kind}'`),
      `${className} is not declared in index.d.ts`,
    )
    await assert.rejects(__raiseErrorForTest(code), (error) => {
      assert.ok(error instanceof ErrorClass)
      assert.ok(error instanceof RsmError)
      assert.ok(error instanceof Error)
      assert.equal(error.constructor, ErrorClass)
      assert.equal(error.code, code)
      assert.equal(error.kind, kind)
      assert.equal(error.name, className)
      assert.equal(error.message, `raised for a test of ${kind}`)
      assert.match(error.stack, new RegExp(`^${className}: raised for a test`))
      return true
    })
  })
}

test('an error class made by hand carries its kind and code', () => {
  const error = new openrsm.ObjectNotFoundError('no such tape')
  assert.equal(error.code, 4312)
  assert.equal(error.kind, 'OBJECT_NOT_FOUND')
  assert.equal(error.message, 'no such tape')
})

test('real failures of the core arrive as their classes', async () => {
  const session = await openSession()
  const { pool, media } = await poolWithMedia(session, 1)
  await assert.rejects(session.object('00000000-0000-0000-0000-000000000001'), openrsm.ObjectNotFoundError)
  await assert.rejects(session.object('not-a-guid'), (error) => {
    assert.ok(error instanceof openrsm.InvalidParameterError)
    assert.match(error.message, /"not-a-guid" is not an object id/)
    return true
  })
  await session.moveToPool(media[0].id, pool.id)
  await assert.rejects(session.deleteMediaPool(pool.id), openrsm.NotEmptyError)
  const free = await session.systemPool(openrsm.PoolKind.Free)
  await assert.rejects(session.deleteMediaPool(free.id), openrsm.InvalidOperationError)
  await assert.rejects(session.allocateMedia(pool.id, { timeoutMs: -1 }), openrsm.InvalidParameterError)
  session.close()
})

test('errors that are not the core\'s pass through unchanged', async () => {
  const session = await openSession()
  await assert.rejects(
    async () => session.enumerate('not a type'),
    (error) => !(error instanceof RsmError) && error instanceof Error,
  )
  session.close()
})
