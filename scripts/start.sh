#!/usr/bin/env bash
# `npm start`: the extension in a real VS Code (code-server 4.139.1 = VS Code 1.139.1) in
# your browser, with examples/ open. First use provisions Node 24 and code-server into .cache/
# (about two minutes); later starts take seconds. Ctrl+C stops it.
#
#   npm start                      # http://127.0.0.1:8080 (or the next free port)
#   ASR_PORT=9000 npm start        # another port
#   ASR_FOLDER=/path npm start     # another folder
#   ASR_OPEN=/path/x.topology.yaml # the file to open (default: examples/new-york-chicago.topology.yaml)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '[start] %s\n' "$*" >&2; }

# Apt packages only when root (a developer without root gets told what is missing).
if [[ $(id -u) == 0 ]]; then bash scripts/vscode/provision.sh; else bash scripts/vscode/provision.sh --no-apt; fi
# shellcheck source=vscode/env.sh
source scripts/vscode/env.sh

[[ -d node_modules ]] || { say "npm ci"; npm ci --no-audit --no-fund; }
say "building and packaging the extension"
npm run --silent package >/dev/null
VSIX="$ROOT/.cache/asr-topology.vsix"

STATE="$ROOT/.cache/start"
mkdir -p "$STATE"/{user-data/User,extensions,config,data,cache,tmp}
SETTINGS="$STATE/user-data/User/settings.json"
[[ -f "$SETTINGS" ]] || cat >"$SETTINGS" <<'JSON'
{
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.startupEditor": "welcomePage",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "git.openRepositoryInParentFolders": "never",
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
export PATH="$ASR_NODE_DIR/bin:$PATH" XDG_CONFIG_HOME="$STATE/config" XDG_DATA_HOME="$STATE/data" \
  XDG_CACHE_HOME="$STATE/cache" TMPDIR="$STATE/tmp"
CS=("$ASR_NODE" "$(readlink -f "$ASR_CODE_SERVER")" --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions")

say "installing the .vsix into code-server"
"${CS[@]}" --install-extension "$VSIX" --force >/dev/null

PORT="${ASR_PORT:-8080}"
while (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
FOLDER="${ASR_FOLDER:-$ROOT/examples}"

setsid "${CS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --ignore-last-opened "$FOLDER" \
  >"$STATE/code-server.log" 2>&1 &
PID=$!
stop() { kill -- -"$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
trap 'stop; exit 0' INT TERM
trap stop EXIT

for _ in $(seq 1 150); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$PID" 2>/dev/null || { say "code-server exited:"; tail -20 "$STATE/code-server.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { say "code-server did not start"; tail -20 "$STATE/code-server.log" >&2; exit 1; }

# The workbench opens an example (the extension starts with it); the first time, the extension
# opens its walkthrough beside it (src/client/firstStart.ts). ASR_OPEN=FILE opens another file,
# ASR_OPEN= none.
OPEN="${ASR_OPEN-$FOLDER/new-york-chicago.topology.yaml}"
URL="http://127.0.0.1:$PORT/?folder=$FOLDER"
if [[ -n "$OPEN" && -f "$OPEN" ]]; then
  PAYLOAD=$(node -e 'const [, port, file] = process.argv; process.stdout.write(encodeURIComponent(JSON.stringify([["openFile", `vscode-remote://127.0.0.1:${port}${file}`]])))' "$PORT" "$(readlink -f "$OPEN")")
  URL="$URL&payload=$PAYLOAD"
fi
echo "ASR Topology in VS Code: $URL"
echo "(log: ${STATE#$ROOT/}/code-server.log; Ctrl+C to stop)"
wait "$PID"
