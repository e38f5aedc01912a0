#!/usr/bin/env bash
# Installs what twostep needs to build and test, from Debian packages only. Sourced by test.sh and
# demo.sh; installs only what is missing, so a second run is quick.
set -euo pipefail

TWOSTEP_BUILD_PACKAGES=(
  g++ cmake make pkg-config git
  libpg-query-dev libprotobuf-c-dev libsimdjson-dev nlohmann-json3-dev libcli11-dev
  libfmt-dev libtomlplusplus-dev libgit2-dev libpq-dev
)
# The tests drive real clients (pre-commit) and validate reports (xmllint, jsonschema); CI files
# are read with PyYAML and their package download is curl's; clang-format checks the formatting.
TWOSTEP_TEST_PACKAGES=(catch2 clang-format pre-commit libxml2-utils python3-jsonschema python3-yaml curl)

twostep_install() {
  local missing=()
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  echo "Installing: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
