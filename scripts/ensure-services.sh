#!/usr/bin/env bash
# The server tests run once on SQLite and once on PostgreSQL, and the multi-instance test
# needs Redis. This makes sure both answer on loopback, as the tests expect:
#   PostgreSQL on 127.0.0.1:5432, user postgres without password, database `test`
#   Redis on 127.0.0.1:6379
# It starts them when they are installed but stopped, and installs them from Debian
# (apt-get) when they are missing and we are root. Safe to run again: it does nothing when
# both already answer. Ports can be changed with SAMRAAD_PG_PORT and SAMRAAD_REDIS_PORT.
set -euo pipefail

PG_PORT="${SAMRAAD_PG_PORT:-5432}"
REDIS_PORT="${SAMRAAD_REDIS_PORT:-6379}"
APT_UPDATED=no

say() { echo "ensure-services: $*"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for_port() {
  for _ in $(seq 1 100); do listening "$1" && return 0; sleep 0.1; done
  return 1
}
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "trenger root for: $*"; return 1
  fi
}
apt_install() {
  if [ "$APT_UPDATED" = no ]; then as_root apt-get update -qq; APT_UPDATED=yes; fi
  # Debian's packages try to start their services; in a container without an init system
  # that fails harmlessly, and we start them ourselves below.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}
pg_query() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -Atqc "$2"; }

ensure_postgres() {
  if ! listening "$PG_PORT"; then
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
      say "installerer PostgreSQL fra Debian …"
      apt_install postgresql
    fi
    local version
    version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    if [ ! -d "/etc/postgresql/$version/main" ]; then as_root pg_createcluster "$version" main; fi
    say "starter PostgreSQL $version …"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_for_port "$PG_PORT" || { say "PostgreSQL svarer ikke på 127.0.0.1:$PG_PORT"; return 1; }
  fi
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  if ! pg_query postgres 'SELECT 1' >/dev/null 2>&1; then
    # A fresh Debian cluster wants a password over TCP; the tests log in as postgres
    # without one, on loopback only.
    local hba
    hba="$(ls /etc/postgresql/*/main/pg_hba.conf 2>/dev/null | sort -V | tail -1 || true)"
    if [ -n "$hba" ] && ! grep -q '^host all postgres 127.0.0.1/32 trust' "$hba"; then
      say "tillater postgres uten passord fra 127.0.0.1 ($hba)"
      as_root sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
      as_root pg_ctlcluster --skip-systemctl-redirect "$(basename "$(dirname "$(dirname "$hba")")")" main reload
      sleep 0.5
    fi
    pg_query postgres 'SELECT 1' >/dev/null || { say "kan ikke logge inn som postgres på 127.0.0.1:$PG_PORT"; return 1; }
  fi
  if [ "$(pg_query postgres "SELECT 1 FROM pg_database WHERE datname = 'test'")" != 1 ]; then
    pg_query postgres 'CREATE DATABASE test' || true
  fi
  say "PostgreSQL klar på 127.0.0.1:$PG_PORT (database test)"
}

ensure_redis() {
  if ! listening "$REDIS_PORT"; then
    if ! command -v redis-server >/dev/null 2>&1; then
      say "installerer Redis fra Debian …"
      apt_install redis-server
    fi
    listening "$REDIS_PORT" || redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
    wait_for_port "$REDIS_PORT" || { say "Redis svarer ikke på 127.0.0.1:$REDIS_PORT"; return 1; }
  fi
  say "Redis klar på 127.0.0.1:$REDIS_PORT"
}

ensure_postgres
ensure_redis
