#!/usr/bin/env bash
# Build and test the C++ binding: configure and build with CMake (which builds the Rust core
# through cargo), run the GoogleTest suite with ctest, run the test binary under valgrind memcheck,
# install to a prefix inside the build directory, build and run the example against the installed
# `openrsm::openrsm` target and again through add_subdirectory, and build and run the README's
# example. Installs cmake, GoogleTest, valgrind and a C++ compiler from Debian packages when they
# are missing (as root). Exits non-zero on the first failure.
#
#   bindings-cpp/scripts/test.sh            # build directory: bindings-cpp/build
#   OPENRSM_CPP_BUILD_DIR=/tmp/b bindings-cpp/scripts/test.sh
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/.." && pwd)"
build="${OPENRSM_CPP_BUILD_DIR:-$here/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

have_gtest() {
  [ -f /usr/include/gtest/gtest.h ] || return 1
  local config
  for config in /usr/lib/*/cmake/GTest/GTestConfig.cmake /usr/lib/cmake/GTest/GTestConfig.cmake; do
    [ -f "$config" ] && return 0
  done
  return 1
}

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
have_gtest || missing+=(libgtest-dev)
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: ${missing[*]}; install them (Debian: apt-get install ${missing[*]}) or run as root" >&2
    exit 1
  fi
  echo "== installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -q
  apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}"
fi

echo "== configure ($build)"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DOPENRSM_BUILD_TESTS=ON -DOPENRSM_WERROR=ON

echo "== build"
cmake --build "$build" -j "$jobs"

echo "== ctest"
ctest --test-dir "$build" --output-on-failure -j "$jobs"

echo "== valgrind memcheck"
RUST_BACKTRACE=0 valgrind --quiet --error-exitcode=1 --leak-check=full \
  --suppressions="$here/tests/valgrind.supp" "$build/tests/openrsm_tests" --gtest_brief=1

if command -v doxygen >/dev/null 2>&1; then
  echo "== doxygen: every public item of the headers is documented"
  mkdir -p "$build/doxygen"
  printf '%s\n' "INPUT = $here/include/openrsm" "FILE_PATTERNS = *.hpp" "OUTPUT_DIRECTORY = $build/doxygen" \
    "GENERATE_LATEX = NO" "HAVE_DOT = NO" "QUIET = YES" "WARN_IF_UNDOCUMENTED = YES" "WARN_AS_ERROR = YES" \
    "EXCLUDE_SYMBOLS = detail detail::*" | doxygen -
fi

echo "== install and build the example against the installed target"
prefix="$build/install"
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix"
cmake -S "$repo/examples/cpp" -B "$build/example" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug
cmake --build "$build/example" -j "$jobs"

echo "== run the example"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
"$build/example/openrsm-inventory" --home "$home" --add LTO-6 TAPE01L6 Backup/Weekly
out="$("$build/example/openrsm-inventory" --home "$home")"
echo "$out"
grep -q "TAPE01L6 *LTO-6 *Backup/Weekly *OFFLINE *0/1$" <<<"$out"
grep -q "^1 physical media$" <<<"$out"

echo "== run the example's mount demo on a virtual library"
out="$("$build/example/openrsm-inventory" --home "$home/vlib" --library Robot)"
echo "$out"
grep -q "^inventory of Robot: 6 media" <<<"$out"
grep -q "^mounted .* in .*" <<<"$out"
grep -q "^dismounted$" <<<"$out"
grep -q "^  request MOUNT PASSED$" <<<"$out"
grep -q "^  slot  *9  -$" <<<"$out"
# Run again: the library is reused, the tape allocated before stays allocated.
"$build/example/openrsm-inventory" --home "$home/vlib" --library Robot | grep -q "^Slot map of Robot$"

echo "== build the example with add_subdirectory(bindings-cpp)"
cmake -S "$repo/examples/cpp" -B "$build/example-subdir" -DOPENRSM_SOURCE_DIR="$here" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build/example-subdir" -j "$jobs"
"$build/example-subdir/openrsm-inventory" --home "$home" | grep -q "^1 physical media$"

echo "== build and run the README's example"
readme="$build/readme-example"
mkdir -p "$readme"
awk '/^## Example/ {in_section = 1} in_section && /^```cpp$/ {in_code = 1; next} in_code && /^```$/ {exit} in_code' \
  "$here/README.md" >"$readme/example.cpp"
cat >"$readme/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.18)
project(readme_example LANGUAGES CXX)
find_package(openrsm 0.1 REQUIRED)
add_executable(example example.cpp)
target_link_libraries(example PRIVATE openrsm::openrsm)
set_target_properties(example PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON)
CMAKE
cmake -S "$readme" -B "$readme/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$readme/build" -j "$jobs"
out="$("$readme/build/example" "$home/readme")"
echo "$out"
grep -q "^allocated a side of TAPE01L6 in Backup/Weekly$" <<<"$out"
grep -q "^INSERT LOGICAL_MEDIA " <<<"$out"

echo "C++ binding: all checks passed"
