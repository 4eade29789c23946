#!/bin/sh
# Rebuild profiles/newsprint-TR002.icc, a CMYK newsprint output profile, from the
# CGATS/SNAP TR 002 characterization data that Debian's icc-profiles-free ships
# (usr/share/color/icc/TR002.ti3), with ArgyllCMS colprof. See profiles/README.md.
#
#   sh tools/make_icc.sh            # writes profiles/newsprint-TR002.icc
#   sh tools/make_icc.sh OUT.icc    # writes elsewhere, e.g. to compare
#
# Needs apt-get (the .deb is fetched with `apt-get download`, not installed) and
# colprof (Debian package argyll; installed here when missing). Takes about 2 minutes.
set -eu

ICC_DEB_VERSION="2.0.1+dfsg-1.1"
TI3_SHA256="bcb14f76be42ebaa53cebdea3ae532af4c7717e7429d279323f7db8ad4a0b9d0"
DESCRIPTION="Newsprint CMYK (CGATS TR 002, SNAP), 240% TAC"
COPYRIGHT="Characterization data: CGATS/SNAP TR 002-2007, (c) 2007 NPES; via Debian icc-profiles-free (Zlib). Profile made with ArgyllCMS colprof, same terms."
# Quality medium, total ink limit 240 %, GCR black generation (K from 10 % of the
# tone scale to 100 % K at black, straight curve), perceptual and saturation B2A
# tables gamut-mapped from sRGB (the sRGB.icc of the same package), viewing
# conditions: source monitor, destination practical reflection print.
COLPROF_ARGS="-qm -l240 -kp 0 0.1 1.0 1.0 1.0 -cmt -dpp"

here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$here/profiles/newsprint-TR002.icc"}

if ! command -v colprof >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y --no-install-recommends argyll >/dev/null \
        || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends argyll >/dev/null; }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
(
    cd "$tmp"
    apt-get download "icc-profiles-free=$ICC_DEB_VERSION" >/dev/null 2>&1 \
        || { echo "error: apt-get download icc-profiles-free=$ICC_DEB_VERSION failed (run apt-get update?)" >&2; exit 1; }
    dpkg-deb -x icc-profiles-free_*.deb pkg
    cp pkg/usr/share/color/icc/TR002.ti3 TR002.ti3
    cp pkg/usr/share/color/icc/sRGB.icc src-sRGB.icc
    echo "$TI3_SHA256  TR002.ti3" | sha256sum -c --quiet - \
        || { echo "error: TR002.ti3 is not the file this script was written for" >&2; exit 1; }
    # shellcheck disable=SC2086
    colprof -v $COLPROF_ARGS -S src-sRGB.icc -D "$DESCRIPTION" -C "$COPYRIGHT" -O newsprint-TR002.icc TR002 >colprof.log 2>&1 \
        || { cat colprof.log >&2; exit 1; }
    tail -n 1 colprof.log
    # colprof writes the time of the run into the header's creation date (bytes 24-35);
    # nothing else varies. Pin it to 2022-01-28 00:00:00 so every run gives the same bytes.
    printf '\007\346\000\001\000\034\000\000\000\000\000\000' \
        | dd of=newsprint-TR002.icc bs=1 seek=24 conv=notrunc 2>/dev/null
)
mkdir -p "$(dirname "$out")"
cp "$tmp/newsprint-TR002.icc" "$out"
echo "wrote $out ($(wc -c <"$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1))"
