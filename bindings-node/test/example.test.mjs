import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

import { tempHome } from './helpers.mjs'

const tool = fileURLToPath(new URL('../../examples/node/tool.mjs', import.meta.url))
const run = (home, ...args) => execFileSync(process.execPath, [tool, '--home', home, ...args], { encoding: 'utf8' })

test('examples/node/tool.mjs lists pools and media and watches notifications', () => {
  const home = tempHome()
  assert.match(run(home, 'seed'), /allocated TAPE01L6/)
  const pools = run(home, 'pools').split('\n')
  assert.match(pools[0], /^POOL\s+KIND\s+MEDIA\s+ENABLED$/)
  assert.ok(pools.some((line) => /^Backup\/Weekly\s+Application\s+1\s+yes$/.test(line)), pools.join('\n'))
  assert.ok(pools.some((line) => /^Free\/LTO-6\s+Free\s+2\s+yes$/.test(line)), pools.join('\n'))
  const media = run(home, 'media')
  assert.match(media, /^TAPE01L6\s+TAPE01L6\s+LTO-6\s+Backup\/Weekly\s+Offline\s+1\/1$/m)
  assert.match(media, /^TAPE02L6\s+TAPE02L6\s+LTO-6\s+Free\/LTO-6\s+Offline\s+0\/1$/m)
  assert.match(run(home, 'libraries'), /^LIBRARY\s+TYPE\s+DRIVES\s+SLOTS\s+MEDIA$/m)
  const watched = run(tempHome(), 'watch', '--demo')
  assert.match(watched, /^#\d+ Insert MediaType LTO-6$/m)
  assert.match(watched, /^#\d+ Insert LogicalMedia TAPE01L6:A$/m)
})

test('examples/node/tool.mjs creates a virtual library, shows its slot map, mounts and dismounts', () => {
  const home = tempHome()
  assert.match(run(home, 'vlib', 'Robot'), /^created Robot: 15 elements, 6 media$/m)
  const map = run(home, 'map', 'Robot')
  assert.match(map, /^ELEMENT\s+ADDRESS\s+STATE\s+MEDIA$/m)
  assert.match(map, /^slot 0\s+\d+\s+Full\s+ROB0001$/m)
  assert.match(map, /^drive 1\s+\d+\s+Dismounted$/m)
  const mounted = run(home, 'mount', 'ROB0003', '--timeout', '10000')
  assert.match(mounted, /^mounted ROB0003 in Robot drive \d/m)
  assert.match(mounted, /^dismounted ROB0003: back in Robot slot 2$/m)
})
