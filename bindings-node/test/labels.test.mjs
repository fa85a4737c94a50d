import assert from 'node:assert/strict'
import { test } from 'node:test'

import { classifyLabel, InvalidParameterError, maxLabelSize, sampleLabel, sampleLabelTypes } from '../index.mjs'

test('sample labels of every type are claimed by their own library', () => {
  const types = sampleLabelTypes()
  assert.ok(types.includes('LTFS') && types.includes('VOL1'))
  for (const type of types) {
    const id = type === 'VOL1' || type === 'LTFS' ? 'ABC123' : 'SET_01'
    const image = sampleLabel(type, id)
    assert.ok(Buffer.isBuffer(image) && image.length > 0)
    const { verdict, omid } = classifyLabel(image)
    assert.equal(verdict, 'claimed', type)
    assert.equal(omid.labelType, type)
    assert.equal(omid.labelId, id)
  }
})

test('blank and unknown media, bad sample requests', () => {
  assert.ok(maxLabelSize() >= 32768 + 2048)
  assert.deepEqual(classifyLabel(new Uint8Array(maxLabelSize())), { verdict: 'blank' })
  assert.deepEqual(classifyLabel(Buffer.from('just some text')), { verdict: 'unrecognized' })
  assert.throws(() => sampleLabel('VOL1', 'TOO-LONG-SERIAL'), InvalidParameterError)
  assert.throws(() => sampleLabel('FLOPPY', 'X'), InvalidParameterError)
})
