#!/usr/bin/env node
// A small OpenRSM tool for Node: list media pools and media as tables, watch notifications.
//
//   node examples/node/tool.mjs [--home DIR] seed        add a media type, a pool and three tapes
//   node examples/node/tool.mjs [--home DIR] vlib NAME   create a virtual library (2 drives, 10 slots,
//                                                        2 IE ports, 6 LTO-6 tapes) and inventory it
//   node examples/node/tool.mjs [--home DIR] libraries   the libraries, with their drives and slots
//   node examples/node/tool.mjs [--home DIR] map LIB     a library's slot map: drives, slots, IE ports
//   node examples/node/tool.mjs [--home DIR] mount BARCODE [--timeout MS]
//        mount a tape (Ctrl-C aborts the wait), show where it went, then dismount it
//   node examples/node/tool.mjs [--home DIR] pools       the media pools
//   node examples/node/tool.mjs [--home DIR] media       the physical media
//   node examples/node/tool.mjs [--home DIR] watch [--seconds N] [--demo]
//        print notifications until Ctrl-C (or N seconds); --demo makes changes, shows them, stops
//
// A home belongs to one process at a time, so `watch` sees the changes made in its own process
// (by --demo here, or by library work running in it).
//
// Build the binding first (bindings-node: npm install && npm run build). In a project of your own,
// import from 'openrsm' instead of the relative path.
import { parseArgs } from 'node:util'

import {
  DriveState,
  LibraryType,
  LocationKind,
  ObjectType,
  Operation,
  PoolKind,
  PortContent,
  RsmError,
  Session,
  SlotState,
} from '../../bindings-node/index.mjs'

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    home: { type: 'string' },
    seconds: { type: 'string' },
    demo: { type: 'boolean' },
    timeout: { type: 'string' },
  },
})
const [command = 'pools', argument] = positionals

/** Print rows (arrays of strings) under a header, each column as wide as its widest cell. */
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()
  console.log(line(header))
  console.log(line(widths.map((w) => '-'.repeat(w))))
  for (const row of rows) console.log(line(row))
}

const name = (enumeration, value) => Object.keys(enumeration).find((k) => enumeration[k] === value) ?? String(value)

async function seed(session) {
  const lto = await session.ensureMediaType('LTO-6')
  const pool = await session.createMediaPool('Backup/Weekly', { mediaType: lto.id, createParents: true, mode: 'openAlways' })
  for (const barcode of ['TAPE01L6', 'TAPE02L6', 'TAPE03L6']) {
    const existing = await session.findByName(barcode, ObjectType.PhysicalMedia)
    if (existing.length === 0) await session.createMedia({ mediaType: lto.id, barcode })
  }
  const logical = await session.allocateMedia(pool.id)
  console.log(`seeded: media type LTO-6, pool Backup/Weekly, 3 tapes; allocated ${logical.name}`)
}

async function libraries(session) {
  const rows = []
  for (const library of await session.enumerate(ObjectType.Library)) {
    const drives = await session.enumerate(ObjectType.Drive, library.id)
    const slots = await session.enumerate(ObjectType.StorageSlot, library.id)
    const media = await session.enumerate(ObjectType.PhysicalMedia, library.id)
    rows.push([library.name, name(LibraryType, library.library.libraryType), drives.length, slots.length, media.length])
  }
  table(['LIBRARY', 'TYPE', 'DRIVES', 'SLOTS', 'MEDIA'], rows)
}

async function vlib(session) {
  const library = await session.createVirtualLibrary(argument ?? 'Robot', {
    drives: 2, slots: 10, ieports: 2, media: [{ mediaType: 'LTO-6', count: 6 }],
  })
  const summary = await session.inventory(library.id)
  console.log(`created ${library.name}: ${summary.elements} elements, ${summary.media} media`)
}

