#!/usr/bin/env bash
# The ARM64 determinism test runs segbench for linux-arm64 under qemu's user-mode emulator: a
# different CPU, JIT back end, vector width and C library than this x64 build, which must still
# write the same bytes. This installs what it needs when missing (CI machines start bare): qemu and
# Debian's arm64 C, C++ and OpenSSL runtimes, then publishes segbench for linux-arm64 to out/arm64.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/qemu-aarch64-static ] || [ ! -e /lib/ld-linux-aarch64.so.1 ] || [ ! -e /usr/lib/aarch64-linux-gnu/libssl.so.3 ]; then
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq qemu-user-static libc6:arm64 libstdc++6:arm64 libssl3:arm64 >/dev/null
fi
"${DOTNET:-dotnet}" publish bench/SegBench.Cli -c Release -r linux-arm64 --self-contained -o out/arm64 -nologo -clp:ErrorsOnly
qemu-aarch64-static out/arm64/segbench --version
