import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

import { tempHome } from './helpers.mjs'

test('the README example runs', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const example = /## Example\n\n```js\n([\s\S]*?)```/.exec(readme)[1]
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', example], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, OPENRSM_HOME: tempHome() },
    encoding: 'utf8',
  })
  assert.deepEqual(output.trim().split('\n'), ['true true', 'NB0000L6 Backup/Nightly', '4312 OBJECT_NOT_FOUND'])
})

test("the README's library example runs", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const example = /A robotic library[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)[1]
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', example], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, OPENRSM_HOME: tempHome() },
    encoding: 'utf8',
  })
  assert.match(output.trim(), /^[0-9a-f-]{36} \S+\/drives\/\d\.img$/)
})
