#!/usr/bin/env bash
# A small pos-tui network side by side in tmux, the way people simulate nodes: a headless pos-server
# in the first pane and one validator dashboard (pos-tui connect --auto) per node in the others.
#
#   scripts/tmux-network.sh [-n NODES] [-p PORT] [-r ROUND] [-s SESSION] [-d DATA_DIR] [--no-attach]
#
# Defaults: 3 nodes, port 9090, 3s rounds, session "pos-network", chain in memory. Node k is named
# "nodek" with a stake from STAKES below, so the stake bars differ. Stop it all with
#   tmux kill-session -t pos-network
set -euo pipefail

NODES=3
PORT=9090
ROUND=3s
SESSION=pos-network
DATA=""
ATTACH=1
STAKES=(10 30 60 100 150 200 250 300)

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--nodes) NODES="$2"; shift 2 ;;
    -p|--port) PORT="$2"; shift 2 ;;
    -r|--round) ROUND="$2"; shift 2 ;;
    -s|--session) SESSION="$2"; shift 2 ;;
    -d|--data) DATA="$2"; shift 2 ;;
    --no-attach) ATTACH=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if ! [[ "$NODES" =~ ^[0-9]+$ ]] || [ "$NODES" -lt 1 ] || [ "$NODES" -gt 8 ]; then
  echo "error: --nodes must be 1..8 (more panes get too small to read)" >&2; exit 2
fi
command -v tmux >/dev/null || { echo "error: tmux is not installed (e.g. apt-get install tmux)" >&2; exit 1; }

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SERVER="$ROOT/packages/server/bin/pos-server.js"
TUI="$ROOT/packages/tui/bin/pos-tui.js"
if [ ! -f "$ROOT/packages/tui/dist/bundle/main.js" ] || [ ! -f "$ROOT/packages/server/dist/cli/main.js" ]; then
  echo "error: not built yet: run \`npx -y pnpm@12.4.2 build\` first" >&2; exit 1
fi
if tmux has-session -t "$SESSION" 2>/dev/null; then
  echo "error: a tmux session \"$SESSION\" already runs: tmux kill-session -t $SESSION, or pick -s NAME" >&2
  exit 1
fi

STORE="--memory"
[ -n "$DATA" ] && STORE="--data $(printf %q "$DATA")"
NODE="$(printf %q "$(command -v node)")"
# `exec bash` keeps a pane open after its program ends, so an error stays readable.
tmux new-session -d -s "$SESSION" -x 240 -y 60 \
  "$NODE $(printf %q "$SERVER") --port $PORT --round $(printf %q "$ROUND") $STORE; exec bash"
tmux set-option -t "$SESSION" remain-on-exit off >/dev/null
for k in $(seq 1 "$NODES"); do
  stake="${STAKES[$(( (k - 1) % ${#STAKES[@]} ))]}"
  # CI=false: Ink draws every frame only when it does not think it runs in CI.
  tmux split-window -t "$SESSION" \
    "env CI=false $NODE $(printf %q "$TUI") connect 127.0.0.1:$PORT --name node$k --stake $stake --auto; exec bash"
  tmux select-layout -t "$SESSION" tiled >/dev/null
done
# The server pane only logs: give the dashboards the room.
tmux select-layout -t "$SESSION" tiled >/dev/null

echo "tmux session \"$SESSION\": pos-server on 127.0.0.1:$PORT and $NODES dashboards (node1..node$NODES)."
echo "Attach with: tmux attach -t $SESSION   Stop with: tmux kill-session -t $SESSION"
if [ "$ATTACH" = 1 ] && [ -t 1 ] && [ -z "${TMUX:-}" ]; then exec tmux attach -t "$SESSION"; fi
