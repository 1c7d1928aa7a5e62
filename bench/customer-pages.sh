#!/usr/bin/env bash
# Load test of the pages a clerk lives in, on the M-sized book (20,000 customers, 1,000,000 invoices):
# customer search, the list's next pages, and the customer page, each with wrk at 16 connections on loopback.
#
#   bench/customer-pages.sh            # builds Release, seeds arledger_bench once (~2.5 min), measures
#   DURATION=60s CONNECTIONS=16 bench/customer-pages.sh
#
# For each scenario it prints wrk's output and one table row: requests/s, p50/p95/p99/max latency (from wrk's
# histogram, in paths.lua's done()), and the CPU time the app and the PostgreSQL backends spent per request.
# The CPU figures do not depend on what else runs on the machine; latency does (the load average is reported).
# Results go to bench/results/ (not committed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
PORT="${PORT:-5097}"
CUSTOMERS="${CUSTOMERS:-20000}"
PER_CUSTOMER="${PER_CUSTOMER:-50}"
BENCH_DB="${BENCH_DB:-arledger_bench}"
USER_NAME=bench
PASSWORD="bench-password-$(date +%Y)"
OUT="$ROOT/bench/results"
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$ROOT/scripts/apt-ensure.sh" wrk curl
SERVER_CS="$("$ROOT/scripts/postgres.sh")"
ConnectionStrings__ArLedger="$(echo "$SERVER_CS" | sed "s/Database=[^;]*/Database=$BENCH_DB/")"
export ConnectionStrings__ArLedger
PG_URL="$(echo "$SERVER_CS" | sed -E 's/Host=([^;]*);Port=([^;]*);Database=([^;]*);Username=([^;]*);Password=([^;]*)/postgresql:\/\/\4:\5@\1:\2/')"
psql_bench() { psql "$PG_URL/$BENCH_DB" -v ON_ERROR_STOP=1 -qtA "$@"; }

echo "== Build (Release)" >&2
dotnet build "$ROOT/src/ArLedger.Web" -c Release -nologo -v:q >&2
dotnet build "$ROOT/bench/ArLedger.Bench" -c Release -nologo -v:q >&2
WEB=(dotnet "$ROOT/src/ArLedger.Web/bin/Release/net10.0/ArLedger.Web.dll")

if [ "$(psql "$PG_URL/postgres" -qtA -c "select 1 from pg_database where datname = '$BENCH_DB'")" != "1" ]; then
  psql "$PG_URL/postgres" -qtA -c "create database $BENCH_DB" >&2
fi
if [ "$(psql_bench -c "select count(*) from information_schema.tables where table_name = 'customers'")" = "0" ] ||
   [ "$(psql_bench -c "select count(*) from customers")" = "0" ]; then
  echo "== Seeding $CUSTOMERS customers x $PER_CUSTOMER invoices (a few minutes)" >&2
  (cd "$ROOT/src/ArLedger.Web" && "${WEB[@]}" seed --customers "$CUSTOMERS" --invoices-per-customer "$PER_CUSTOMER") >&2
  psql_bench -c "vacuum analyze" 2>/dev/null
else
  (cd "$ROOT/src/ArLedger.Web" && "${WEB[@]}" migrate) >&2
fi
if [ "$(psql_bench -c "select count(*) from users where user_name = '$USER_NAME'")" = "0" ]; then
  (cd "$ROOT/src/ArLedger.Web" && "${WEB[@]}" user create --name "$USER_NAME" --password "$PASSWORD" --role Clerk) >&2
fi

echo "== Starting the app on 127.0.0.1:$PORT" >&2
(cd "$ROOT/src/ArLedger.Web" && ASPNETCORE_ENVIRONMENT=Production \
  Mail__DispatchInBackground=false Logging__LogLevel__Default=Warning exec "${WEB[@]}" --urls "http://127.0.0.1:$PORT") >"$OUT/app.log" 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$OUT/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "$BASE/health/ready" || { echo "The app did not get ready; see $OUT/app.log" >&2; exit 1; }

echo "== Signing in as $USER_NAME" >&2
JAR="$OUT/cookies.txt"
rm -f "$JAR"
TOKEN="$(curl -fsS -c "$JAR" "$BASE/Account/SignIn" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)"
curl -fsS -o /dev/null -b "$JAR" -c "$JAR" -X POST "$BASE/Account/SignIn" \
  --data-urlencode "UserName=$USER_NAME" --data-urlencode "Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$TOKEN"
COOKIE="$(awk '$6 == "ArLedger.SignIn" { print $6 "=" $7 }' "$JAR")"
[ -n "$COOKIE" ] || { echo "Sign-in failed: no cookie" >&2; exit 1; }

echo "== Choosing the requests (search terms, list pages, customers)" >&2
dotnet "$ROOT/bench/ArLedger.Bench/bin/Release/net10.0/ArLedger.Bench.dll" paths \
  --base "$BASE" --cookie "$COOKIE" --out "$OUT" >&2

# Warm up: JIT, plan caches and PostgreSQL's buffers, so the figures are those of a running system.
for f in search pages customer; do
  COOKIE="$COOKIE" PATHS="$OUT/$f.txt" wrk -t1 -c4 -d5s -s "$ROOT/bench/paths.lua" "$BASE" >/dev/null
done

APP_DOTNET_PID="$(pgrep -f "ArLedger.Web.dll --urls http://127.0.0.1:$PORT" | head -n 1)"
REPORT="$OUT/report.md"
{
  echo "| scenario | requests/s | p50 | p95 | p99 | max | non-2xx | app CPU ms/req | PostgreSQL CPU ms/req | load average |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$REPORT"
for f in search pages customer; do
  echo "== wrk: $f ($CONNECTIONS connections, $DURATION)" >&2
  "$ROOT/bench/cpu.sh" "$APP_DOTNET_PID" "$BENCH_DB" >"$OUT/$f.cpu0"
  COOKIE="$COOKIE" PATHS="$OUT/$f.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
    -s "$ROOT/bench/paths.lua" "$BASE" | tee "$OUT/$f.wrk.txt" >&2
  "$ROOT/bench/cpu.sh" "$APP_DOTNET_PID" "$BENCH_DB" >"$OUT/$f.cpu1"
  requests="$(awk '/requests in/ { print $1 }' "$OUT/$f.wrk.txt")"
  cpu="$(awk -v n="$requests" -f "$ROOT/bench/cpu-delta.awk" "$OUT/$f.cpu0" "$OUT/$f.cpu1")"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  grep '^| ' "$OUT/$f.wrk.txt" | sed "s/^| /| $f | /; s/|\$/| $cpu | $load |/" >>"$REPORT"
done
echo >&2
cat "$REPORT"
