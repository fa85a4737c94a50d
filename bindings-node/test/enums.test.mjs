import assert from 'node:assert/strict'
import { test } from 'node:test'

import * as openrsm from '../index.mjs'

const tables = openrsm.enumTables()

test('the core exports its enumeration tables', () => {
  assert.ok(Object.keys(tables).length >= 20)
  assert.deepEqual(tables.ObjectType.find((v) => v.member === 'PhysicalMedia'), {
    member: 'PhysicalMedia',
    name: 'PHYSICAL_MEDIA',
    value: 15,
  })
})

for (const [name, values] of Object.entries(tables)) {
  test(`${name} has exactly the core's members and numbers`, () => {
    const exported = openrsm[name]
    assert.equal(typeof exported, 'object', `${name} is not exported`)
    const expected = Object.fromEntries(values.map((v) => [v.member, v.value]))
    assert.deepEqual({ ...exported }, expected)
  })
}

test('RSM numbers reach objects unchanged', async () => {
  assert.equal(openrsm.ObjectType.PhysicalMedia, 15)
  assert.equal(openrsm.PoolKind.Application, 1000)
  assert.equal(openrsm.LibRequestOperation.Mount, 17)
  assert.equal(openrsm.Operation.EventComplete, 5)
})
