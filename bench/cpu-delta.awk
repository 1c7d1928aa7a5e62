# Reads two bench/cpu.sh samples (before, after) and a request count; prints "APP_MS_PER_REQ | PG_MS_PER_REQ".
# A backend that appears only after counts whole (it started during the run); one that left is not counted.
# Usage: awk -v n=REQUESTS -f bench/cpu-delta.awk before.txt after.txt
FNR == NR { before[$1] = $2; next }
{ delta = $2 - ($1 in before ? before[$1] : 0); if ($1 == "app") app += delta; else pg += delta }
END { printf "%.1f | %.1f", app / n, pg / n }
