#!/usr/bin/env bash
# The §7 MCP conversation through the official TypeScript SDK client against a Host of its own:
# a database cloned from the migrated template, the built Host on a free loopback port (Simulation, clock at 300x),
# conversation.mjs, then the Host stopped and the database dropped. test.sh runs it (one test) when Node is present.
#   needs: node >= 20, the built Host (dotnet build), CATALYST_TEST_PG / CATALYST_TEST_REDIS / CATALYST_TEST_TEMPLATE
#   (test.sh exports them; by hand: ./test.sh --keep-servers once, then source /tmp/catalyst-test-env.sh)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$HERE"

: "${CATALYST_TEST_PG:?run through test.sh, or source /tmp/catalyst-test-env.sh after ./test.sh --keep-servers}"
: "${CATALYST_TEST_REDIS:?run through test.sh}"
TEMPLATE=${CATALYST_TEST_TEMPLATE:-catalyst_template}
DLL="$ROOT/Catalyst.Host/bin/Debug/net10.0/Catalyst.Host.dll"
[ -f "$DLL" ] || { echo "run.sh: build the Host first (dotnet build Catalyst.Host)" >&2; exit 1; }

# Offline-friendly: the lock file pins every package; the npm cache serves them when the registry is unreachable.
if [ ! -d node_modules/@modelcontextprotocol/sdk ]; then
  npm ci --no-audit --no-fund --prefer-offline >/dev/null 2>&1 || npm install --no-audit --no-fund --prefer-offline >/dev/null
fi

field() { sed -nE "s/.*(^|;)$1=([^;]*).*/\2/p" <<<"$CATALYST_TEST_PG"; }
PGHOST=$(field Host); PGPORT=$(field Port); PGUSER=$(field Username)
PGBIN=${CATALYST_TEST_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
psql_admin() { "$PGBIN/psql" -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -qAt -d postgres "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

DB="mcp_ts_$(date +%s)_$$"
PORT=$(free_port)
KEY="mcp-ts-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
LOG=$(mktemp /tmp/catalyst-mcp-ts.XXXXXX.log)
RISK_FILE="${LOG%.log}.risk_parameters.yaml"   # the Host writes the defaults there, not into the repo
HOST_PID=""

cleanup() {
  if [ -n "$HOST_PID" ] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill "$HOST_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$HOST_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$HOST_PID" 2>/dev/null || true
  fi
  psql_admin -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

for attempt in $(seq 1 20); do
  psql_admin -c "CREATE DATABASE \"$DB\" TEMPLATE \"$TEMPLATE\"" >/dev/null 2>&1 && break
  [ "$attempt" -eq 20 ] && { echo "run.sh: could not create $DB from $TEMPLATE" >&2; exit 1; }
  sleep 0.3   # the template is briefly in use by a parallel CREATE DATABASE
done

ConnectionStrings__catalystdb="$CATALYST_TEST_PG;Database=$DB" \
ConnectionStrings__cache="$CATALYST_TEST_REDIS" \
Catalyst__Redis__InstanceName="$DB" \
Catalyst__Redis__ChannelPrefix="$DB:" \
Catalyst__ApiKeys__mcpts="$KEY" \
Catalyst__Mode=Simulation \
Catalyst__Risk__ParametersFile="$RISK_FILE" \
Catalyst__Simulation__Date=2026-03-10 \
Catalyst__Simulation__Speed=300 \
Catalyst__Simulation__AutoStart=Off \
ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
ASPNETCORE_ENVIRONMENT=Production \
Logging__LogLevel__Default=Warning \
  dotnet "$DLL" >"$LOG" 2>&1 &
HOST_PID=$!

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$HOST_PID" 2>/dev/null || { echo "run.sh: the Host exited:"; tail -n 40 "$LOG"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/alive" >/dev/null || { echo "run.sh: the Host did not become healthy:"; tail -n 40 "$LOG"; exit 1; }

if CATALYST_MCP_URL="http://127.0.0.1:$PORT/mcp" CATALYST_API_KEY="$KEY" node conversation.mjs; then
  echo "run.sh: MCP conversation passed"
else
  status=$?
  echo "run.sh: MCP conversation failed; Host log tail:"; tail -n 60 "$LOG"
  exit $status
fi
rm -f "$LOG"
