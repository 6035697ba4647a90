#!/usr/bin/env bash
# Builds a free-threaded CPython (./configure --disable-gil) once per machine into the user's cache, from the
# upstream release tarball that Debian's python3.13 source package carries (the machines reach Debian's archive, not
# python.org). Never fails the build: where it cannot build, it says why in one line and exits 0; the suite then
# judges the free-threaded claims UNAVAILABLE. mvn ... -DskipFreeThreaded skips this script.
#
#   python/build-free-threaded.sh           build unless already built (2 to 5 minutes on 2 cores)
#   python/build-free-threaded.sh --where   print the interpreter's path, built or not
set -uo pipefail

# The user's cache, not $XDG_CACHE_HOME: the test JVMs point that into target/ (Truffle's caches), and a build that
# lasts minutes must outlive mvn clean. CONCURRENCY_CLAIMS_CACHE moves it.
CACHE="${CONCURRENCY_CLAIMS_CACHE:-$HOME/.cache/concurrency-claims}"
DEST="$CACHE/cpython-3.13-free-threaded"
PYTHON="$DEST/bin/python3.13t"
LOG="$CACHE/cpython-3.13-free-threaded.log"
SUITE="trixie"  # the Debian release whose source files the mirror serves (sid's return 404)
SAY="free-threaded CPython:"

if [ "${1:-}" = "--where" ]; then
  echo "$PYTHON"
  exit 0
fi
if [ -x "$PYTHON" ] && "$PYTHON" -c 'import sys; sys.exit(sys._is_gil_enabled())' 2>/dev/null; then
  exit 0  # built before
fi

skip() {
  echo "$SAY not built ($1); its claims will be UNAVAILABLE. -DskipFreeThreaded silences this."
  exit 0
}

for tool in cc make tar xz apt-get flock timeout; do
  command -v "$tool" >/dev/null 2>&1 || skip "no '$tool' on PATH: apt-get install build-essential xz-utils"
done
[ -e /usr/include/zlib.h ] || skip "no zlib headers: apt-get install zlib1g-dev"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$KEYRING" ] || skip "no Debian archive keyring at $KEYRING: not a Debian machine"
MIRROR=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
[ -n "$MIRROR" ] || MIRROR=$(awk '$1 == "deb" && $2 !~ /^\[/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$MIRROR" ] || skip "no Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"

mkdir -p "$CACHE"
exec 9>"$CACHE/.free-threaded.lock"
flock 9  # one build at a time; a second caller waits, then finds it built
if [ -x "$PYTHON" ]; then
  exit 0
fi

WORK=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() {
  echo "$SAY not built: $1 failed (log: $LOG; last lines: $(tail -n 3 "$LOG" | tr '\n' ' '))"
  exit 0
}

echo "$SAY building CPython 3.13 with --disable-gil from Debian's python3.13 source package into $DEST" \
     "(2 to 5 minutes on 2 cores, once per machine; -DskipFreeThreaded skips it)"
started=$(date +%s)
: > "$LOG"
APT="$WORK/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/parts"
echo "deb-src [signed-by=$KEYRING] $MIRROR $SUITE main" > "$APT/sources.list"
# A private apt configuration: the machine's own sources and lists stay as they are.
OPTS=(-o "Dir::Etc::SourceList=$APT/sources.list" -o "Dir::Etc::SourceParts=$APT/parts"
      -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o "APT::Sandbox::User=root")
timeout 300 apt-get "${OPTS[@]}" update >>"$LOG" 2>&1 || fail "apt-get update of $SUITE's sources"
(cd "$WORK" && timeout 600 apt-get "${OPTS[@]}" source --download-only python3.13) >>"$LOG" 2>&1 \
  || fail "downloading the python3.13 source package"
TARBALL=$(ls "$WORK"/python3.13_*.orig.tar.xz 2>/dev/null | head -n 1)
[ -n "$TARBALL" ] || fail "finding python3.13_*.orig.tar.xz in the download"
tar -xJf "$TARBALL" -C "$WORK" >>"$LOG" 2>&1 || fail "unpacking $TARBALL"
SRC=$(ls -d "$WORK"/Python-3.13.* | head -n 1)
STAGE="$WORK/stage"
(cd "$SRC" && timeout 900 ./configure --disable-gil --without-ensurepip --prefix="$DEST") >>"$LOG" 2>&1 \
  || fail "./configure --disable-gil"
(cd "$SRC" && timeout 1800 make -j"$(nproc)") >>"$LOG" 2>&1 || fail "make"
(cd "$SRC" && timeout 900 make install DESTDIR="$STAGE") >>"$LOG" 2>&1 || fail "make install"
rm -rf "$STAGE$DEST"/lib/python3.13t/test "$STAGE$DEST"/lib/python3.13t/idlelib  # CPython's own tests: 200 MB unused
rm -rf "$DEST" && mv "$STAGE$DEST" "$DEST" || fail "moving the build into $DEST"
"$PYTHON" -c 'import sys, sysconfig; assert not sys._is_gil_enabled() and sysconfig.get_config_var("Py_GIL_DISABLED") == 1' \
  >>"$LOG" 2>&1 || fail "checking that the build runs without the GIL"
echo "$SAY built $("$PYTHON" -c 'import platform; print(platform.python_version())') in $(( $(date +%s) - started )) s: $PYTHON"
