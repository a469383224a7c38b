#!/usr/bin/env bash
# Runs every test of Catalyst against a throwaway PostgreSQL and Redis, then prints "N passed, N failed".
#   ./test.sh                 install what is missing, start servers on free loopback ports, build, test, stop
#   ./test.sh --keep-servers  leave the servers running and write /tmp/catalyst-test-env.sh for `dotnet test` by hand
#   ./test.sh --filter X      pass a dotnet test filter through (e.g. --filter FullyQualifiedName~Risk)
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

KEEP=0; FILTER=()
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-servers) KEEP=1 ;;
    --filter) FILTER=(--filter "$2"); shift ;;
    *) echo "test.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '\033[1;34m[test.sh]\033[0m %s\n' "$*"; }

# --- install what is missing ------------------------------------------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
need=()
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v nginx >/dev/null || need+=(nginx-light)
python3 -c 'import aiosmtpd' 2>/dev/null || /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "test.sh: could not install ${need[*]}" >&2; exit 1; }
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK is required (https://dot.net)" >&2; exit 1; }

# --- reference data (shared/reference, kept outside the repository) ------------------------------------------------
# Beside the checkout as CI clones it; for a clone made elsewhere from a local checkout (git clone /path/to/repo),
# beside that origin. CATALYST_REFERENCE_DIR, when set, wins.
if [ -z "${CATALYST_REFERENCE_DIR:-}" ]; then
  for candidate in "$ROOT/../shared/reference" "$(git -C "$ROOT" config --get remote.origin.url 2>/dev/null)/../shared/reference"; do
    if [ -d "$candidate" ]; then CATALYST_REFERENCE_DIR=$(cd "$candidate" && pwd); break; fi
  done
fi
if [ -z "${CATALYST_REFERENCE_DIR:-}" ] || [ ! -d "$CATALYST_REFERENCE_DIR" ]; then
  echo "test.sh: the reference data (shared/reference) is not beside this checkout or its origin; set CATALYST_REFERENCE_DIR" >&2
  exit 1
fi
export CATALYST_REFERENCE_DIR

# --- throwaway servers --------------------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
WORK=$(mktemp -d /tmp/catalyst-test.XXXXXX)
PGPORT=$(free_port); REDISPORT=$(free_port)
AS_PG=(); if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$WORK"; AS_PG=(runuser -u postgres --); fi
chmod 700 "$WORK"

stop_servers() {
  [ "$KEEP" -eq 1 ] && return
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1
  redis-cli -p "$REDISPORT" shutdown nosave >/dev/null 2>&1
  rm -rf "$WORK"
}
trap stop_servers EXIT

log "starting PostgreSQL on 127.0.0.1:$PGPORT and Redis on 127.0.0.1:$REDISPORT"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log"; exit 1; }
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$WORK -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
  || { cat "$WORK/postgres.log"; exit 1; }
redis-server --bind 127.0.0.1 --port "$REDISPORT" --daemonize yes --save '' --appendonly no \
  --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" >/dev/null || { echo "redis failed"; exit 1; }

export CATALYST_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres"
export CATALYST_TEST_REDIS="127.0.0.1:$REDISPORT"
export CATALYST_TEST_TEMPLATE="catalyst_template"
export CATALYST_TEST_PG_PORT="$PGPORT" CATALYST_TEST_REDIS_PORT="$REDISPORT" CATALYST_TEST_PGBIN="$PGBIN" CATALYST_TEST_WORK="$WORK"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ "$KEEP" -eq 1 ] && cat > /tmp/catalyst-test-env.sh <<ENV
export CATALYST_TEST_PG="$CATALYST_TEST_PG"
export CATALYST_TEST_REDIS="$CATALYST_TEST_REDIS"
export CATALYST_TEST_TEMPLATE="$CATALYST_TEST_TEMPLATE"
export CATALYST_TEST_PG_PORT="$PGPORT" CATALYST_TEST_REDIS_PORT="$REDISPORT" CATALYST_TEST_PGBIN="$PGBIN" CATALYST_TEST_WORK="$WORK" CATALYST_REFERENCE_DIR="$CATALYST_REFERENCE_DIR"
ENV

# --- build, migrate the template, test ------------------------------------------------------------------------------
log "building"
dotnet build Catalyst.sln -c Debug -nologo -clp:ErrorsOnly >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; echo "0 passed, 1 failed"; exit 1; }

log "migrating the template database"
psql_admin() { "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qAt "$@"; }
psql_admin -c "CREATE DATABASE $CATALYST_TEST_TEMPLATE" >/dev/null
ConnectionStrings__catalystdb="$CATALYST_TEST_PG;Database=$CATALYST_TEST_TEMPLATE" \
  dotnet run --no-build --project migrations/Catalyst.Migrator >"$WORK/migrator.log" 2>&1 \
  || { cat "$WORK/migrator.log"; echo "0 passed, 1 failed"; exit 1; }

mapfile -t PROJECTS < <(find tests -name '*Tests.csproj' | sort)
PASSED=0; FAILED=0; SKIPPED=0
for project in "${PROJECTS[@]}"; do
  name=$(basename "$project" .csproj)
  log "testing $name"
  out="$WORK/$name.log"
  trx="$WORK/trx/$name"
  dotnet test "$project" --no-build -nologo "${FILTER[@]}" --logger "trx;LogFileName=results.trx" --results-directory "$trx" >"$out" 2>&1
  rc=$?
  # The TRX file is the one count every test adapter agrees on; console summaries change with verbosity.
  counters=$(grep -o '<Counters [^>]*>' "$trx/results.trx" 2>/dev/null | head -n 1)
  if [ -n "$counters" ]; then
    attr() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
    p=$(attr passed); f=$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) )); t=$(attr total)
    s=$(( t - p - f )); [ "$s" -lt 0 ] && s=0
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
    echo "  $p passed, $f failed, $s skipped"
    if [ "$f" -gt 0 ]; then grep -E '^\s+Failed |Error Message|Expected|But was|Exception' "$out" | head -n 60; fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then FAILED=$((FAILED + 1)); echo "  $name exited $rc"; tail -n 30 "$out"; fi
  elif [ "$rc" -ne 0 ]; then
    FAILED=$((FAILED + 1))
    echo "  $name did not report results (exit $rc):"; tail -n 40 "$out"
  else
    echo "  no tests matched"
  fi
done

# The same MCP conversation through the official TypeScript SDK, when Node is present.
if [ -f tests/mcp-client/run.sh ] && command -v node >/dev/null; then
  log "testing the MCP endpoint with the TypeScript SDK"
  if bash tests/mcp-client/run.sh >"$WORK/mcp-ts.log" 2>&1; then
    PASSED=$((PASSED + 1)); echo "  TypeScript MCP client: passed"
  else
    FAILED=$((FAILED + 1)); echo "  TypeScript MCP client: failed"; tail -n 40 "$WORK/mcp-ts.log"
  fi
fi

line="$PASSED passed, $FAILED failed"
[ "$SKIPPED" -gt 0 ] && line="$line, $SKIPPED skipped"
echo "$line"
[ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
