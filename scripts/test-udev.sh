#!/usr/bin/env bash
# Device detection tests under umockdev (a fake sysfs and live uevents), plus the loop-device check
# where the machine allows losetup. Installs what it needs from Debian when run as root; fails
# loudly when umockdev cannot run (OPENRSM_REQUIRE_UMOCKDEV=1 makes the Rust test refuse to skip).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(umockdev libumockdev-dev gir1.2-umockdev-1.0 python3-gi udev libudev-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "error: missing Debian packages (${missing[*]}) and not root to install them" >&2
    exit 1
  fi
fi
if ! umockdev-wrapper true; then
  echo "error: umockdev-wrapper does not run on this machine" >&2
  exit 1
fi
export OPENRSM_REQUIRE_UMOCKDEV=1
cargo build -p openrsm --example device_probe --quiet
cargo test -p openrsm --test devices -- --nocapture
cargo test -p openrsm-cli --test devices
