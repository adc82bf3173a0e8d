#!/usr/bin/env bash
# A PostgreSQL server on loopback for the PostgreSQL store's tests (and benchmarks), as CI starts it.
#
#   eval "$(scripts/test-postgres.sh start)"   # installs Debian's postgresql if missing, starts a server, prints the exports
#   swift test --filter AttachePostgresTests
#   scripts/test-postgres.sh stop              # stops it and removes its files
#
# start prints (on stdout, nothing else goes there):
#   ATTACHE_TEST_POSTGRES     postgres://attache@127.0.0.1:PORT/attache_test?sslmode=disable&passwordFile=DIR/password
#   ATTACHE_TEST_POSTGRES_CA  the CA that signed the server's certificate (TLS is on; for the verify-full tests)
# The role `attache` has a random password (in DIR/password, mode 0600) and owns the database; each test makes a
# schema of its own in it and drops it. Settings: ATTACHE_PG_DIR (default /tmp/attache-pg), ATTACHE_PG_PORT (default
# 55432, or the next free port). The server runs as the `postgres` user (initdb refuses root), with fsync on.
set -euo pipefail

dir=${ATTACHE_PG_DIR:-/tmp/attache-pg}
port=${ATTACHE_PG_PORT:-55432}

log() { echo "test-postgres: $*" >&2; }

pg_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        log "installing postgresql (apt-get)"
        command -v apt-get >/dev/null || { log "no apt-get: install PostgreSQL's server yourself"; exit 1; }
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql openssl) >&2 \
            || { log "cannot install postgresql"; exit 1; }
        bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    fi
    echo "$bin"
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

print_env() {
    local p
    p=$(cat "$dir/port")
    echo "export ATTACHE_TEST_POSTGRES='postgres://attache@127.0.0.1:$p/attache_test?sslmode=disable&passwordFile=$dir/password'"
    echo "export ATTACHE_TEST_POSTGRES_CA='$dir/ca.pem'"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
    local bin
    bin=$(pg_bin)
    if [ -f "$dir/data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        log "already running ($dir)"
        print_env
        return
    fi
    command -v openssl >/dev/null || { log "openssl is needed for the server's certificate"; exit 1; }
    rm -rf "$dir"
    mkdir -p "$dir"
    while port_busy "$port"; do port=$((port + 1)); done
    echo "$port" > "$dir/port"

    # The role's password: random, readable by this user only.
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/password")

    # A CA and a server certificate for 127.0.0.1 and localhost (TLS tests use verify-full against the CA).
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=attache test CA" \
        -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/server-key.pem" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$dir/san.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" -CAcreateserial -days 2 \
        -extfile "$dir/san.ext" -out "$dir/server.pem" 2>/dev/null
    rm -f "$dir/ca-key.pem" "$dir/server.csr" "$dir/san.ext"

    mkdir -p "$dir/data" "$dir/run"
    chown postgres "$dir/data" "$dir/run" "$dir/server.pem" "$dir/server-key.pem" 2>/dev/null || true
    chmod 600 "$dir/server-key.pem"
    chmod 755 "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 --no-sync >/dev/null
    cat >> "$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
max_connections = 300
ssl = on
ssl_cert_file = '$dir/server.pem'
ssl_key_file = '$dir/server-key.pem'
EOF
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/run/server.log" -w -t 60 start >/dev/null \
        || { log "the server did not start:"; tail -20 "$dir/run/server.log" >&2; exit 1; }
    local password
    password=$(cat "$dir/password")
    as_postgres "$bin/psql" -h "$dir/run" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >/dev/null <<EOF
CREATE ROLE attache LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE attache_test OWNER attache;
EOF
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
    print_env
}

stop() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
        as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
env) print_env ;;
*)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac
