#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is not there yet (CI machines start bare).
set -euo pipefail
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
"${CHROMIUM:-/usr/bin/chromium}" --version
