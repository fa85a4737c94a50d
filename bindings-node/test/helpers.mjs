// Shared by the tests: fresh OpenRSM homes in temporary directories.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after } from 'node:test'

import { Session } from '../index.mjs'

const homes = []
after(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true })
})

/** A new, empty home directory, removed when the test file ends. */
export function tempHome() {
  const home = mkdtempSync(join(tmpdir(), 'openrsm-node-'))
  homes.push(home)
  return home
}

/** A session on a new home. */
export function openSession(options = {}) {
  return Session.open({ home: tempHome(), application: 'node-tests', ...options })
}

/** A media type, an application pool of it, and `count` media in the pool's Free pool. */
export async function poolWithMedia(session, count = 2) {
  const lto = await session.addMediaType({ name: 'LTO-6' })
  const pool = await session.createMediaPool('Backup/Weekly', { mediaType: lto.id, createParents: true })
  const media = []
  for (let i = 0; i < count; i++) {
    media.push(await session.createMedia({ mediaType: lto.id, barcode: `TAPE0${i}L6` }))
  }
  return { lto, pool, media }
}
