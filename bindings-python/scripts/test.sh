#!/usr/bin/env bash
# Build the Python binding into bindings-python/.venv and run its test suite.
# Needs only python3 (with venv/pip) and cargo. Exits non-zero on any failure.
#   bindings-python/scripts/test.sh [pytest arguments...]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
# Reinstall the tools only when their pinned list changed.
stamp="$venv/.requirements-dev.sha"
want="$(sha256sum "$here/requirements-dev.txt" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -r "$here/requirements-dev.txt"
    echo "$want" > "$stamp"
fi

# shellcheck disable=SC1091
source "$venv/bin/activate"
cd "$here"
maturin develop --release --quiet
python -m pytest "$@"
