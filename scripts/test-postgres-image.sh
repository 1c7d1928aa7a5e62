#!/usr/bin/env bash
# Makes sure the Docker engine has the PostgreSQL image the tests run, and prints its name on stdout
# (everything else goes to stderr). Usage: scripts/test-postgres-image.sh [IMAGE]
#
# IMAGE (default $ARLEDGER_TEST_POSTGRES_IMAGE, else postgres:15) is used when the engine has it or can
# pull it. Otherwise, on a machine that reaches no image registry, it builds arledger/postgres:15 once
# from Debian's own packages (debootstrap of bookworm with PostgreSQL 15 from the machine's apt mirror)
# and reuses it while it exists. Its entry point behaves like the official image's for what the tests
# use: POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB on first start, arguments passed to postgres,
# password logins from anywhere, and pg_isready on PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE="${1:-${ARLEDGER_TEST_POSTGRES_IMAGE:-postgres:15}}"
LOCAL_IMAGE="arledger/postgres:15"

has_image() { docker image inspect "$1" >/dev/null 2>&1; }

if has_image "$IMAGE" || docker pull -q "$IMAGE" >&2; then
  echo "$IMAGE"
  exit 0
fi
echo "Could not pull $IMAGE." >&2
if has_image "$LOCAL_IMAGE"; then
  echo "$LOCAL_IMAGE"
  exit 0
fi

echo "Building $LOCAL_IMAGE from Debian packages (once per machine)..." >&2
"$ROOT/scripts/apt-ensure.sh" debootstrap debian-archive-keyring

# The Debian mirror this machine's apt already uses; deb.debian.org when none is named.
MIRROR="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
  grep -oE '^(deb|URIs:)[[:space:]]+(\[[^]]*\][[:space:]]+)?https?://[^[:space:]]+' |
  grep -oE 'https?://[^[:space:]]+' | grep -E '/debian/?$' | head -n 1 || true)"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

ROOTFS="$(mktemp -d)"
trap 'rm -rf "$ROOTFS"' EXIT
log="$ROOTFS.log"
# Two stages, so that a policy-rc.d is in place before the packages configure: PostgreSQL's own start
# script must not start a server from inside the build folder on the machine's port 5432.
if ! { debootstrap --foreign --variant=minbase --include=postgresql bookworm "$ROOTFS" "$MIRROR" &&
       printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d" &&
       chmod 755 "$ROOTFS/usr/sbin/policy-rc.d" &&
       chroot "$ROOTFS" /debootstrap/debootstrap --second-stage; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "debootstrap from $MIRROR failed (full log: $log)." >&2
  exit 1
fi
rm -f "$log" "$ROOTFS/usr/sbin/policy-rc.d"

# The package's own cluster would make Debian's wrappers (pg_isready among them) look at its settings;
# the entry point creates the only cluster, in /var/lib/postgresql/data, on the container's first start.
rm -rf "$ROOTFS/etc/postgresql/15/main" "$ROOTFS/var/lib/postgresql/15/main"
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*

cat >"$ROOTFS/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
# Starts PostgreSQL 15 like the official image: creates the cluster on first start with POSTGRES_USER
# (superuser), POSTGRES_PASSWORD and POSTGRES_DB, then runs postgres with the container's arguments.
set -eu
[ "${1:-}" = postgres ] && shift
PGDATA="${PGDATA:-/var/lib/postgresql/data}"
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "POSTGRES_PASSWORD is not set." >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  # No syncs while creating a throwaway test server: a crash then means a new container, not repairs.
  as_postgres initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  if [ "$db" != postgres ]; then
    # Socket only while creating the database, so a check over TCP sees the server only when it is ready.
    as_postgres pg_ctl -D "$PGDATA" -w -s -o "-c listen_addresses='' -c fsync=off" start
    as_postgres psql -q -v ON_ERROR_STOP=1 -U "$user" -d postgres -c "create database \"$db\""
    as_postgres pg_ctl -D "$PGDATA" -w -s -m fast stop
  fi
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" "$@"
EOF
chmod 755 "$ROOTFS/usr/local/bin/docker-entrypoint.sh"

tar -C "$ROOTFS" -c . | docker import \
  -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
  -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'ENV PGDATA=/var/lib/postgresql/data' \
  -c 'ENV LANG=C.UTF-8' \
  -c 'ENV TZ=Etc/UTC' \
  -c 'EXPOSE 5432' \
  - "$LOCAL_IMAGE" >&2
echo "$LOCAL_IMAGE"
