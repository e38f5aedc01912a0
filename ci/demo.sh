#!/usr/bin/env bash
# Installs what is missing, builds twostep, and runs it on a bundled example: `shop`, a small Go
# app whose deployed version reads `users.legacy_email`, and a pending migration that drops it;
# `rails-shop`, the same mistake in a Rails app (an ActiveRecord model, db/migrate/*.rb).
# Usage: ci/demo.sh [shop|rails-shop]
set -euo pipefail
cd "$(dirname "$0")/.."
example="${1:-shop}"
if [ ! -d "examples/$example/deployed" ]; then
  echo "ci/demo.sh: no example \`$example\` (examples/: $(ls examples | tr '\n' ' '))" >&2
  exit 2
fi
source ci/deps.sh
twostep_install "${TWOSTEP_BUILD_PACKAGES[@]}"

cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target twostep
twostep="$PWD/build/release/twostep"

# The example becomes a real git repository: the deployed release is tagged, the next release's
# migration is committed on top of it.
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
cp -r "examples/$example/deployed/." "$demo/"
cd "$demo"
git init -q -b main
git -c user.email=demo@example.com -c user.name=demo add -A
git -c user.email=demo@example.com -c user.name=demo commit -q -m "release 1.4"
git tag deployed/production
cp -r "$OLDPWD/examples/$example/next/." "$demo/"
git -c user.email=demo@example.com -c user.name=demo add -A
git -c user.email=demo@example.com -c user.name=demo commit -q -m "release 1.5: drop users.legacy_email"

echo "\$ twostep check --deployed-ref deployed/production"
set +e
"$twostep" check --deployed-ref deployed/production
status=$?
set -e
echo
if [ "$status" -eq 1 ]; then
  echo "twostep exited 1: the pending migration would break the deployed app (expected)."
  exit 0
fi
echo "twostep exited $status; the demo expected 1." >&2
exit 1
