#!/usr/bin/env bash
# Runs every ArLedger test: makes sure a Docker engine answers (installs Debian's docker.io and starts
# dockerd for the run when none does) and has the PostgreSQL image the tests start with Testcontainers
# (scripts/test-postgres-image.sh), installs the OS packages the tests use (Chromium for the browser
# tests, poppler-utils to read PDFs back, DejaVu fonts, aiosmtpd as the SMTP server the mail tests
# start), builds the solution in Release and runs `dotnet test`. No PostgreSQL on the host is used.
#
# Results go to artifacts/: TRX files in artifacts/test-results/, and tests write their screenshots
# and PDFs under $ARLEDGER_ARTIFACTS (= artifacts/). Exits non-zero when the build or any test fails.
# Extra arguments go to `dotnet test`, e.g.  scripts/test.sh --filter "FullyQualifiedName~Aging"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export ARLEDGER_ARTIFACTS="$ROOT/artifacts"
RESULTS="$ARLEDGER_ARTIFACTS/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# The Docker engine. Test runs on one machine share it: one run at a time starts or stops it (lock on
# fd 8), each run holds a shared lock on fd 9 while it uses it, and the run that started dockerd stops
# it at the end only when no other run holds that one.
LOCKS="${TMPDIR:-/tmp}/arledger-test-docker"
exec 8>"$LOCKS.setup" 9>"$LOCKS.users"
flock -x 8
DOCKERD_PID=""
# Every test container is labelled with this run's name; any left at the end is removed and fails the run.
export ARLEDGER_TEST_RUN="${ARLEDGER_TEST_RUN:-run-$(date +%s)-$$}"
finish() {
  local left
  left="$(docker ps -aq --filter "label=arledger.tests.run=$ARLEDGER_TEST_RUN" 2>/dev/null || true)"
  if [ -n "$left" ]; then
    echo "Test containers left behind, removing them: $(echo $left)" >&2
    docker rm -f $left >/dev/null || true
  fi
  if [ -n "$DOCKERD_PID" ]; then
    flock -x 8
    if flock -n -x 9; then
      echo "Stopping the Docker engine this run started..." >&2
      kill "$DOCKERD_PID" 2>/dev/null || true
      local deadline=$((SECONDS + 60))
      while kill -0 "$DOCKERD_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
    else
      echo "Docker engine left running: another test run is using it." >&2
    fi
  fi
}
trap finish EXIT
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null 2>&1 || "$ROOT/scripts/apt-ensure.sh" docker.io
  DOCKERD_LOG="$ARLEDGER_ARTIFACTS/dockerd.log"
  echo "Starting the Docker engine (log: $DOCKERD_LOG)..." >&2
  # Its own session, so an interrupt of this script reaches dockerd only through finish().
  # Without the lock files: the engine must not hold this run's locks.
  setsid dockerd >"$DOCKERD_LOG" 2>&1 </dev/null 8>&- 9>&- &
  DOCKERD_PID=$!
  deadline=$((SECONDS + 120))
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$DOCKERD_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$DOCKERD_LOG" >&2
      echo "The Docker engine did not answer (log: $DOCKERD_LOG)." >&2
      exit 1
    fi
    sleep 0.5
  done
fi
flock -s 9
# Still under the setup lock, so that two runs do not build the image at once.
ARLEDGER_TEST_POSTGRES_IMAGE="$("$ROOT/scripts/test-postgres-image.sh")"
export ARLEDGER_TEST_POSTGRES_IMAGE
flock -u 8

# Testcontainers: its reaper's image cannot be pulled everywhere, and the fixture removes its own
# container; clients connect to the container's port mapped on loopback.
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}"

"$ROOT/scripts/apt-ensure.sh" chromium poppler-utils fonts-dejavu-core python3-aiosmtpd
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Kiota, which generates the API client the tests use from docs/openapi.json (.config/dotnet-tools.json).
dotnet tool restore >/dev/null
echo "Building ArLedger.sln (Release)..." >&2
dotnet build ArLedger.sln -c Release -nologo -v:q

# Test assemblies run one after another (-m:1); inside each, xunit runs test classes in parallel on
# the machine's cores. On two cores this keeps browser tests and database tests from starving
# each other. A test that hangs for 15 minutes is stopped and named instead of eating the CI budget.
echo "Running tests..." >&2
status=0
dotnet test ArLedger.sln -c Release --no-build -nologo -m:1 \
  --logger "console;verbosity=normal" \
  --logger "trx" \
  --results-directory "$RESULTS" \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  "$@" || status=$?

left="$(docker ps -aq --filter "label=arledger.tests.run=$ARLEDGER_TEST_RUN")"
if [ -n "$left" ]; then
  echo "The test run left PostgreSQL containers behind: $(echo $left)" >&2
else
  echo "No test container left behind (docker ps -a, label arledger.tests.run=$ARLEDGER_TEST_RUN)." >&2
fi

# One closing line over every test assembly, from the TRX files.
count() { local v; v="$(echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")"; echo "${v:-0}"; }
passed=0 failed=0 skipped=0 files=0
for trx in "$RESULTS"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count total) - $(count executed)))
  files=$((files + 1))
done
echo
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with code $status." >&2
fi
if [ "$files" -eq 0 ]; then
  echo "No test assembly ran."
else
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
fi
if [ -n "$left" ] && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
