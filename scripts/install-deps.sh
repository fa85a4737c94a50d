#!/usr/bin/env bash
# Install the Debian packages named on the command line that are not installed yet.
#   scripts/install-deps.sh [--optional] PACKAGE...
# As root with apt-get it installs them (one `apt-get update` per call); otherwise it names what is
# missing and fails, or with --optional only warns. Prints nothing when everything is present.
set -euo pipefail

optional=false
if [ "${1:-}" = "--optional" ]; then
  optional=true
  shift
fi

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
$optional || exit 1
