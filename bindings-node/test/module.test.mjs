import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'

import openrsmDefault, * as esm from 'openrsm'

const require = createRequire(import.meta.url)

test('require and import load the same module with the same names', () => {
  const cjs = require('openrsm')
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), Object.keys(cjs).sort())
  for (const key of Object.keys(cjs)) assert.equal(esm[key], cjs[key], key)
  assert.equal(openrsmDefault, cjs)
})

test('the package exposes sessions, notifications, enums and errors', () => {
  const cjs = require('openrsm')
  for (const name of ['Session', 'Notifications', 'ObjectType', 'RsmError', 'ObjectNotFoundError', 'enumTables']) {
    assert.ok(name in cjs, name)
  }
})
