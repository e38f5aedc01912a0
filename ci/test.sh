#!/usr/bin/env bash
# Installs what is missing, builds twostep in a release and in an ASan+UBSan build, and runs
# every test in both. Usage: ci/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/deps.sh
twostep_install "${TWOSTEP_BUILD_PACKAGES[@]}" "${TWOSTEP_TEST_PACKAGES[@]}"

jobs=$(nproc)

echo "== formatting"
ci/check-format.sh

# The binary must build from its run-time dependencies alone (ci/demo.sh, a release package):
# configured without testing and with Catch2 hidden. The tests' build below reuses its objects.
echo "== release build without the test-only packages"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON >/dev/null
cmake --build build/release -j "$jobs" --target twostep

run_build() {
  local name=$1
  shift
  echo "== $name build"
  cmake -S . -B "build/$name" -DBUILD_TESTING=ON -UCMAKE_DISABLE_FIND_PACKAGE_Catch2 "$@" >/dev/null
  cmake --build "build/$name" -j "$jobs"
  echo "== $name tests"
  (cd "build/$name" && ctest --output-on-failure --no-tests=error -j "$jobs")
}

run_build release -DCMAKE_BUILD_TYPE=Release
# The sanitizer build: any leak, overflow or undefined behaviour fails the test that hit it.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_build asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWOSTEP_SANITIZE=ON
echo "== all tests passed"
