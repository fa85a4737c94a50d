import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

test('a typed program type-checks against index.d.ts (tsc --noEmit)', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const project = fileURLToPath(new URL('./types/tsconfig.json', import.meta.url))
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { encoding: 'utf8' })
  assert.equal(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`)
})
