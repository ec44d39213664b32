#!/usr/bin/env bash
# Two portal instances on one PostgreSQL database behind nginx, on loopback (see bench/README.md, "Two instances").
# Starts both in Release and Production, puts nginx (Debian's package, its own config in a temp folder, not the system
# service) in front on round robin, measures with wrk through nginx the catalogue, an initiative and the API, then the
# staleness window: a platform administrator unpublishes an initiative through instance A's own form (a real change, as a
# person makes it), and instance B is asked for that initiative's public page until it answers 404.
#
#   bench/two-instances.sh "Host=127.0.0.1;Username=ssc;Password=ssc;Database=ssc_bench_instances" [seconds per page, default 10] [staleness rounds, default 20]
#
# The database must hold published initiatives (seed-synthetic, bench/README.md); the script adds a bench administrator
# (create-admin) and unpublishes, then republishes, the initiatives it measures with. Ports: 5210 and 5211 (instances),
# 5220 (nginx). The instances inherit the environment (e.g. Caching__AnonymousPages=false).
set -euo pipefail
cd "$(dirname "$0")/.."

connection="${1:?usage: bench/two-instances.sh <PostgreSQL connection string> [seconds] [rounds]}"
seconds="${2:-10}"
rounds="${3:-20}"
a="http://127.0.0.1:5210"; b="http://127.0.0.1:5211"; front="http://127.0.0.1:5220"
out="$(mktemp -d)"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx_bin" ] || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }

# BENCH_APP=<folder> reuses a Release build published there (dotnet publish src/SscPortal.Web -c Release -o <folder>).
app="${BENCH_APP:-$out/app}"
[ -n "${BENCH_APP:-}" ] || dotnet publish src/SscPortal.Web -c Release -o "$app" --nologo -v quiet >/dev/null

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Postgres="$connection"
export Serilog__MinimumLevel__Default=Warning Accounts__SecureCookies=false
stamp=$(date +%s); admin="bench-admin-$stamp@example.org"; password="Bench-$stamp-Password!"
SSC_ADMIN_PASSWORD="$password" dotnet "$app/SscPortal.Web.dll" create-admin --email "$admin" >"$out/admin.log" 2>&1 || { cat "$out/admin.log"; exit 1; }
# Unpublishing any record is a moderator's right: the bench account is made one too (the portal has no command for that).
python3 - "$connection" "$admin" <<'PY'
import subprocess, sys
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
sql = f"""
INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
  SELECT gen_random_uuid()::text, 'Moderator', 'MODERATOR', gen_random_uuid()::text WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoles" WHERE "NormalizedName" = 'MODERATOR');
INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
  SELECT u."Id", r."Id" FROM "AspNetUsers" u, "AspNetRoles" r WHERE u."NormalizedEmail" = upper('{sys.argv[2]}') AND r."NormalizedName" = 'MODERATOR'
  ON CONFLICT DO NOTHING;"""
subprocess.run(["psql", "-q", "-h", parts["Host"], "-U", parts["Username"], "-d", parts["Database"], "-c", sql], env={"PGPASSWORD": parts.get("Password", "")}, check=True)
PY

pids=()
cleanup() {
  [ -f "$out/nginx.pid" ] && kill "$(cat "$out/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
for base in "$a" "$b"; do
  ASPNETCORE_URLS="$base" dotnet "$app/SscPortal.Web.dll" >"$out/portal-${base##*:}.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 180); do curl -fs "$base/health/ready" >/dev/null && break; sleep 1; done
  curl -fs "$base/health/ready" >/dev/null || { cat "$out/portal-${base##*:}.log"; exit 1; }
done

mkdir -p "$out/nginx"
cat >"$out/nginx.conf" <<CONF
worker_processes 1;
pid $out/nginx.pid;
error_log $out/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $out/nginx/body; proxy_temp_path $out/nginx/proxy; fastcgi_temp_path $out/nginx/fastcgi;
  uwsgi_temp_path $out/nginx/uwsgi; scgi_temp_path $out/nginx/scgi;
  upstream portal { server 127.0.0.1:5210; server 127.0.0.1:5211; keepalive 32; }
  server {
    listen 127.0.0.1:5220;
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
    }
  }
}
CONF
"$nginx_bin" -c "$out/nginx.conf" -p "$out/nginx"
for _ in $(seq 1 50); do curl -fs "$front/health/ready" >/dev/null && break; sleep 0.1; done

