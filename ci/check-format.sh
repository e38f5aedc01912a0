#!/usr/bin/env bash
# Fails when a C++ source is not formatted as the repository's .clang-format says, naming the
# files; `ci/check-format.sh --fix` formats them. Usage: ci/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find analyzer rules include tests bench -name '*.cpp' -o -name '*.hpp' | sort)
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
unformatted=()
for file in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then unformatted+=("$file"); fi
done
if [ "${#unformatted[@]}" -gt 0 ]; then
  echo "not formatted as .clang-format says (run ci/check-format.sh --fix):" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "formatting: ${#files[@]} files as .clang-format says"
