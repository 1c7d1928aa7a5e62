#!/usr/bin/env bash
# The long random walk: 10,000 seeded ledger operations from concurrent API clients against two app instances on
# one database, while instances and job runs (statements, dunning) are killed with SIGKILL and restarted at seeded
# steps, and lost answers are sent again with the same external id; then the interrupted runs are resumed, `verify`
# runs, and every acknowledged document is looked for (see Walk.cs). Prints the seed; SEED=N replays its operations.
# Exit code 0 when nothing was lost, doubled or broken.
#
#   bench/walk.sh
#   SEED=4711 STEPS=2000 KILLS=6 bench/walk.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WALK_DB="${WALK_DB:-arledger_walk}"
SEED="${SEED:-$((RANDOM * 2 + RANDOM % 2))}"
STEPS="${STEPS:-10000}"
CLIENTS="${CLIENTS:-4}"
KILLS="${KILLS:-20}"
SMTP_PORT="${SMTP_PORT:-2527}"
WORK="$(mktemp -d)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$ROOT/scripts/apt-ensure.sh" python3-aiosmtpd
SERVER_CS="$("$ROOT/scripts/postgres.sh")"
sql() { runuser -u postgres -- psql -d "$1" -qtAc "$2"; }
sql postgres "drop database if exists $WALK_DB with (force)"
sql postgres "create database $WALK_DB owner arledger"
export ConnectionStrings__ArLedger="$(echo "$SERVER_CS" | sed "s/Database=[^;]*/Database=$WALK_DB/")"

dotnet build src/ArLedger.Web -c Release -nologo -v:q
dotnet build bench/ArLedger.Bench -c Release -nologo -v:q
APP_DIR="$ROOT/src/ArLedger.Web/bin/Release/net10.0"
app() { (cd "$APP_DIR" && exec dotnet ArLedger.Web.dll "$@"); }

app migrate >/dev/null
KEY="$(app api-key create --name walk --role Clerk | tail -n 1)"

/usr/bin/python3 bench/smtp-sink.py "$WORK/sink" "$SMTP_PORT" &
SINK=$!
trap 'kill $SINK 2>/dev/null || true; echo "Logs of the instances and runs: $WORK" >&2' EXIT

# The instances run Hangfire (their outbox drains to the sink); no schedule fires by itself: the walk starts its runs.
export Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" Smtp__Security=None Logging__LogLevel__Default=Warning \
  Jobs__Dunning__Enabled=false Jobs__Statements__Enabled=false Jobs__AgingSnapshot__Enabled=false Jobs__PromiseReview__Enabled=false
dotnet bench/ArLedger.Bench/bin/Release/net10.0/ArLedger.Bench.dll walk --app "$APP_DIR" --work "$WORK" --key "$KEY" \
  --seed "$SEED" --steps "$STEPS" --clients "$CLIENTS" --kills "$KILLS"
echo "emails received by the SMTP sink (messages, bytes): $(cat "$WORK/sink" 2>/dev/null || echo '0 0')"
