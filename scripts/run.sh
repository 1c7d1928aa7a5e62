#!/usr/bin/env bash
# Runs ArLedger locally: provisions PostgreSQL, installs the fonts the PDFs need, starts a mail
# catcher with a web inbox, then runs the web app (which migrates the database and seeds demo data
# on its first run). Safe to run again: everything already in place is reused.
#
#   app:    http://localhost:5080
#   inbox:  http://localhost:1080  (every mail the app sends lands there; SMTP on 127.0.0.1:1025)
#
# Stop the app with Ctrl+C. The mail catcher keeps running; stop it with
#   kill "$(cat .data/maildev.pid)"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="$ROOT/.data"
TOOLS="$DATA/tools"
MAILDEV_VERSION="2.2.1"
SMTP_PORT=1025
INBOX_PORT=1080
APP_URL="http://localhost:5080"
mkdir -p "$DATA"

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# 1. PostgreSQL: the script prints the connection string on stdout.
ConnectionStrings__ArLedger="$("$ROOT/scripts/postgres.sh")"
export ConnectionStrings__ArLedger

# 2. OS packages: DejaVu fonts for the PDFs; curl for the readiness probe; Node.js for the mail catcher.
packages=(fonts-dejavu-core curl)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
"$ROOT/scripts/apt-ensure.sh" "${packages[@]}"

# 3. Mail catcher (maildev) in a project-local folder, started in the background unless already running.
if ! port_open "$SMTP_PORT"; then
  if [ ! -x "$TOOLS/node_modules/.bin/maildev" ]; then
    echo "Installing maildev $MAILDEV_VERSION into .data/tools..." >&2
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "maildev@$MAILDEV_VERSION" >&2
  fi
  echo "Starting maildev (SMTP 127.0.0.1:$SMTP_PORT, inbox http://localhost:$INBOX_PORT)..." >&2
  nohup setsid "$TOOLS/node_modules/.bin/maildev" \
    --smtp "$SMTP_PORT" --ip 127.0.0.1 --web "$INBOX_PORT" --web-ip 127.0.0.1 \
    >"$DATA/maildev.log" 2>&1 </dev/null &
  echo $! >"$DATA/maildev.pid"
  for _ in $(seq 1 60); do
    if port_open "$SMTP_PORT" && port_open "$INBOX_PORT"; then break; fi
    sleep 0.5
  done
  if ! port_open "$SMTP_PORT"; then
    echo "maildev did not start; see .data/maildev.log" >&2
    exit 1
  fi
else
  echo "A mail catcher already listens on 127.0.0.1:$SMTP_PORT; reusing it." >&2
fi

# 4. The app. A background probe prints where everything is once the app answers.
export Smtp__Host=127.0.0.1
export Smtp__Port="$SMTP_PORT"
export ArLedger__SeedDemoOnFirstRun=true

announce() {
  local app_pid=$1
  for _ in $(seq 1 600); do
    kill -0 "$app_pid" 2>/dev/null || return 0
    if curl -fsS -o /dev/null "$APP_URL/health/ready" 2>/dev/null; then
      local sign_in
      sign_in="$(grep -a 'Demo sign-in' "$DATA/app.log" 2>/dev/null | sed 's/.*Demo sign-in/Demo sign-in/' | sort -u | tail -n 5 || true)"
      {
        echo
        echo "================================================================"
        echo " ArLedger is running:  $APP_URL"
        echo " Mail inbox:           http://localhost:$INBOX_PORT"
        echo "${sign_in:- Demo sign-in: printed in .data/app.log when the demo data is seeded}" | sed 's/^\([^ ]\)/ \1/'
        echo " Stop with Ctrl+C."
        echo "================================================================"
        echo
      } >&2
      return 0
    fi
    sleep 1
  done
}

echo "Building and starting ArLedger (Release); the first build takes a minute..." >&2
announce $$ &
# exec keeps signals (Ctrl+C, SIGTERM) going straight to dotnet; the log is kept in .data/app.log.
exec > >(trap '' INT; exec tee -a "$DATA/app.log") 2>&1
exec dotnet run --project "$ROOT/src/ArLedger.Web" -c Release
