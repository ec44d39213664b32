#!/usr/bin/env bash
# How much memory a large upload costs the portal (see bench/README.md, "Upload memory"). Starts the portal in Release and
# Development on a fresh SQLite file (the demo data seeded into it), signs in as the demo organisation admin of IBON
# International, makes a valid PDF of the largest size accepted (Files:MaxMegabytes, 25 MB), adds one small file to warm
# up, then adds the large one [uploads] times (default 3) to an initiative IBON owns, and prints one Markdown table of the
# portal's resident memory (VmRSS, and the peak VmHWM reset before each upload) before, during (sampled every 50 ms) and
# after each upload, with the largest rise of the peak over the warm baseline.
#
#   bench/upload-memory.sh [uploads, default 3]
#
# Each upload is checked: it must answer with a redirect to the initiative's page, which must then list the file. The
# portal inherits the environment, so settings can be given to it (e.g. `Files__Store=S3 ...`). `BENCH_UPLOAD_BYTES=65536`
# measures small uploads instead, as a control: what the requests and pages around each upload cost on their own.
set -euo pipefail
cd "$(dirname "$0")/.."

uploads="${1:-3}"
port=5099
base="http://127.0.0.1:$port"
out="$(mktemp -d /tmp/ssc-upload-bench.XXXXXX)"
mb=$((1024 * 1024))
for tool in curl ss awk; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done

runner=""; portal=""
stop() {
  local status=$?
  [ "$status" = 0 ] || [ ! -f "$out/portal.log" ] || { echo "--- the portal's log (last lines):" >&2; tail -20 "$out/portal.log" >&2; }
  [ -n "$portal" ] && kill "$portal" 2>/dev/null || true
  [ -n "$runner" ] && kill "$runner" 2>/dev/null || true
  [ -n "$runner" ] && wait "$runner" 2>/dev/null || true
  rm -rf "$out"
}
trap stop EXIT

# The portal, with everything it writes (database, stored files, uploads being checked, spooled form sections) under $out.
mkdir -p "$out/temp"
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$base" ASPNETCORE_TEMP="$out/temp" \
Accounts__SecureCookies=false Caching__AnonymousPages=false \
ConnectionStrings__Sqlite="Data Source=$out/portal.db" \
Files__Folder="$out/files" Files__UploadFolder="$out/uploads" \
Serilog__MinimumLevel__Default=Warning \
  dotnet run --project src/SscPortal.Web -c Release --no-launch-profile >"$out/portal.log" 2>&1 &
runner=$!
for _ in $(seq 1 300); do curl -fs "$base/health/ready" >/dev/null && break; sleep 1; done
curl -fs "$base/health/ready" >/dev/null || { cat "$out/portal.log"; exit 1; }
# `dotnet run` starts the portal as a child process: measure the process that listens on the port.
portal=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$portal" ] && [ -r "/proc/$portal/status" ] || { echo "cannot find the portal's process" >&2; exit 1; }

# Resident memory by kind: anonymous (the GC heap, native allocations), file-backed (mapped assemblies), shared (with
# W^X, the default, JIT-compiled code lives in double-mapped shared memory).
kinds() { awk '/^Rss(Anon|File|Shmem)/ {printf "%s%s %.1f", sep, substr($1, 4, length($1) - 4), $2 / 1024; sep = ", "}' "/proc/$portal/status"; }
rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$portal/status"; }
peak() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$portal/status"; }
# Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0), so each upload's peak is its own, not the
# startup's (seeding the demo data peaks higher than anything after it).
reset_peak() { echo 5 >"/proc/$portal/clear_refs" 2>/dev/null || true; }
peak_note=""
echo 5 >"/proc/$portal/clear_refs" 2>/dev/null || peak_note=" (VmHWM could not be reset here: the peaks include the startup's)"

jar="$out/cookies"
# The value of a hidden field in an HTML file.
field() { grep -o "name=\"$2\" [^>]*value=\"[^\"]*\"\|value=\"[^\"]*\" [^>]*name=\"$2\"" "$1" | head -1 | sed 's/.*value="\([^"]*\)".*/\1/'; }
# The form of class record-form (the upload form in main) of an HTML file, on one line.
record_form() { tr '\n' ' ' <"$1" | grep -o '<form [^>]*class="record-form"[^>]*>.*' | sed 's#</form>.*##'; }

