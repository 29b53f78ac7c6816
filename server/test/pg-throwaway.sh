#!/usr/bin/env bash
# A throwaway PostgreSQL on 127.0.0.1 for the server tests and the bench (fsync off, trust auth).
#   server/test/pg-throwaway.sh start   # prints the DATABASE_URL on stdout
#   server/test/pg-throwaway.sh stop
# Env: PG_PORT (55432), PG_DATA (/tmp/civic-pgdata). Installs `postgresql` with apt-get when missing.
set -euo pipefail
PORT="${PG_PORT:-55432}"
DATA="${PG_DATA:-/tmp/civic-pgdata}"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then bash -c "$1"
  elif [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$1"
  else sudo -u postgres bash -c "$1"; fi
}

bindir() {
  local initdb
  initdb="$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$initdb" ]; then
    echo "PostgreSQL not found: installing it with apt-get" >&2
    local SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
    initdb="$(ls -1d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
  fi
  dirname "$initdb"
}

case "${1:-}" in
  start)
    BIN="$(bindir)"
    if [ -f "$DATA/postmaster.pid" ] && as_postgres "'$BIN/pg_ctl' -D '$DATA' status" >/dev/null 2>&1; then
      echo "$URL"; exit 0
    fi
    rm -rf "$DATA"
    mkdir -p "$DATA"
    chown postgres "$DATA" 2>/dev/null || true
    as_postgres "'$BIN/initdb' -D '$DATA' -A trust -U postgres --no-sync" >/dev/null
    as_postgres "'$BIN/pg_ctl' -D '$DATA' -l '$DATA/server.log' -o \"-F -k /tmp -h 127.0.0.1 -p $PORT -c max_connections=200\" -w start" >/dev/null
    echo "$URL"
    ;;
  stop)
    BIN="$(bindir)"
    if [ -d "$DATA" ]; then
      as_postgres "'$BIN/pg_ctl' -D '$DATA' -m immediate -w stop" >/dev/null 2>&1 || true
      rm -rf "$DATA"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
