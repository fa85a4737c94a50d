#!/usr/bin/env bash
# Device detection tests under umockdev (a fake sysfs and live uevents), plus the loop-device check
# where the machine allows losetup. Installs what it needs from Debian when run as root; fails
# loudly when umockdev cannot run (OPENRSM_REQUIRE_UMOCKDEV=1 makes the Rust test refuse to skip).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh umockdev libumockdev-dev gir1.2-umockdev-1.0 python3-gi udev libudev-dev pkg-config
if ! umockdev-wrapper true; then
  echo "error: umockdev-wrapper does not run on this machine" >&2
  exit 1
fi
export OPENRSM_REQUIRE_UMOCKDEV=1
cargo build -p openrsm --example device_probe --quiet
cargo test -p openrsm --test devices -- --nocapture
cargo test -p openrsm-cli --test devices
