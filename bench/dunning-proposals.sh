#!/usr/bin/env bash
# Times the weekly dunning run's proposals for one as-of date on the M-sized book (20,000 customers,
# 1,000,000 invoices), through the same code the Monday job runs: `run-job Dunning --as-of DATE`, Release build.
#
#   bench/dunning-proposals.sh                 # seeds arledger_bench once if it is empty, then times the run
#   AS_OF=2026-11-23 bench/dunning-proposals.sh
#
# Every level is set to need approval in the bench database first, so the run computes and saves proposals and
# exclusions and sends nothing. A run is once per date, so this date's earlier bench run (its proposals,
# exclusions and run rows; never letters, which it refuses to touch) is forgotten before timing it again.
# The database is shared with other benchmarks: it is created and seeded only when missing or empty, never dropped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
AS_OF="${AS_OF:-2026-11-23}"
CUSTOMERS="${CUSTOMERS:-20000}"
PER_CUSTOMER="${PER_CUSTOMER:-50}"
BENCH_DB="${BENCH_DB:-arledger_bench}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

SERVER_CS="$("$ROOT/scripts/postgres.sh")"
ConnectionStrings__ArLedger="$(echo "$SERVER_CS" | sed "s/Database=[^;]*/Database=$BENCH_DB/")"
export ConnectionStrings__ArLedger
PG_URL="$(echo "$SERVER_CS" | sed -E 's/Host=([^;]*);Port=([^;]*);Database=([^;]*);Username=([^;]*);Password=([^;]*)/postgresql:\/\/\4:\5@\1:\2/')"
psql_bench() { psql "$PG_URL/$BENCH_DB" -v ON_ERROR_STOP=1 -qtA "$@"; }

echo "== Build (Release)" >&2
dotnet build "$ROOT/src/ArLedger.Web" -c Release -nologo -v:q >&2
WEB=(dotnet "$ROOT/src/ArLedger.Web/bin/Release/net10.0/ArLedger.Web.dll")
web() { (cd "$ROOT/src/ArLedger.Web" && Logging__LogLevel__Default=Warning "${WEB[@]}" "$@"); }

if [ "$(psql "$PG_URL/postgres" -qtA -c "select 1 from pg_database where datname = '$BENCH_DB'")" != "1" ]; then
  psql "$PG_URL/postgres" -qtA -c "create database $BENCH_DB" >&2
fi
if [ "$(psql_bench -c "select count(*) from information_schema.tables where table_name = 'customers'")" = "0" ] ||
   [ "$(psql_bench -c "select count(*) from customers")" = "0" ]; then
  echo "== Seeding $CUSTOMERS customers x $PER_CUSTOMER invoices (a few minutes)" >&2
  web seed --customers "$CUSTOMERS" --invoices-per-customer "$PER_CUSTOMER" >&2
  psql_bench -c "vacuum analyze" 2>/dev/null
fi
web migrate >&2

if [ "$(psql_bench -c "select count(*) from dunning_notices where as_of = '$AS_OF'")" != "0" ]; then
  echo "Letters were sent for the run of $AS_OF in $BENCH_DB; choose another AS_OF." >&2
  exit 1
fi
psql_bench <<SQL
update dunning_levels set needs_approval = true where not needs_approval;
delete from dunning_proposal_items where proposal_id in (select id from dunning_proposals where as_of = '$AS_OF');
delete from dunning_proposals where as_of = '$AS_OF';
delete from dunning_exclusions where as_of = '$AS_OF';
delete from job_run_items where run_id in (select id from job_runs where job_name = 'Dunning' and run_key = '$AS_OF');
delete from job_runs where job_name = 'Dunning' and run_key = '$AS_OF';
analyze dunning_proposals, dunning_proposal_items, dunning_exclusions, dunning_notices;
SQL

echo "== Dunning run as of $AS_OF on $(psql_bench -c "select count(*) from customers") customers" >&2
LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
START="$(date +%s.%N)"
web run-job Dunning --as-of "$AS_OF"
END="$(date +%s.%N)"

psql_bench <<SQL
select 'proposals: ' || count(*) || ' letters, ' || coalesce(sum((select count(*) from dunning_proposal_items i where i.proposal_id = p.id)), 0)
       || ' invoices, by level ' || coalesce(string_agg(distinct level_no::text, ','), '-')
from dunning_proposals p where as_of = '$AS_OF';
select 'left out: ' || coalesce(string_agg(reason || ' ' || n, ', ' order by reason), 'nothing')
from (select reason, count(*) n from dunning_exclusions where as_of = '$AS_OF' group by reason) t;
select 'run: ' || status || ', ' || done || '/' || total || ' groups of up to 100 customers, '
       || round(extract(epoch from finished_at - started_at)::numeric, 1) || ' s between start and finish'
from job_runs where job_name = 'Dunning' and run_key = '$AS_OF';
SQL
awk -v s="$START" -v e="$END" -v l="$LOAD_BEFORE" 'BEGIN { printf "wall clock: %.1f s (process start included); load average before: %s\n", e - s, l }'
