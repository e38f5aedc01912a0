#!/usr/bin/env bash
# Builds the twostep release package: a tarball that CI jobs unpack instead of compiling twostep on
# every run (docs/integrations.md). It holds the binary, the helper that fetches the deployed
# marker, an installer for the Debian run-time packages the binary links against, and the docs.
# The binary is built for Debian 12 (bookworm); run the package on a Debian 12 image.
#
# Usage: ci/package.sh [--binary PATH] [--output DIR]
#   --binary PATH  package this already built binary instead of building one
#   --output DIR   where the tarball goes (default build/dist)
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
output="build/dist"
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    *) echo "ci/package.sh: unknown argument $1 (usage: ci/package.sh [--binary PATH] [--output DIR])" >&2; exit 2 ;;
  esac
done

if [ -z "$binary" ]; then
  source ci/deps.sh
  twostep_install "${TWOSTEP_BUILD_PACKAGES[@]}"
  cmake -S . -B build/package -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build build/package -j "$(nproc)" --target twostep
  binary=build/package/twostep
fi
version=$("$binary" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
name="twostep-${version}-debian12-${arch}"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/twostep"
mkdir -p "$root/bin" "$root/share/doc/twostep"
install -m 0755 "$binary" "$root/bin/twostep"
install -m 0755 ci/fetch-deployed.sh "$root/bin/twostep-fetch-deployed"
install -m 0755 ci/install-runtime.sh "$root/install.sh"
cp README.md docs/*.md "$root/share/doc/twostep/"

# The Debian packages of the libraries the binary links against directly: what install.sh needs.
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for library in $needed; do
  path=$(ldd "$binary" | awk -v lib="$library" '$1 == lib && $2 == "=>" {print $3; exit}')
  if [ -z "$path" ] || [ "$path" = "not" ]; then
    echo "ci/package.sh: $library, which twostep links against, is not installed" >&2
    exit 1
  fi
  package=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null || true)
  package=${package%%:*}
  if [ -z "$package" ]; then
    echo "ci/package.sh: no Debian package holds $path" >&2
    exit 1
  fi
  echo "$package"
done | sort -u > "$root/runtime-packages"

mkdir -p "$output"
tar -C "$stage" --owner=0 --group=0 --sort=name -czf "$output/$name.tar.gz" twostep
echo "$output/$name.tar.gz"
