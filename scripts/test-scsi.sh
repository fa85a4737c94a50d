#!/usr/bin/env bash
# The SCSI suite: the command layer and the changer driver against a real SMC changer and SSC tape
# drives (tgt, the Linux SCSI target framework, over iSCSI on 127.0.0.1), the parsers on recorded
# responses, and the fuzz targets briefly when cargo-fuzz and a nightly toolchain are installed.
#
# Installs what it needs from Debian when run as root (tgt, libiscsi-bin, libiscsi-dev, pkg-config)
# and then requires tgt to run (OPENRSM_REQUIRE_TGT=1): a test that cannot start its library fails
# instead of skipping. Each test starts its own tgtd on a free loopback port through
# scripts/tgt-vtl.sh and stops it when done. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --optional tgt libiscsi-bin libiscsi-dev pkg-config || true

features=()
if [ -f /usr/include/iscsi/iscsi.h ]; then
  features=(--features openrsm/iscsi)
  if command -v tgtd >/dev/null && [ "$(id -u)" = 0 ]; then
    export OPENRSM_REQUIRE_TGT=1
  fi
fi

cargo test -p openrsm "${features[@]}" --test scsi_recorded --test scsi_tgt --test scsi_library_tgt
cargo test -p openrsm "${features[@]}" --lib scsi::
cargo test -p openrsm-cli "${features[@]}" --test scsi

# Fuzz the parsers for a few seconds each, where the tools exist (CI machines usually lack them).
if command -v cargo-fuzz >/dev/null && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  for target in sense element_status inquiry; do
    corpus=$(mktemp -d)
    cp core/tests/data/scsi/*.bin "$corpus/"
    (cd core/fuzz && cargo +nightly fuzz run "$target" "$corpus" -- -max_total_time="${OPENRSM_FUZZ_SECONDS:-10}" -rss_limit_mb=1024) \
      >"$corpus.log" 2>&1 || { tail -40 "$corpus.log"; rm -rf "$corpus" "$corpus.log"; exit 1; }
    echo "fuzz $target: $(grep -Eo 'Done [0-9]+ runs' "$corpus.log" | tail -1 || echo done)"
    rm -rf "$corpus" "$corpus.log"
  done
else
  echo "fuzz: skipped (needs cargo-fuzz and a nightly toolchain: cargo install cargo-fuzz; rustup toolchain install nightly)"
fi
