#!/usr/bin/env bash
# The SSC Portal benchmark (see bench/README.md). Starts the portal in Release on a PostgreSQL database filled by
# `seed-synthetic`, warms it, drives each page with wrk over loopback, then streams the full exports, and prints one
# Markdown table: requests per second, latency p50/p90/p99, errors, SQL statements per request, and memory.
#
#   bench/run.sh "Host=127.0.0.1;Username=ssc;Password=ssc;Database=ssc_bench_100k" [seconds per page, default 15] [runs, default 3]
#
# Each page is measured [runs] times and the median of each figure is printed. The portal inherits the environment, so
# settings can be given to it: `Caching__AnonymousPages=false bench/run.sh ...` measures rendering without the page cache;
# `BENCH_EXPORTS=false` skips the full exports.
#
# `BENCH_SIGNED_IN=true` measures a signed-in reader (who never gets the anonymous page cache): it creates (or reuses) the
# account bench.reader@example.org with `create-admin`, signs in through the sign-in form with curl (antiforgery token and
# cookie honoured), and has wrk send the session's cookies on every request, storing each Set-Cookie it receives as a
# browser does (bench/signed-in.lua), so the renewed cookie after a session check is the one sent next. It measures the
# baseline, the catalogue, an initiative and the API with the cookie, and the baseline without it. The cookies go without
# the `__Host-` prefix (Accounts__SecureCookies=false), since the run is over plain HTTP on loopback.
# `BENCH_PORT` (default 5080) and `BENCH_APP` (a folder already published with `dotnet publish -c Release`) are optional.
set -euo pipefail
cd "$(dirname "$0")/.."

connection="${1:?usage: bench/run.sh <PostgreSQL connection string> [seconds]}"
seconds="${2:-15}"
runs="${3:-3}"
port="${BENCH_PORT:-5080}"
base="http://127.0.0.1:$port"
out="$(mktemp -d)"
signed_in="${BENCH_SIGNED_IN:-false}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

app="${BENCH_APP:-$out/app}"
[ -n "${BENCH_APP:-}" ] || dotnet publish src/SscPortal.Web -c Release -o "$app" --nologo -v quiet >/dev/null
secure_cookies=true
[ "$signed_in" = "true" ] && secure_cookies=false

ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" \
Database__Provider=Postgres ConnectionStrings__Postgres="$connection" \
Diagnostics__SqlStatementHeader=true Bench__Baseline=true Accounts__SecureCookies="$secure_cookies" \
Serilog__MinimumLevel__Default=Warning \
  dotnet "$app/SscPortal.Web.dll" >"$out/portal.log" 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 120); do curl -fs "$base/health/ready" >/dev/null && break; sleep 1; done
curl -fs "$base/health/ready" >/dev/null || { cat "$out/portal.log"; exit 1; }

# A page 5,000 pages deep (or the deepest there is), by its keyset cursor: the row at that position, as the catalogue encodes it.
deep=$(python3 - "$connection" <<'PY'
import base64, subprocess, sys
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
env = {"PGPASSWORD": parts.get("Password", "")}
total = int(subprocess.run(["psql", "-h", parts["Host"], "-U", parts["Username"], "-d", parts["Database"], "-Atc",
    'SELECT count(*) FROM "Initiatives" WHERE "Publication" = 1'], capture_output=True, text=True, env=env, check=True).stdout)
position = max(1, min(5000 * 20, total - 20))
row = subprocess.run(["psql", "-h", parts["Host"], "-U", parts["Username"], "-d", parts["Database"], "-Atc",
    f'SELECT "Id", (extract(epoch from "PublishedAt") * 10000000)::bigint + 621355968000000000 FROM "Initiatives" '
    f'WHERE "Publication" = 1 ORDER BY "PublishedAt" DESC, "Id" DESC OFFSET {position - 1} LIMIT 1'],
    capture_output=True, text=True, env=env, check=True).stdout.strip().split("|")
token = base64.urlsafe_b64encode(f"{row[0]}|{row[1]}".encode()).decode().rstrip("=")
print(f"{position // 20}|{token}")
PY
)
depth="${deep%%|*}"; cursor="${deep#*|}"
one=$(curl -fs "$base/api/v1/initiatives?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

# Signed in: an account, a session signed in through the form, and its cookies ("name=value; name=value") for curl and wrk.
cookies=""
if [ "$signed_in" = "true" ]; then
  reader="bench.reader@example.org"; password="bench reader password 2026"
  SSC_ADMIN_PASSWORD="$password" ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Postgres="$connection" \
    Serilog__MinimumLevel__Default=Warning dotnet "$app/SscPortal.Web.dll" create-admin --email "$reader" >>"$out/portal.log" 2>&1
  jar="$out/cookies.txt"
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$reader" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/account/login"
  cookies=$(awk -F'\t' 'NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")
  case "$cookies" in *ssc.auth=*) ;; *) echo "Signing in failed (no ssc.auth cookie):" >&2; cat "$out/portal.log" >&2; exit 1 ;; esac
  export BENCH_COOKIES="$cookies"
