#!/usr/bin/env bash
# Cold questions (see bench/README.md, "Cold questions (issue 22)"): every question of bench/cold-questions.txt (catalogue
# searches with 0-3 facets, the catalogue with facets only, /stats, /api/v1/initiatives and the CSV export's first byte) asked
# ONCE, one after another, of a freshly started portal with the page cache off, as a reader whose question nobody asked
# before. Prints p50/p90/p99/max and SQL statements per kind, errors, the machine's load, and the slowest questions with
# the query plan of their slowest statement.
#
#   bench/cold.sh "Host=127.0.0.1;Username=ssc;Password=ssc;Database=ssc_bench_cold_100k"
#
# Environment:
#   RUNS=3             sequential runs, each on a freshly started portal (its caches empty); the tables show medians
#   BENCH_CLIENTS=3    then one more pass with that many clients at once (0: none; default 0)
#   BENCH_SAMPLE=30    ask only 30 questions, evenly spread over the list (short runs while developing)
#   BENCH_KINDS=search,stats   only these kinds (search, browse, stats, api, csv)
#   BENCH_TIMEOUT=60   seconds a question may take before it counts as a timeout
#   BENCH_LOG_MS=1     PostgreSQL logs (with parameters) every statement slower than this, for the plans (-1: off)
#   BENCH_PGLOG=/var/log/postgresql/postgresql-15-main.log   where the server writes its log
#   BENCH_APP=<folder> an already published Release build (skips `dotnet publish`)
#   BENCH_OUT=<folder> where raw results, PostgreSQL log excerpts and plans are kept (default: a new folder in /tmp)
#   BENCH_PORT=5250
set -euo pipefail
cd "$(dirname "$0")/.."

connection="${1:?usage: bench/cold.sh <PostgreSQL connection string of a database filled by seed-synthetic>}"
runs="${RUNS:-3}"
clients="${BENCH_CLIENTS:-0}"
port="${BENCH_PORT:-5250}"
base="http://127.0.0.1:$port"
questions="bench/cold-questions.txt"
pglog="${BENCH_PGLOG:-/var/log/postgresql/postgresql-15-main.log}"
log_ms="${BENCH_LOG_MS:-1}"
out="${BENCH_OUT:-$(mktemp -d /tmp/cold.XXXXXX)}"
mkdir -p "$out"

field() { sed -nE "s/(^|.*;)[[:space:]]*$1=([^;]*).*/\2/ip" <<<"$connection"; }
database=$(field Database)
export PGPASSWORD=$(field Password)
pgport=$(field Port); pgport="${pgport:-5432}"
psql_admin() { psql -X -q -h "$(field Host)" -p "$pgport" -U "$(field Username)" -d postgres "$@"; }

app="${BENCH_APP:-}"
if [ -z "$app" ]; then
  echo "publishing a Release build..." >&2
  dotnet publish src/SscPortal.Web -c Release -o "$out/app" --nologo -v quiet >/dev/null
  app="$out/app"
fi

# PostgreSQL logs each statement of this database slower than BENCH_LOG_MS with its duration and parameters; the report
# finds the slowest questions' statements in it and runs EXPLAIN (ANALYZE, BUFFERS) on them afterwards.
if [ "$log_ms" != "-1" ]; then
  psql_admin -c "ALTER DATABASE \"$database\" SET log_min_duration_statement = $log_ms" -c "ALTER DATABASE \"$database\" SET log_parameter_max_length = -1"
fi
portal=""
stop_portal() {
  if [ -n "$portal" ]; then
    # A portal that is already gone says how it ended (137: killed; 134: aborted), which its own log may not.
    if ! kill -0 "$portal" 2>/dev/null; then status=0; wait "$portal" 2>/dev/null || status=$?; echo "the portal had exited by itself, status $status" >&2; fi
    kill "$portal" 2>/dev/null || true; wait "$portal" 2>/dev/null || true; portal=""
  fi
}
cleanup() {
  stop_portal
  [ "$log_ms" = "-1" ] || psql_admin -c "ALTER DATABASE \"$database\" RESET log_min_duration_statement" -c "ALTER DATABASE \"$database\" RESET log_parameter_max_length" || true
  [ -n "${BENCH_APP:-}" ] || rm -rf "$out/app"
}
trap cleanup EXIT

start_portal() {
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" \
  Database__Provider=Postgres ConnectionStrings__Postgres="$connection" \
  Caching__AnonymousPages=false Diagnostics__SqlStatementHeader=true Bench__Baseline=true \
  Serilog__MinimumLevel__Default=Warning \
    dotnet "$app/SscPortal.Web.dll" >>"$out/portal.log" 2>&1 &
  portal=$!
  for _ in $(seq 1 600); do curl -fs "$base/health/ready" >/dev/null && return 0; kill -0 "$portal" 2>/dev/null || break; sleep 1; done
  tail -50 "$out/portal.log" >&2; echo "the portal did not start" >&2; exit 1
}

log_size() { if [ -r "$pglog" ]; then stat -c %s "$pglog"; else echo 0; fi; }

echo "database $database, $(grep -vc '^#' "$questions") questions in $questions; results in $out" >&2
echo "machine: $(nproc) cores; load before: $(cat /proc/loadavg)" >&2
dirs=()
for run in $(seq 1 "$runs"); do
  dir="$out/run$run"; mkdir -p "$dir"
  echo "run $run of $runs: starting the portal" >&2
  start_portal
  python3 bench/cold.py warmup "$base" "$questions"
  offset=$(log_size)
  python3 bench/cold.py ask "$base" "$questions" "$dir"
  # The server's log from the run's start (other databases' lines too: the report keeps this database's).
  if [ -r "$pglog" ]; then tail -c +"$((offset + 1))" "$pglog" >"$dir/postgres.log"; fi
  python3 bench/cold.py baseline "$base" "$dir"
  stop_portal
  dirs+=("$dir")
done
if [ "$clients" -gt 1 ]; then
  dir="$out/clients$clients"; mkdir -p "$dir"
  echo "$clients clients at once: starting the portal" >&2
  start_portal
  python3 bench/cold.py warmup "$base" "$questions"
  python3 bench/cold.py ask "$base" "$questions" "$dir" "$clients"
  stop_portal
  dirs+=("$dir")
fi

echo "## Cold questions: $database, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores"
echo
python3 bench/cold.py report "$connection" "${dirs[@]}" | tee "$out/report.md"
echo
echo "Load after: $(cat /proc/loadavg). Raw results, PostgreSQL log excerpts and plans: $out"
