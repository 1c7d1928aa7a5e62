#!/usr/bin/env bash
# Runs every ArLedger test: provisions PostgreSQL and the OS packages the tests use (Chromium for the
# browser tests, poppler-utils to read PDFs back, DejaVu fonts, aiosmtpd as the SMTP server the mail
# tests start), builds the solution in Release and runs `dotnet test`.
#
# Results go to artifacts/: TRX files in artifacts/test-results/, and tests write their screenshots
# and PDFs under $ARLEDGER_ARTIFACTS (= artifacts/). Exits non-zero when the build or any test fails.
# Extra arguments go to `dotnet test`, e.g.  scripts/test.sh --filter "FullyQualifiedName~Aging"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ConnectionStrings__ArLedger="$("$ROOT/scripts/postgres.sh")"
export ConnectionStrings__ArLedger

"$ROOT/scripts/apt-ensure.sh" chromium poppler-utils fonts-dejavu-core python3-aiosmtpd

export ARLEDGER_ARTIFACTS="$ROOT/artifacts"
RESULTS="$ARLEDGER_ARTIFACTS/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

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
exit "$status"