fi
# wrk, with the session's cookies when signed in; a page named "…, no cookie" is asked anonymously even then.
load() {
  local name="$1"; shift
  if [ -n "$cookies" ] && [[ "$name" != *"no cookie"* ]]; then wrk -s bench/signed-in.lua "$@"; else wrk "$@"; fi
}
headers() {
  local name="$1" url="$2"
  if [ -n "$cookies" ] && [[ "$name" != *"no cookie"* ]]; then curl -fsS -o /dev/null -D - -H "Cookie: $cookies" "$url"; else curl -fsS -o /dev/null -D - "$url"; fi
}

pages=(
  "baseline (raw Npgsql)|/bench/baseline"
  "catalogue, first page|/initiatives"
  "catalogue, page $depth|/initiatives?after=$cursor"
  "full-text search|/initiatives?q=water+management"
  "search + 3 facets|/initiatives?q=cooperation&region=lac&modality=bilateral&status=implementation"
  "an initiative|/initiatives/$one"
  "figures (/stats)|/stats"
  "JSON API|/api/v1/initiatives"
)

if [ "$signed_in" = "true" ]; then
  pages=(
    "baseline (raw Npgsql), no cookie|/bench/baseline"
    "baseline (raw Npgsql), signed in|/bench/baseline"
    "catalogue, first page, signed in|/initiatives"
    "an initiative, signed in|/initiatives/$one"
    "JSON API, signed in|/api/v1/initiatives"
  )
fi

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$portal/status"; }
peak() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$portal/status"; }

# Statements per request, counted on each page's first request (before any cache holds its counts), then a warm-up.
declare -A statements
for page in "${pages[@]}"; do
  statements["${page%%|*}"]=$(headers "${page%%|*}" "$base${page#*|}" | awk 'tolower($1)=="x-sql-statements:" {print $2}' | tr -d '\r')
done
for page in "${pages[@]}"; do load "${page%%|*}" -t2 -c16 -d3s "$base${page#*|}" >/dev/null 2>&1; done

echo "| page (median of $runs runs of ${seconds} s) | requests/s | p50 ms | p90 ms | p99 ms | errors (all runs) | SQL statements |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for page in "${pages[@]}"; do
  name="${page%%|*}"; path="${page#*|}"
  for run in $(seq 1 "$runs"); do load "$name" -t2 -c16 -d"${seconds}s" --latency "$base$path" >"$out/wrk.$run.txt" 2>&1; done
  python3 - "$name" "${statements[$name]:--}" "$out"/wrk.*.txt <<'PY'
import re, statistics, sys
name, statements, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
def ms(text, label):
    m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m: return None
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == 'us' else value * 1000 if unit == 's' else value
runs = []
for path in paths:
    text = open(path).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text)) + sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    runs.append((float(rps.group(1)) if rps else 0.0, ms(text, '50%'), ms(text, '90%'), ms(text, '99%'), errors))
def median(i):
    values = [r[i] for r in runs if r[i] is not None]
    return statistics.median(values) if values else None
fmt = lambda v: "-" if v is None else f"{v:.1f}"
print(f"| {name} | {median(0):.0f} | {fmt(median(1))} | {fmt(median(2))} | {fmt(median(3))} | {sum(r[4] for r in runs)} | {statements} |")
PY
  rm -f "$out"/wrk.*.txt
done

[ "${BENCH_EXPORTS:-true}" = "true" ] && [ "$signed_in" != "true" ] || { echo "Peak memory of the portal over the whole run: $(peak) MB."; exit 0; }
echo
# The portal's peak memory (VmHWM) before and after each full export: it grows only if the export holds more than the pages did.
echo "| export | seconds | MB written | memory before (MB) | peak before (MB) | peak after (MB) |"
echo "|---|---:|---:|---:|---:|---:|"
for export in "/export/initiatives.csv" "/export/iati/activities.xml"; do
  before=$(rss); peak_before=$(peak)
  result=$(curl -fs -o /dev/null -w "%{time_total} %{size_download}" "$base$export")
  echo "| $export | ${result%% *} | $(( ${result##* } / 1048576 )) | $before | $peak_before | $(peak) |"
done
echo
echo "Peak memory of the portal over the whole run: $(peak) MB."
