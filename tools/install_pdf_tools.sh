#!/bin/sh
# The independent PDF readers the tests cross-check with: qpdf, Ghostscript and poppler
# (pdffonts, pdftotext). Installed from Debian's packages when one is missing, so no test skips.
set -eu
missing=""
for tool in qpdf gs pdffonts pdftotext; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -z "$missing" ] && exit 0
echo "installing qpdf, ghostscript and poppler-utils (missing:$missing)"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: no apt-get here; install qpdf, Ghostscript and poppler by hand, then run make test again" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages="qpdf ghostscript poppler-utils"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends $packages >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends $packages >/dev/null; }