# Sign in as the demo organisation admin of IBON International.
curl -fsS -c "$jar" -b "$jar" -o "$out/login.html" "$base/account/login"
status=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' "$base/account/login" \
  --data-urlencode "__RequestVerificationToken=$(field "$out/login.html" __RequestVerificationToken)" \
  --data-urlencode "Input.Email=cso.admin@example.org" --data-urlencode "Input.Password=portal-demo-2026")
[ "$status" = 302 ] || { echo "sign-in failed (HTTP $status)" >&2; exit 1; }

# An initiative IBON owns: the first one /my links to whose page offers "Add a file" to this account.
curl -fsS -b "$jar" -o "$out/my.html" "$base/my"
initiative=""
for id in $(grep -o 'href="/initiatives/[0-9]*"' "$out/my.html" | grep -o '[0-9]*' | awk '!seen[$0]++'); do
  curl -fsS -b "$jar" -o "$out/initiative.html" "$base/initiatives/$id"
  if grep -q "href=\"/files/add?to=initiative&amp;id=$id\"" "$out/initiative.html"; then initiative=$id; break; fi
done
[ -n "$initiative" ] || { echo "no initiative on /my takes files from this account" >&2; exit 1; }

# A valid PDF of exactly $2 bytes: a catalogue, one page, a stream object of random bytes filling the rest, a
# cross-reference table, the trailer and %%EOF (what the inspector checks: %%EOF in the last 2 KB, no /Encrypt).
make_pdf() {
  local path=$1 size=$2 length=10000000 o1 o2 o3 o4 xref
  head_part() {
    printf '%%PDF-1.4\n%%\342\343\317\323\n'
    printf '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
    printf '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n'
    printf '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n'
    printf '4 0 obj\n<< /Length %d >>\nstream\n' "$1"
  }
  local middle=$'\nendstream\nendobj\n'
  # The tail's length does not depend on the offsets (fixed-width entries) except startxref's digits: measure it.
  tail_part() {
    printf 'xref\n0 5\n0000000000 65535 f \n'
    printf '%010d 00000 n \n' "$1" "$2" "$3" "$4"
    printf 'trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' "$5"
  }
  local head_length tail_length
  tail_length=$(tail_part 0 0 0 0 "$size" | wc -c)
  # Twice: the header holds the stream's length, whose digits change the header's length.
  for _ in 1 2; do
    head_length=$(head_part "$length" | wc -c)
    length=$((size - head_length - ${#middle} - tail_length))
  done
  head_part "$length" >"$path"
  o1=$(grep -abo '^1 0 obj' "$path" | cut -d: -f1); o2=$(grep -abo '^2 0 obj' "$path" | cut -d: -f1)
  o3=$(grep -abo '^3 0 obj' "$path" | cut -d: -f1); o4=$(grep -abo '^4 0 obj' "$path" | cut -d: -f1)
  head -c "$length" /dev/urandom >>"$path"
  printf '%s' "$middle" >>"$path"
  xref=$(stat -c %s "$path")
  tail_part "$o1" "$o2" "$o3" "$o4" "$xref" >>"$path"
  [ "$(stat -c %s "$path")" = "$size" ] || { echo "the PDF came out at $(stat -c %s "$path") bytes, not $size" >&2; exit 1; }
}
large="${BENCH_UPLOAD_BYTES:-$((25 * mb))}"
make_pdf "$out/warm-up.pdf" 65536
make_pdf "$out/large.pdf" "$large"

# One upload of $1 named $2: the form fetched afresh (its token and submission key), then posted to its action while the
# portal's memory is sampled every 50 ms. Prints "seconds before during-max after peak samples" (MB), or fails saying why.
upload() {
  local file=$1 name=$2 form action key token seconds status location before during after hwm sampler
  curl -fsS -b "$jar" -c "$jar" -o "$out/add.html" "$base/files/add?to=initiative&id=$initiative"
  form=$(record_form "$out/add.html")
  action=$(printf '%s' "$form" | grep -o 'action="[^"]*"' | head -1 | sed 's/action="//; s/"$//; s/&amp;/\&/g')
  printf '%s' "$form" >"$out/form.html"
  key=$(field "$out/form.html" SubmissionKey); token=$(field "$out/form.html" __RequestVerificationToken)
  [ -n "$action" ] && [ -n "$key" ] && [ -n "$token" ] || { echo "the upload form was not found" >&2; exit 1; }
  before=$(rss); reset_peak
  : >"$out/samples"
  curl -sS -b "$jar" -c "$jar" -o "$out/answer.html" -w '%{time_total} %{http_code} %{redirect_url}\n' "$base$action" \
    -F "__RequestVerificationToken=$token" -F "SubmissionKey=$key" -F "Visibility=Public" \
    -F "Upload=@$file;type=application/pdf;filename=$name" >"$out/result" &
  sampler=$!
  while kill -0 "$sampler" 2>/dev/null; do { rss; echo; } >>"$out/samples"; sleep 0.05; done
  wait "$sampler"
  read -r seconds status location <"$out/result"
  after=$(rss); hwm=$(peak)
  during=$(awk 'NF && $1 > m {m = $1} END {printf "%.1f", m}' "$out/samples")
  [ "$status" = 302 ] && { [ "$location" = "$base/initiatives/$initiative#files" ] || [ "$location" = "$base/initiatives/$initiative" ]; } \
    || { echo "upload of $name failed: HTTP $status to '$location'" >&2; grep -o 'class="field-error"[^<]*>[^<]\+' "$out/answer.html" >&2 || true; exit 1; }
  curl -fsS -b "$jar" -o "$out/initiative.html" "$base/initiatives/$initiative"
  grep -q ">$name</a>" "$out/initiative.html" \
    || { echo "$name is not listed on /initiatives/$initiative" >&2; exit 1; }
  # With the disk store (the default), the stored object is the whole file, byte for byte.
  if [ "${Files__Store:-Disk}" = Disk ]; then
    [ -n "$(find "$out/files" -type f -newer "$out/form.html" -size "$(stat -c %s "$file")c")" ] \
      || { echo "no stored file of $(stat -c %s "$file") bytes after the upload of $name" >&2; exit 1; }
  fi
  echo "$(awk -v s="$seconds" 'BEGIN {printf "%.2f", s}') $before $during $after $hwm $(wc -l <"$out/samples")"
}

upload "$out/warm-up.pdf" "bench-warm-up.pdf" >/dev/null
sleep 1
baseline=$(rss); baseline_kinds=$(kinds)

echo "Initiative $initiative, a PDF of $(awk -v b="$large" 'BEGIN {printf "%g", b / 1048576}') MB ($large bytes), $uploads times; memory of the portal (PID $portal) in MB$peak_note."
echo
echo "| upload | seconds | RSS before | RSS max sampled during | RSS after | peak (VmHWM) during | peak − RSS before | samples |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
largest=0; own=0
for n in $(seq 1 "$uploads"); do
  read -r seconds before during after hwm samples < <(upload "$out/large.pdf" "bench-large-$n.pdf")
  echo "| $n | $seconds | $before | $during | $after | $hwm | $(awk -v a="$hwm" -v b="$before" 'BEGIN {printf "%+.1f", a - b}') | $samples |"
  largest=$(awk -v a="$hwm" -v b="$baseline" -v m="$largest" 'BEGIN {r = a - b; print (r > m ? r : m)}')
  own=$(awk -v a="$hwm" -v b="$before" -v m="$own" 'BEGIN {r = a - b; print (r > m ? r : m)}')
done
echo
echo "Warm baseline (RSS after the warm-up upload): $baseline MB. Largest rise of the peak over it: $(awk -v r="$largest" 'BEGIN {printf "%.1f", r}') MB."
echo "Largest rise of one upload's peak over the RSS just before it: $(awk -v r="$own" 'BEGIN {printf "%.1f", r}') MB. RSS at the end: $(rss) MB."
echo "RSS by kind (MB), after the warm-up: $baseline_kinds; at the end: $(kinds)."
