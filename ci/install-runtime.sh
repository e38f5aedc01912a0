#!/usr/bin/env bash
# Installs the Debian run-time packages that twostep links against and that this machine lacks,
# then checks that the binary starts. Shipped in the release package as install.sh; run it from
# the unpacked folder (as root, or with sudo available).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()
while read -r package; do
  [ -n "$package" ] || continue
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done < "$here/runtime-packages"
if [ "${#missing[@]}" -gt 0 ]; then
  echo "twostep: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
"$here/bin/twostep" --version