async function map(session) {
  const library = await session.resolve(argument ?? 'Robot', ObjectType.Library)
  const rows = []
  const where = async (id) => (id ? (await session.object(id)).name : '')
  for (const [type, field, label] of [
    [ObjectType.Drive, 'drive', 'drive'],
    [ObjectType.StorageSlot, 'storageSlot', 'slot'],
    [ObjectType.IePort, 'iePort', 'IE port'],
  ]) {
    const elements = await session.enumerate(type, library.id)
    for (const element of elements.sort((a, b) => a[field].number - b[field].number)) {
      const info = element[field]
      const state = info.driveState !== undefined ? name(DriveState, info.driveState)
        : info.slotState !== undefined ? name(SlotState, info.slotState) : name(PortContent, info.content)
      rows.push([`${label} ${info.number}`, info.elementAddress ?? '', state, await where(info.media)])
    }
  }
  table(['ELEMENT', 'ADDRESS', 'STATE', 'MEDIA'], rows)
}

async function mount(session) {
  if (!argument) throw new Error('name the barcode of the tape to mount')
  const tape = await session.resolve(argument, ObjectType.PhysicalMedia)
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort(new Error('interrupted')))
  const timeoutMs = options.timeout === undefined ? undefined : Number(options.timeout)
  const [mounted] = await session.mount([tape.id], { timeoutMs, signal: controller.signal })
  const drive = await session.object(mounted.drive)
  console.log(`mounted ${tape.name} in ${drive.name}${mounted.devicePath ? ` (${mounted.devicePath})` : ''}`)
  await session.dismount([tape.id])
  const back = await session.object(tape.id)
  console.log(`dismounted ${tape.name}: back in ${(await session.object(back.physicalMedia.location.element)).name}`)
}

async function pools(session) {
  const all = await session.enumerate(ObjectType.MediaPool)
  const rows = []
  for (const pool of all.sort((a, b) => a.mediaPool.path.localeCompare(b.mediaPool.path))) {
    const media = await session.enumerate(ObjectType.PhysicalMedia, pool.id)
    rows.push([pool.mediaPool.path, name(PoolKind, pool.mediaPool.kind), media.length, pool.enabled ? 'yes' : 'no'])
  }
  table(['POOL', 'KIND', 'MEDIA', 'ENABLED'], rows)
}

async function media(session) {
  const rows = (await session.mediaOverview()).map((m) => [
    m.name,
    m.barcode ?? '',
    m.mediaType,
    m.pool,
    m.library ?? '',
    name(LocationKind, m.locationKind) + (m.element != null ? ` ${m.element}` : ''),
    `${m.allocatedSides}/${m.sides}`,
  ])
  table(['NAME', 'BARCODE', 'TYPE', 'POOL', 'LIBRARY', 'LOCATION', 'ALLOCATED'], rows)
}

async function watch(session) {
  const seconds = options.seconds === undefined ? Infinity : Number(options.seconds)
  const subscription = session.notifications()
  if (Number.isFinite(seconds)) setTimeout(() => subscription.close(), seconds * 1000)
  process.once('SIGINT', () => subscription.close())
  console.log('watching notifications (Ctrl-C to stop)')
  // --demo: make some changes, and stop once their last notification is shown.
  let [shown, last] = [0, Infinity]
  if (options.demo) {
    seed(session).then(() => {
      last = session.lastSequence()
      if (shown >= last) subscription.close()
    }, console.error)
  }
  for await (const event of subscription) {
    const object = await session.object(event.objectId).catch(() => null)
    console.log(
      `#${event.sequence} ${name(Operation, event.operation)} ${name(ObjectType, event.objectType)} ` +
        `${object?.name ?? event.objectId}`,
    )
    shown = event.sequence
    if (shown >= last) break
  }
}

const commands = { seed, vlib, libraries, map, mount, pools, media, watch }
if (!(command in commands)) {
  console.error(`unknown command ${command}; expected one of ${Object.keys(commands).join(', ')}`)
  process.exit(2)
}
// (With TypeScript or Node 24+: `await using session = await Session.open(...)` closes it too.)
let session
try {
  session = await Session.open({ home: options.home, application: 'openrsm-node-tool' })
  await commands[command](session)
} catch (error) {
  if (!(error instanceof RsmError)) throw error
  console.error(`error: ${error.kind} (${error.code}): ${error.message}`)
  process.exitCode = 1
} finally {
  session?.close()
}
