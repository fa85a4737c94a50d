#!/usr/bin/env bash
# Build and test the Node binding from a fresh checkout: needs Node 20.4+, npm and cargo.
#
#   bindings-node/scripts/test.sh
#
# 1. `npm install` the JavaScript tooling (@napi-rs/cli, TypeScript) from package-lock.json
#    (`npm ci` cannot be used: it insists on the CLI's optional packages for other platforms);
# 2. build the native module in release mode with cargo (scripts/build.mjs; CARGO_TARGET_DIR is
#    honoured) and check that the committed generated files (index.d.ts, binding.js, index.mjs)
#    match the Rust sources;
# 3. run the tests (node --test test/*.test.mjs).
# Exits non-zero if any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

npm install --no-audit --no-fund --loglevel=error
node scripts/build.mjs --check
node --test test/*.test.mjs
