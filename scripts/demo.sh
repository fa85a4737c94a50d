#!/usr/bin/env bash
# The main job on the embedded default: builds `rsm` (installing the Debian packages the build needs
# when run as root) and runs `rsm demo` on a virtual library. Extra arguments go to `rsm demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh libudev-dev pkg-config
exec cargo run --release --quiet -p openrsm-cli -- demo "$@"
