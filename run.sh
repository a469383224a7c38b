#!/usr/bin/env bash
# Starts Catalyst on this machine in Simulation mode: a simulated market, news and broker on a virtual clock, no keys.
#   ./run.sh                      install what is missing, start PostgreSQL, Redis, migrate, start the Host, print the
#                                 URLs and the API key, and trade a whole seeded day by itself (about 8 minutes)
#   ./run.sh --port 8080          pick the HTTP port (default: 5080, or a free one)
#   ./run.sh --data-dir DIR       keep the database, logs and API key somewhere else than .catalyst/
# Settings are environment variables (README "Configuration"), e.g.
#   Catalyst__Simulation__AutoStart=supervised|autonomous|off  Catalyst__Simulation__Speed=60|max|1
#   Catalyst__Simulation__Seed=7  Catalyst__Simulation__Date=2026-11-27
# Stop with Ctrl+C: the Host, Redis and PostgreSQL stop in order; the data stays in .catalyst/.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\033[1;34m[run.sh]\033[0m %s\n' "$*"; }

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} (Debian/Ubuntu packages)"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null; then
  log "installing the .NET 10 SDK"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dotnet-sdk-10.0 >/dev/null 2>&1 || {
    echo "run.sh: the .NET 10 SDK is required and is not in this machine's package sources." >&2
    echo "        Install it (https://dot.net/download or Microsoft's package feed), then run ./run.sh again." >&2
    exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export Catalyst__Mode="${Catalyst__Mode:-Simulation}"
# A new user sees the whole day trade by itself; set AutoStart=off to drive it from Claude instead.
export Catalyst__Simulation__AutoStart="${Catalyst__Simulation__AutoStart:-autonomous}"
export Catalyst__Simulation__Speed="${Catalyst__Simulation__Speed:-60}"

log "building (the first run restores packages; later runs take seconds)"
dotnet build Catalyst.AppHost/Catalyst.AppHost.csproj -nologo -clp:ErrorsOnly -v q
# Foreground on purpose: Ctrl+C reaches the AppHost, which stops the Host, Redis and PostgreSQL in order.
exec dotnet run --no-build --project Catalyst.AppHost -- run "$@"
