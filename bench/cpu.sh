#!/usr/bin/env bash
# Prints the CPU time (ms, user + system) used so far by a process and by the PostgreSQL backends serving a database.
# Usage: bench/cpu.sh APP_PID DATABASE   ->   "APP_MS PG_MS"
set -euo pipefail
tick_ms=$((1000 / $(getconf CLK_TCK)))
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
app=$(( $(ticks "$1") * tick_ms ))
pg=0
for pid in $(pgrep -f "postgres: .* $2 " || true); do
  pg=$(( pg + $(ticks "$pid") * tick_ms ))
done
echo "$app $pg"
