#!/usr/bin/env bash
# Build and test everything: the core, the CLI, benchmarks in smoke mode, and the Python, Node and C++
# bindings. Installs what it needs (pip into a venv inside the repo, npm into bindings-node,
# Debian packages when run as root). Exits non-zero if anything fails.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failures=()

step() {
  local name=$1
  shift
  echo
  echo "=== ${name}"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

# Building the core's libudev backend needs libudev-dev and pkg-config.
scripts/install-deps.sh libudev-dev pkg-config

step "rust: format" cargo fmt --all -- --check
step "rust: clippy" cargo clippy --workspace --all-targets -- -D warnings
step "scsi: tgt over iSCSI, parsers, fuzz" bash scripts/test-scsi.sh
step "rust: tests (core, CLI)" cargo test --workspace
step "rust: device detection (umockdev)" bash scripts/test-udev.sh
step "rust: benchmarks (smoke)" env OPENRSM_BENCH_QUICK=1 cargo bench --workspace --quiet
for binding in python node cpp; do
  if [ -f "bindings-$binding/scripts/test.sh" ]; then
    step "binding: $binding" bash "bindings-$binding/scripts/test.sh"
  fi
done

echo
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "suites: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
