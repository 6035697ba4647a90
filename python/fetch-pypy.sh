#!/usr/bin/env bash
# Fetches PyPy once per machine into the user's cache, unpacked from Debian's pypy3 and pypy3-lib packages (the
# machines reach Debian's archive, not pypy.org), without root: apt-get download, then dpkg -x. Never fails the build:
# where it cannot, it says why in one line and exits 0; the suite then has no PyPy column. mvn ... -DskipPyPy skips
# this script.
#
#   python/fetch-pypy.sh           fetch unless the cache already has a PyPy that runs
#   python/fetch-pypy.sh --where   print the interpreter's path, then the folder its LD_LIBRARY_PATH needs
set -uo pipefail  # no -e: every failure is handled below, and none may fail the build

# The user's cache, as for the free-threaded build (python/build-free-threaded.sh says why not $XDG_CACHE_HOME).
CACHE="${CONCURRENCY_CLAIMS_CACHE:-$HOME/.cache/concurrency-claims}"
DEST="$CACHE/pypy3"
PYPY="$DEST/usr/bin/pypy3"
SAY="PyPy:"

# Debian puts libpypy*-c.so in its multiarch folder, which the interpreter does not look in by itself.
library_folder() {
  local lib
  lib=$(ls "$1"/usr/lib/*/libpypy*-c.so 2>/dev/null | head -n 1)
  [ -n "$lib" ] && dirname "$lib"
}

runs() {  # the driver needs Python 3.8+ and multiprocessing
  local lib
  lib=$(library_folder "$1") || return 1
  LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" timeout 60 "$1/usr/bin/pypy3" -c \
    'import multiprocessing, platform, sys; sys.exit(platform.python_implementation() != "PyPy" or sys.version_info < (3, 8))'
}

if [ "${1:-}" = "--where" ]; then
  echo "$PYPY"
  library_folder "$DEST" || echo "$DEST/usr/lib"
  exit 0
fi
if [ -x "$PYPY" ] && runs "$DEST" 2>/dev/null; then
  exit 0  # fetched before
fi

skip() {
  echo "$SAY not fetched ($1); a run then finds PyPy only on PATH. -DskipPyPy silences this."
  exit 0
}

for tool in apt-get dpkg flock timeout; do
  command -v "$tool" >/dev/null 2>&1 || skip "no '$tool' on PATH: it takes Debian's apt-get and dpkg, flock and timeout"
done

mkdir -p "$CACHE" || skip "cannot create $CACHE"
exec 9>"$CACHE/.pypy.lock"
flock 9  # one fetch at a time; a second caller waits, then finds it fetched
if [ -x "$PYPY" ] && runs "$DEST" 2>/dev/null; then
  exit 0
fi

WORK=$(mktemp -d "$CACHE/pypy.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOG="$WORK/log"
fail() {
  echo "$SAY not fetched: $1 failed ($(tail -n 2 "$LOG" | tr '\n' ' ' | sed 's/ *$//')); a run then finds PyPy only on" \
       "PATH. -DskipPyPy silences this."
  exit 0
}

started=$(date +%s)
# The machine's own package lists first; where it has none (a fresh image), lists of the machine's own sources
# fetched into a private folder: the system's apt state stays as it was, and no root is needed.
mkdir -p "$WORK/debs" "$WORK/apt/lists/partial" "$WORK/apt/cache/archives/partial"
if ! (cd "$WORK/debs" && timeout 300 apt-get -o APT::Sandbox::User="$(id -un)" download pypy3 pypy3-lib) >"$LOG" 2>&1; then
  OPTS=(-o "Dir::State::Lists=$WORK/apt/lists" -o "Dir::Cache=$WORK/apt/cache" -o APT::Sandbox::User="$(id -un)")
  timeout 300 apt-get "${OPTS[@]}" update >>"$LOG" 2>&1 || fail "apt-get update of the machine's sources"
  rm -f "$WORK"/debs/*.deb
  (cd "$WORK/debs" && timeout 300 apt-get "${OPTS[@]}" download pypy3 pypy3-lib) >>"$LOG" 2>&1 \
    || fail "apt-get download pypy3 pypy3-lib"
fi
for deb in "$WORK"/debs/*.deb; do
  dpkg -x "$deb" "$WORK/root" >>"$LOG" 2>&1 || fail "unpacking $(basename "$deb")"
done
runs "$WORK/root" >>"$LOG" 2>&1 || fail "running the unpacked $(ls "$WORK"/debs)"
rm -rf "$DEST" && mv "$WORK/root" "$DEST" || fail "moving it into $DEST"
echo "$SAY fetched $(LD_LIBRARY_PATH="$(library_folder "$DEST")" "$PYPY" -c 'import platform, sys
print("PyPy %d.%d.%d (Python %s)" % (sys.pypy_version_info[:3] + (platform.python_version(),)))') from Debian's" \
     "pypy3 package in $(( $(date +%s) - started )) s: $PYPY (once per machine; -DskipPyPy skips it)"
