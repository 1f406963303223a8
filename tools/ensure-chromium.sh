#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (a browser download is impossible on these machines).
# Installs it when missing and we are allowed to; otherwise says exactly what to do.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "• 安装 Chromium（Debian 软件包 chromium，仅首次）"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "缺少 Chromium：请安装 Debian/Ubuntu 软件包 chromium（sudo apt-get install chromium），" >&2
echo "或设置 CHROMIUM_PATH 指向已安装的 Chromium/Chrome。" >&2
exit 1
