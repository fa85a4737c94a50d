import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

import { tempHome } from './helpers.mjs'

const fixture = fileURLToPath(new URL('./fixtures/exit.mjs', import.meta.url))

/** Run the fixture; its output, or a failure if it has not exited within `limitMs`. */
async function run(mode, limitMs = 10_000) {
  const child = spawn(process.execPath, [fixture, tempHome(), mode], { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs)
  const [code, signal] = await once(child, 'exit')
  clearTimeout(timer)
  assert.equal(signal, null, `the process did not exit within ${limitMs} ms; output:\n${output}`)
  assert.equal(code, 0)
  return output.trim().split('\n')
}

test('a process whose sessions are closed exits on its own', async () => {
  const lines = await run('close')
  assert.deepEqual(lines.sort(), ['event 13', 'iteration ended', 'main done', 'wait ended: InvalidHandleError'])
})

test('a process with an open session but nothing pending exits on its own', async () => {
  assert.deepEqual(await run('idle'), ['main done'])
})
