#!/usr/bin/env bash
# CPU time (ms, user + system) of the app and of each PostgreSQL backend serving a database, one "NAME MS" per line:
# "app MS" first, then "PID MS" per backend. bench/cpu-delta.awk subtracts two such samples.
# Usage: bench/cpu.sh APP_PID DATABASE
set -euo pipefail
tick_ms=$((1000 / $(getconf CLK_TCK)))
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
echo "app $(( $(ticks "$1") * tick_ms ))"
for pid in $(pgrep -f "postgres: .* $2 " || true); do
  echo "$pid $(( $(ticks "$pid") * tick_ms ))"
done
