#!/bin/sh
# The headless browser the desk's tests drive (tests/test_desk_browser.py): Debian's chromium and
# chromium-driver, installed when missing, so the browser tests run rather than skip.
set -eu
command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && exit 0
echo "installing chromium and chromium-driver (for the desk's browser tests)"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: no apt-get here; the desk's browser tests will skip (install Chromium and ChromeDriver to run them)" >&2
    exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages="chromium chromium-driver"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends $packages >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends $packages >/dev/null; }
