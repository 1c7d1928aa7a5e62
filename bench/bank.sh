#!/usr/bin/env bash
# The morning bank import on the M-sized book (20,000 customers, 1,000,000 invoices): a camt.053 statement of
# $LINES lines (default 10,000) written from the book's open items, imported by `bank-import` in the app's own
# process: read, saved, matched against every open item, the sure matches posted as payments. Beside it, in the
# same run, its floors: reading the file alone, and the one query that loads the whole open book (what matching read
# before it loaded only the items the statement concerns; the app logs the time of its own queries). See docs/performance.md.
# Each run works on a fresh copy of the seeded book in $BENCH_DB.
#
#   bench/bank.sh
#   LINES=2000 bench/bank.sh
#   TRACE=/tmp/bank.nettrace bench/bank.sh     the import under dotnet-trace's CPU sampling (~/.dotnet/tools/dotnet-trace),
#                                             then `dotnet-trace report /tmp/bank.nettrace topN -n 40 --inclusive`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH_DB="${BENCH_DB:-arledger_bench}"
RUN_DB="${BENCH_DB}_bank"
LINES="${LINES:-10000}"
IBAN="FR7630004000031234567890143"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source "$ROOT/bench/m-book.sh"

echo "Copying the book into $RUN_DB..." >&2
sql postgres "drop database if exists $RUN_DB with (force)"
sql postgres "create database $RUN_DB template $BENCH_DB owner arledger"
export ConnectionStrings__ArLedger="$(cs "$RUN_DB")"
# Migrations the seeded book may not have yet, then the company's account.
app migrate >/dev/null
sql "$RUN_DB" "insert into bank_accounts (name, currency, iban, bank_code, branch_code, account_number, created_at, created_by)
  values ('BNP Paribas', 'EUR', '$IBAN', '30004', '00003', '12345678901', now(), 'bench') on conflict do nothing"
sql "$RUN_DB" "analyze"

"${BENCH[@]}" bank-file --lines "$LINES" --iban "$IBAN" --out "$WORK/statement.xml"
"${BENCH[@]}" bank-floor --file "$WORK/statement.xml"
echo "load before the import: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "bank-import: %e s wall, %U s user + %S s system CPU, %M KB peak" \
  env Logging__LogLevel__Default=Warning Logging__LogLevel__ArLedger.Bank=Information Jobs__Enabled=false \
  bash -c "cd '$APP_DIR' && exec ${TRACE:+$HOME/.dotnet/tools/dotnet-trace collect --profile dotnet-sampled-thread-time -o '$TRACE' --} dotnet ArLedger.Web.dll bank-import '$WORK/statement.xml'" \
  2> >(grep -v '^$' >&2) | grep -E "Bank file|\"newLines\"" | sed 's/^ *//' || true
echo "load after the import: $(cut -d' ' -f1-3 /proc/loadavg)"
sql "$RUN_DB" "select status, count(*) from bank_lines group by status order by status"
