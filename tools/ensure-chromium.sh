#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (a browser download is impossible on these machines),
# with a CJK font so screenshots show Chinese text. Installs what is missing when we may;
# otherwise says exactly what to do.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
  missing+=(fonts-noto-cjk)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "• 安装浏览器测试依赖（仅首次）：${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "缺少 Chromium：请安装 Debian/Ubuntu 软件包 chromium（sudo apt-get install chromium），" >&2
  echo "或设置 CHROMIUM_PATH 指向已安装的 Chromium/Chrome。" >&2
  exit 1
fi
echo "提示：未找到中文字体，截图中的中文会显示为方框（sudo apt-get install fonts-noto-cjk）。" >&2
