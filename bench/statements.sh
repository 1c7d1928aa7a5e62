#!/usr/bin/env bash
# The monthly statement run and its delivery on the M-sized book (20,000 customers, 1,000,000 invoices), each
# beside its floor, in one run (see docs/performance.md):
#   (a) the floor: rendering statements already read into memory, no database (ArLedger.Bench render-floor), on one
#       core and on all; then the run itself, `run-job Statements` in the app's own process: read, render, archive
#       and queue the email of every customer's statement;
#   (b) the floor: MailKit sending messages of a statement's size straight to a local SMTP catcher; then the app
#       (one instance, its background outbox drain) sending the run's statements to the same catcher;
#   (c) the app's peak resident memory during (a) and during (b).
# The seeded book is kept in $BENCH_DB (seeded once, ~3-6 min); each run works on a fresh copy of it.
#
#   bench/statements.sh
#   FLOOR_COUNT=1000 bench/statements.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH_DB="${BENCH_DB:-arledger_bench}"
RUN_DB="${BENCH_DB}_statements"
FLOOR_COUNT="${FLOOR_COUNT:-2000}"
SMTP_PORT="${SMTP_PORT:-2526}"
APP_URL="http://127.0.0.1:${APP_PORT:-5199}"
WORK="$(mktemp -d)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

BENCH_PACKAGES="fonts-dejavu-core python3-aiosmtpd curl bc" source "$ROOT/bench/m-book.sh"

SINK_PID="" APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
start_sink() {
  [ -n "$SINK_PID" ] && kill "$SINK_PID" && wait "$SINK_PID" 2>/dev/null || true
  echo "0 0" >"$WORK/sink"
  /usr/bin/python3 bench/smtp-sink.py "$WORK/sink" "$SMTP_PORT" &
  SINK_PID=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null; do sleep 0.2; done
}

echo "Copying the book into $RUN_DB..." >&2
sql postgres "drop database if exists $RUN_DB with (force)"
sql postgres "create database $RUN_DB template $BENCH_DB owner arledger"
export ConnectionStrings__ArLedger="$(cs "$RUN_DB")"
# The app as it runs in production, without a job server (the run below is started by the verb) and with the
# background drain off until (b).
export Jobs__Enabled=false Mail__DispatchInBackground=false Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" Smtp__Security=None

echo "(a) render floor" >&2
"${BENCH[@]}" render-floor --count "$FLOOR_COUNT" | tee "$WORK/floor"
PDF_BYTES="$(sed -n 's/^pdf-bytes //p' "$WORK/floor")"

echo "(a) the statement run" >&2
/usr/bin/time -f "%M" -o "$WORK/run-rss" bash -c 'cd "$0" && exec dotnet ArLedger.Web.dll run-job Statements' "$APP_DIR"
read -r TOTAL RUN_S <<<"$(sql "$RUN_DB" "select total, round(extract(epoch from finished_at - started_at)::numeric, 1) from job_runs where job_name = 'Statements' order by id desc limit 1" | tr '|' ' ')"
QUEUED="$(sql "$RUN_DB" "select count(*) from outbox_messages where status = 'Pending' and correlation_key like 'statement:%'")"
echo "statement run: $TOTAL statements in $RUN_S s = $(echo "scale=1; $TOTAL / $RUN_S" | bc) statements/s; $QUEUED emails queued; peak RSS $(( $(cat "$WORK/run-rss") / 1024 )) MB"

echo "(b) SMTP floor" >&2
start_sink
"${BENCH[@]}" smtp-floor --port "$SMTP_PORT" --count 2000 --connections 4 --bytes "$PDF_BYTES"

echo "(b) the outbox drain" >&2
start_sink
cd "$APP_DIR"
Mail__DispatchInBackground=true ASPNETCORE_URLS="$APP_URL" dotnet ArLedger.Web.dll >"$WORK/app.log" 2>&1 &
APP_PID=$!
STARTED=$SECONDS
deadline=$((SECONDS + 1800))
while [ "$(sql "$RUN_DB" "select count(*) from outbox_messages where status = 'Pending'")" != 0 ]; do
  if ! kill -0 "$APP_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
    tail -n 30 "$WORK/app.log" >&2
    echo "The outbox was not drained." >&2
    exit 1
  fi
  sleep 2
done
DRAIN_RSS_KB="$(awk '/VmHWM/ { print $2 }' "/proc/$APP_PID/status")"
WALL=$((SECONDS - STARTED))
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
cd "$ROOT"
read -r SENT SEND_S <<<"$(sql "$RUN_DB" "select count(*), round(extract(epoch from max(sent_at) - min(sent_at))::numeric, 1) from outbox_messages where status = 'Sent'" | tr '|' ' ')"
read -r CAUGHT CAUGHT_BYTES <"$WORK/sink"
echo "outbox drain: $SENT sent in $SEND_S s (first to last) = $(echo "scale=1; $SENT / $SEND_S" | bc) messages/s; the catcher received $CAUGHT ($(( CAUGHT_BYTES / 1048576 )) MB); ${WALL} s from app start to an empty outbox; peak RSS $(( DRAIN_RSS_KB / 1024 )) MB"
echo "run started to all sent: $(echo "$RUN_S + $SEND_S" | bc) s"
