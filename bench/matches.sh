#!/usr/bin/env bash
# Suggested matches at scale (see bench/README.md, "Suggested matches"). Fills a fresh PostgreSQL database with
# `seed-synthetic --listings N` (default 100,000 offers, needs and two-way exchanges), then times the matches of open
# needs with `bench-matches` (one call after another: latency percentiles, SQL statements per call), prints the query
# plan of the candidate query for the first need, and drops the database.
#
#   bench/matches.sh "Host=127.0.0.1;Username=ssc;Password=ssc" [listings, default 100000] [database, default ssc_bench_matches]
set -euo pipefail
cd "$(dirname "$0")/.."

server="${1:?usage: bench/matches.sh <PostgreSQL connection string without Database> [listings] [database]}"
listings="${2:-100000}"
database="${3:-ssc_bench_matches}"
connection="$server;Database=$database"
out="$(mktemp -d)"
host=$(sed -E 's/.*Host=([^;]*).*/\1/' <<<"$server"); user=$(sed -E 's/.*Username=([^;]*).*/\1/' <<<"$server")
export PGPASSWORD=$(sed -E 's/.*Password=([^;]*).*/\1/' <<<"$server")
psql -h "$host" -U "$user" -d postgres -qc "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
trap 'psql -h "$host" -U "$user" -d postgres -qc "DROP DATABASE IF EXISTS $database (FORCE)"; rm -rf "$out"' EXIT

# BENCH_APP names an already built Release output folder to use instead of publishing afresh.
app="${BENCH_APP:-}"
if [ -z "$app" ]; then dotnet publish src/SscPortal.Web -c Release -o "$out/app" --nologo -v quiet >/dev/null; app="$out/app"; fi
run() { ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Postgres="$connection" \
    Serilog__MinimumLevel__Default=Warning nice -n 10 dotnet "$app/SscPortal.Web.dll" "$@"; }
time run seed-synthetic --listings "$listings"
run bench-matches --needs 20 --calls 10