one=$(curl -fs "$front/api/v1/initiatives?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
pages=(
  "catalogue, first page|/initiatives"
  "an initiative|/initiatives/$one"
  "JSON API|/api/v1/initiatives"
)
for page in "${pages[@]}"; do wrk -t2 -c16 -d3s "$front${page#*|}" >/dev/null 2>&1; done

echo "Throughput through nginx (two instances, round robin; ${seconds} s per page, wrk -t2 -c16):"
echo
echo "| page | requests/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---:|---:|---:|---:|"
for page in "${pages[@]}"; do
  wrk -t2 -c16 -d"${seconds}s" --latency "$front${page#*|}" >"$out/wrk.txt" 2>&1
  python3 - "${page%%|*}" "$out/wrk.txt" <<'PY'
import re, sys
text = open(sys.argv[2]).read()
def ms(label):
    m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"| {sys.argv[1]} | {rps:,.0f} | {ms(50):.1f} | {ms(99):.1f} | {bad.group(1) if bad else 0} |")
PY
done

echo
echo "Staleness window ($rounds rounds): an administrator unpublishes an initiative through instance A; instance B is asked"
echo "for its public page (kept in B's anonymous page cache beforehand) until it answers 404."
python3 - "$a" "$b" "$admin" "$password" "$rounds" <<'PY'
import http.cookiejar, re, statistics, sys, time, urllib.error, urllib.parse, urllib.request, json
a, b, admin, password, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def token(html):
    return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)
def post(url, fields):
    data = urllib.parse.urlencode(fields).encode()
    with browser.open(urllib.request.Request(url, data=data, method="POST")) as r:
        return r.status, r.read().decode()
login = browser.open(f"{a}/account/login").read().decode()
post(f"{a}/account/login", {"Input.Email": admin, "Input.Password": password, "__RequestVerificationToken": token(login)})
assert any(c.name.endswith("Identity.Application") or "Identity" in c.name or "auth" in c.name.lower() for c in jar), "sign-in failed"
anonymous = urllib.request.build_opener()
def status(url):
    try:
        with anonymous.open(url) as r:
            r.read()
            return r.status, r.headers.get("Age")
    except urllib.error.HTTPError as e:
        return e.code, None
ids = [i["id"] for i in json.load(anonymous.open(f"{b}/api/v1/initiatives?limit={rounds + 5}"))["items"]][:rounds]
windows, posts = [], []
for id in ids:
    # B keeps the public page (the second answer comes from its page cache).
    status(f"{b}/initiatives/{id}")
    kept = status(f"{b}/initiatives/{id}")
    page = browser.open(f"{a}/initiatives/{id}").read().decode()
    form = re.search(r'<form[^>]*action="([^"]*handler=Unpublish)"[^>]*>(.*?)</form>', page, re.S | re.I)
    assert form, "no unpublish form for the bench administrator"
    version = re.search(r'name="Version" value="(\d+)"', form.group(2)).group(1)
    sent = time.monotonic()
    post(a + form.group(1).replace("&amp;", "&"), {"Version": version, "Reason": "Bench: staleness window", "__RequestVerificationToken": token(form.group(2))})
    answered = time.monotonic()
    while status(f"{b}/initiatives/{id}")[0] == 200:
        if time.monotonic() - answered > 120: raise SystemExit(f"instance B still shows initiative {id} after 120 s")
    seen = time.monotonic()
    windows.append((seen - answered) * 1000); posts.append((answered - sent) * 1000)
    assert kept[1] is not None, "B had not kept the page: the round would not measure the cache"
    # Publish it again, for the next run.
    page = browser.open(f"{a}/initiatives/{id}").read().decode()
    form = re.search(r'<form[^>]*action="([^"]*handler=Publish)"[^>]*>(.*?)</form>', page, re.S | re.I)
    if form:
        fields = {"__RequestVerificationToken": token(form.group(2))}
        v = re.search(r'name="Version" value="(\d+)"', form.group(2))
        if v: fields["Version"] = v.group(1)
        post(a + form.group(1).replace("&amp;", "&"), fields)
q = statistics.quantiles(windows, n=10) if len(windows) > 1 else windows
print()
print("| rounds | window p50 ms | window p90 ms | window max ms | unpublish request p50 ms |")
print("|---:|---:|---:|---:|---:|")
print(f"| {len(windows)} | {statistics.median(windows):.0f} | {q[-1]:.0f} | {max(windows):.0f} | {statistics.median(posts):.0f} |")
print()
print("(window: from the end of A's answer to the unpublish form to B's first 404 for the page; B was polled back to back.)")
PY
