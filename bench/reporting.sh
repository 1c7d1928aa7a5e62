#!/usr/bin/env bash
# The aging report beside one bare GROUP BY over the same open items, on the M-sized book (20,000 customers,
# 1,000,000 invoices). The monthly statements are measured by bench/statements.sh.
#
#   bench/reporting.sh                 # seeds arledger_bench once if it is empty (~2.5 min), then measures
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH_DB="${BENCH_DB:-arledger_bench}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$ROOT/scripts/apt-ensure.sh" fonts-dejavu-core
SERVER_CS="$("$ROOT/scripts/postgres.sh")"
ConnectionStrings__ArLedger="$(echo "$SERVER_CS" | sed "s/Database=[^;]*/Database=$BENCH_DB/")"
export ConnectionStrings__ArLedger
runuser -u postgres -- psql -qtAc "select 1 from pg_database where datname = '$BENCH_DB'" | grep -q 1 \
  || runuser -u postgres -- psql -qc "create database $BENCH_DB owner arledger"

dotnet build src/ArLedger.Web -c Release -nologo -v:q
dotnet build bench/ArLedger.Bench -c Release -nologo -v:q
# The seed verb migrates first and does nothing on a book that already has customers.
dotnet src/ArLedger.Web/bin/Release/net10.0/ArLedger.Web.dll seed --customers 20000 --invoices-per-customer 50

BENCH="dotnet bench/ArLedger.Bench/bin/Release/net10.0/ArLedger.Bench.dll"
$BENCH aging --repeat 5
