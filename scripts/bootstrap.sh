#!/usr/bin/env bash
# Installs the Debian packages LinkLab needs (the list in DESIGN.md). Idempotent:
# only packages that are missing are installed. Works as root or through sudo.
set -euo pipefail

packages=(
  cmake ninja-build g++ gcc binutils make pkg-config
  clang libclang-rt-14-dev
  qt6-base-dev qt6-svg-dev qt6-base-dev-tools libgl-dev
  libgraphviz-dev libffi-dev libclang-14-dev nlohmann-json3-dev
  libiberty-dev
  xvfb xauth imagemagick
  libtree
  abigail-tools # tests only: tst_abicompare checks `linklab-cli compare` against abidiff
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all packages present"
  exit 0
fi

echo "bootstrap: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
