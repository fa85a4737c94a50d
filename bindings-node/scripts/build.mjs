#!/usr/bin/env node
// Build the native module with cargo and generate the package's typed files.
//
//   node scripts/build.mjs [--debug] [--check]
//
// Why not `napi build`: it always passes `--target <triple>` to cargo, which puts a second full
// build of the core and every dependency in `target/<triple>/`. This script runs a plain
// `cargo build -p openrsm-node` (sharing `target/release` with the rest of the workspace), copies
// the library to `openrsm.<platform>.node`, and uses @napi-rs/cli's own functions for the rest:
//
// - `index.d.ts`: the types napi-derive writes while compiling (it does so whenever
//   NAPI_TYPE_DEF_TMP_FOLDER is set), rendered with `scripts/dts-header.d.ts` plus one declared
//   class per RSM error kind, read from the freshly built module;
// - `binding.js`: napi-rs's loader, which finds the `.node` file (or a per-platform package);
// - `index.mjs`: the ES module entry, re-exporting every name of `index.js`.
//
// With --check, the generated files are compared with the ones on disk instead of written, and
// the script fails if they differ (they are committed, so they must match the Rust sources).

import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { generateTypeDef, parseTriple, writeJsBinding } from '@napi-rs/cli'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const args = new Set(process.argv.slice(2))
const profile = args.has('--debug') ? 'dev' : 'release'
const check = args.has('--check')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const crate = 'openrsm-node'

const metadata = JSON.parse(
  execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: root, encoding: 'utf8' }),
)
// Per checkout: checkouts sharing a target directory compile the crate separately, and each
// compile writes the types of its own sources.
const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12)
const typeDefDir = join(metadata.target_directory, 'napi-type-def', `${crate}-${profile}-${checkout}`)
mkdirSync(typeDefDir, { recursive: true })
const env = { ...process.env, NAPI_TYPE_DEF_TMP_FOLDER: typeDefDir }
if (!existsSync(join(typeDefDir, crate))) {
  // napi-derive writes the types only while it compiles the crate: force that if they are missing.
  env[`NAPI_FORCE_BUILD_${crate.replace(/-/g, '_').toUpperCase()}`] = String(Date.now())
}

const cargo = spawnSync(
  'cargo',
  ['build', '-p', crate, '--profile', profile, '--message-format=json-render-diagnostics'],
  { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 },
)
if (cargo.status !== 0) process.exit(cargo.status ?? 1)
const library = cargo.stdout
  .split('\n')
  .filter((line) => line.startsWith('{'))
  .map((line) => JSON.parse(line))
  .filter((m) => m.reason === 'compiler-artifact' && m.target.name === crate.replace(/-/g, '_'))
  .flatMap((m) => m.filenames)
  .find((f) => /\.(so|dylib|dll)$/.test(f))
if (!library) throw new Error(`cargo did not report the ${crate} library`)

const host = /^host: (.+)$/m.exec(execFileSync('rustc', ['-vV'], { encoding: 'utf8' }))[1]
const nodeFile = join(root, `${pkg.napi.binaryName}.${parseTriple(host).platformArchABI}.node`)
copyFileSync(library, nodeFile)
console.log(`built ${nodeFile}`)

// One declared class per error kind of the core, read from the module just built.
const native = createRequire(import.meta.url)(nodeFile)
const kinds = native.errorKinds()
const errorDeclarations = [
  `/** The RSM name of an error kind. */`,
  `export type RsmErrorKind =\n${kinds.map((k) => `  | '${k.kind}'`).join('\n')}\n`,
  ...kinds.map(
    (k) =>
      `/** RSM error \`ERROR_${k.kind}\` (${k.code}). */\n` +
      `export declare class ${k.className} extends RsmError {\n` +
      `  readonly code: ${k.code}\n  readonly kind: '${k.kind}'\n}\n`,
  ),
].join('\n')
const header = `${readFileSync(join(root, 'scripts', 'dts-header.d.ts'), 'utf8')}\n${errorDeclarations}\n`

const { dts, exports } = await generateTypeDef({ typeDefDir, dtsHeader: header, constEnum: false, cwd: root })

const outputs = new Map()
outputs.set('index.d.ts', dts)
const stage = join(typeDefDir, 'js')
mkdirSync(stage, { recursive: true })
await writeJsBinding({
  platform: true,
  idents: exports,
  jsBinding: 'binding.js',
  binaryName: pkg.napi.binaryName,
  packageName: pkg.name,
  version: pkg.version,
  outputDir: stage,
})
outputs.set('binding.js', readFileSync(join(stage, 'binding.js'), 'utf8'))

// The ES module entry names every export of the CommonJS one, loaded here with the new binding.
copyFileSync(join(root, 'index.js'), join(stage, 'index.js'))
copyFileSync(nodeFile, join(stage, basename(nodeFile)))
const cjsNames = Object.keys(createRequire(import.meta.url)(join(stage, 'index.js'))).sort()
outputs.set(
  'index.mjs',
  [
    '// Generated by scripts/build.mjs: the ES module entry, re-exporting the CommonJS one (index.js).',
    "import openrsm from './index.js'",
    '',
    `export const {\n${cjsNames.map((n) => `  ${n},`).join('\n')}\n} = openrsm`,
    'export default openrsm',
    '',
  ].join('\n'),
)

const stale = []
for (const [name, text] of outputs) {
  const path = join(root, name)
  const current = existsSync(path) ? readFileSync(path, 'utf8') : null
  if (current === text) continue
  if (check) stale.push(name)
  else {
    writeFileSync(path, text)
    console.log(`wrote ${name}`)
  }
}
if (stale.length) {
  console.error(`out of date: ${stale.join(', ')} (run \`npm run build\` and commit the result)`)
  process.exit(1)
}
