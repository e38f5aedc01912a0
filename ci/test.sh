#!/usr/bin/env bash
# Installs what is missing, builds twostep in a release and in an ASan+UBSan build, and runs
# every test in both. Usage: ci/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/deps.sh
twostep_install "${TWOSTEP_BUILD_PACKAGES[@]}" "${TWOSTEP_TEST_PACKAGES[@]}"

jobs=$(nproc)
run_build() {
  local name=$1
  shift
  echo "== $name build"
  cmake -S . -B "build/$name" "$@" >/dev/null
  cmake --build "build/$name" -j "$jobs"
  echo "== $name tests"
  (cd "build/$name" && ctest --output-on-failure -j "$jobs")
}

run_build release -DCMAKE_BUILD_TYPE=Release
# The sanitizer build: any leak, overflow or undefined behaviour fails the test that hit it.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_build asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWOSTEP_SANITIZE=ON
echo "== all tests passed"
