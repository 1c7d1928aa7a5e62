# Sourced by the benches that work on the M-sized book (20,000 customers, 1,000,000 invoices): a PostgreSQL server,
# the helpers cs (a database's connection string), sql (a statement as postgres), app (the Release app run from its
# own folder, as deployed, so it reads its appsettings.json) and BENCH (the bench helper), and the seeded book in
# $BENCH_DB (seeded once, ~3-6 min). Expects ROOT and BENCH_DB; extra Debian packages in $BENCH_PACKAGES.
"$ROOT/scripts/apt-ensure.sh" time ${BENCH_PACKAGES:-}
SERVER_CS="$("$ROOT/scripts/postgres.sh")"
cs() { echo "$SERVER_CS" | sed "s/Database=[^;]*/Database=$1/"; }
sql() { runuser -u postgres -- psql -d "$1" -qtAc "$2"; }
sql postgres "select 1 from pg_database where datname = '$BENCH_DB'" | grep -q 1 \
  || sql postgres "create database $BENCH_DB owner arledger"

dotnet build src/ArLedger.Web -c Release -nologo -v:q
dotnet build bench/ArLedger.Bench -c Release -nologo -v:q
APP_DIR="$ROOT/src/ArLedger.Web/bin/Release/net10.0"
app() { (cd "$APP_DIR" && exec dotnet ArLedger.Web.dll "$@"); }
BENCH=(dotnet bench/ArLedger.Bench/bin/Release/net10.0/ArLedger.Bench.dll)
ConnectionStrings__ArLedger="$(cs "$BENCH_DB")" app seed --customers 20000 --invoices-per-customer 50
