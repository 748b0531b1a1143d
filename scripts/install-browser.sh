#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (tests/web), once: nothing happens when
# /usr/bin/chromium is already there. Needs root (or sudo) and the Debian package archive.
# Playwright drives this browser; `playwright install` (which downloads its own build) is never run.
set -u
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: apt-get not found; install chromium at /usr/bin/chromium by hand (browser tests will skip)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "install-browser: not root and no sudo; browser tests will skip" >&2
        exit 0
    fi
fi
echo "install-browser: installing Debian's chromium (once) ..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq chromium >/dev/null \
    || echo "install-browser: could not install chromium; browser tests will skip" >&2
exit 0
