#!/usr/bin/env bash
# How much memory reading a large IATI file costs (see bench/README.md, "Import memory"). Builds a small console program
# (in a temporary folder) on the portal's own IatiFileReader in Release, writes a ~50 MB IATI 2.03 activity file of valid
# activities (each with titles in two languages, a description, four organisations, dates, countries, sectors, SDG tags,
# budgets, planned disbursements and a document link), then reads it with the schema validation and mapping the upload
# does, and prints the process's resident memory (VmRSS) before, its peak (VmHWM, reset just before reading) and the growth.
#
# Then the same file goes through the real portal (Release, Development so that the demo data is seeded, on a PostgreSQL
# database of its own, created and dropped here): signed in as the demo admin of IBON International (whose IATI identifier
# is set to the file's reporting organisation), it uploads the file, then imports all valid activities, and prints the
# portal's resident memory before, its peak (VmHWM reset before each step, and RSS sampled every 200 ms) and after each
# step, with the time each took, and checks that every activity became one initiative.
#
#   bench/import-memory.sh [megabytes, default 50]
#   BENCH_POSTGRES="Host=127.0.0.1;Username=ssc;Password=ssc" BENCH_PORT=5200 bench/import-memory.sh   # the defaults
#   BENCH_PORTAL=false bench/import-memory.sh                                                          # the reader only
#
# Fails (exit 1) when a growth is 100 MB or more, or when any activity is refused or not imported.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-50}"
out="$(mktemp -d /tmp/ssc-import-bench.XXXXXX)"
root="$(pwd)"
postgres="${BENCH_POSTGRES:-Host=127.0.0.1;Username=ssc;Password=ssc}"
database="ssc_import_mem_bench"
port="${BENCH_PORT:-5200}"
base="http://127.0.0.1:$port"
runner=""; portal=""
# psql on the server of $postgres: psql_on <database> <arguments...>
psql_on() {
  local db=$1; shift
  PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$(printf '%s' "$postgres" | tr ';' '\n' | sed -n 's/^Password=//p')" psql -X -q -v ON_ERROR_STOP=1 \
    -h "$(printf '%s' "$postgres" | tr ';' '\n' | sed -n 's/^Host=//p')" -U "$(printf '%s' "$postgres" | tr ';' '\n' | sed -n 's/^Username=//p')" -d "$db" "$@"
}
stop() {
  local status=$?
  [ "$status" = 0 ] || [ ! -f "$out/portal.log" ] || { echo "--- the portal's log (last lines):" >&2; tail -20 "$out/portal.log" >&2; }
  [ -n "$portal" ] && kill "$portal" 2>/dev/null || true
  [ -n "$runner" ] && kill "$runner" 2>/dev/null || true
  [ -n "$runner" ] && wait "$runner" 2>/dev/null || true
  [ -n "$runner" ] && psql_on postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$out"
}
trap stop EXIT

cat >"$out/ImportBench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally><TreatWarningsAsErrors>false</TreatWarningsAsErrors></PropertyGroup>
  <ItemGroup><ProjectReference Include="$root/src/SscPortal.Web/SscPortal.Web.csproj" /></ItemGroup>
</Project>
XML
cat >"$out/Program.cs" <<'CS'
using System.Globalization;
using System.Text;
using SscPortal.Web.Import;

var megabytes = int.Parse(args[0], CultureInfo.InvariantCulture);
var path = args[1];
const string Owner = "XI-IATI-BENCH";

// The file, written before anything is measured.
await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
{
    await writer.WriteLineAsync("""<?xml version="1.0" encoding="UTF-8"?>""");
    await writer.WriteLineAsync("""<iati-activities version="2.03" generated-datetime="2026-12-03T10:00:00Z">""");
    // Up to the upload limit (Import:MaxMegabytes, 50 MB by default) and not a byte over it: the portal takes the same file.
    for (var i = 1; ; i++)
    {
        await writer.FlushAsync();
        if (writer.BaseStream.Length >= megabytes * 1024L * 1024L - 8192) break;
        await writer.WriteAsync($$"""
          <iati-activity last-updated-datetime="2026-12-01T10:00:00Z" xml:lang="en" default-currency="USD">
            <iati-identifier>{{Owner}}-SSCP-{{i}}</iati-identifier>
            <reporting-org ref="{{Owner}}" type="10"><narrative>Bench agency</narrative></reporting-org>
            <title><narrative>School gardens number {{i}}</narrative><narrative xml:lang="es">Huertos escolares número {{i}}</narrative></title>
            <description type="1"><narrative>Rural schools grow their own food with technical assistance from a partner country, number {{i}}.

        A longer description of what is done, by whom and where: training, seeds, tools and the follow-up visits of agronomists over three school years.</narrative><narrative xml:lang="es">Escuelas rurales cultivan sus propios alimentos.</narrative></description>
            <participating-org ref="XM-DAC-41114" role="1" type="40"><narrative>Fund</narrative></participating-org>
            <participating-org ref="{{Owner}}" role="2" type="10"><narrative>Bench agency</narrative></participating-org>
            <participating-org role="3" type="22"><narrative>Network</narrative></participating-org>
            <participating-org role="4" type="10"><narrative>Ministry</narrative></participating-org>
            <activity-status code="2"/>
            <activity-date type="1" iso-date="2024-01-01"/><activity-date type="2" iso-date="2024-02-01"/><activity-date type="3" iso-date="2026-12-31"/>
            <recipient-country code="PY" percentage="50"/><recipient-country code="BO" percentage="50"/>
            <sector vocabulary="1" code="31161" percentage="100"/>
            <tag vocabulary="2" code="2"/><tag vocabulary="3" code="2.3"/>
            <budget type="1" status="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value currency="USD" value-date="2024-01-01">50000</value></budget>
            <budget type="1" status="1"><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><value currency="USD" value-date="2025-01-01">50000</value></budget>
            <planned-disbursement type="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value currency="USD" value-date="2024-01-01">50000</value><provider-org ref="XM-DAC-41114" type="40"><narrative>Fund</narrative></provider-org></planned-disbursement>
            <planned-disbursement type="1"><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><value currency="USD" value-date="2025-01-01">50000</value><provider-org ref="XM-DAC-41114" type="40"><narrative>Fund</narrative></provider-org></planned-disbursement>
            <document-link format="application/pdf" url="https://example.org/report-{{i}}.pdf"><title><narrative>Report</narrative></title><category code="A07"/></document-link>
          </iati-activity>

        """);
    }
    await writer.WriteLineAsync("</iati-activities>");
}
var size = new FileInfo(path).Length;

static double Status(string field) =>
    double.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;

var context = new ImportContext
{
    OwnerId = 1, OwnerName = "Bench agency", OwnerIatiIdentifier = Owner,
    Countries = new HashSet<string> { "PY", "BO" }, Sectors = new HashSet<string> { "31161" }, Currencies = new HashSet<string> { "USD" },
    Goals = Enumerable.Range(1, 17).ToHashSet(), Targets = new HashSet<string> { "2.3" }, Today = new DateOnly(2026, 12, 3), MaxActivities = int.MaxValue,
};
// Warm up: the schema compiled, the reader's code jitted, on a small file of the same activities.
await using (var warm = new MemoryStream(Encoding.UTF8.GetBytes(File.ReadLines(path).Take(60).Aggregate(new StringBuilder(), (b, l) => b.AppendLine(l)).ToString().Split("</iati-activity>")[0] + "</iati-activity></iati-activities>")))
    await foreach (var _ in IatiFileReader.ReadAsync(warm, context with_placeholder, 1, CancellationToken.None)) { }
CS
# (C# has no "with" on classes: a fresh context for the warm-up)
sed -i 's/context with_placeholder/new ImportContext { OwnerId = 1, OwnerName = "w", OwnerIatiIdentifier = Owner, Countries = context.Countries, Sectors = context.Sectors, Currencies = context.Currencies, Goals = context.Goals, Targets = context.Targets, Today = context.Today }/' "$out/Program.cs"
cat >>"$out/Program.cs" <<'CS'
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var before = Status("VmRSS");
File.WriteAllText("/proc/self/clear_refs", "5");   // VmHWM back to the current RSS: the peak below is the reading's own
var activities = 0;
var refused = 0;
var started = System.Diagnostics.Stopwatch.StartNew();
await using (var file = File.OpenRead(path))
    await foreach (var activity in IatiFileReader.ReadAsync(file, context, 1, CancellationToken.None))
    {
        activities++;
        if (activity.Activity is null) { refused++; if (refused == 1) Console.Error.WriteLine(string.Join("; ", activity.Errors)); }
    }
var peak = Status("VmHWM");
var growth = peak - before;
Console.WriteLine($"| file | activities | refused | time | RSS before | peak while reading | growth |");
Console.WriteLine($"|---|---|---|---|---|---|---|");
Console.WriteLine(FormattableString.Invariant($"| {size / 1048576.0:0.0} MB | {activities} | {refused} | {started.Elapsed.TotalSeconds:0.0} s | {before:0.0} MB | {peak:0.0} MB | {growth:0.0} MB |"));
return growth < 100 && refused == 0 ? 0 : 1;
CS
dotnet build "$out/ImportBench.csproj" -c Release -m:1 -v q -nologo -o "$out/bin" >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
echo "The reader alone (console program, workstation GC):"
echo
reader=0
DOTNET_gcServer=0 dotnet "$out/bin/ImportBench.dll" "$megabytes" "$out/activities.xml" || reader=$?
[ "${BENCH_PORTAL:-true}" = true ] || exit "$reader"

# --- The portal: upload the same file, then import every valid activity. ---
for tool in curl ss awk psql; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
psql_on postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null
mkdir -p "$out/temp"
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$base" ASPNETCORE_TEMP="$out/temp" \
Accounts__SecureCookies=false Caching__AnonymousPages=false \
Database__Provider=Postgres ConnectionStrings__Postgres="$postgres;Database=$database" \
Files__Folder="$out/files" Files__UploadFolder="$out/uploads" Import__MaxMegabytes="$megabytes" \
Serilog__MinimumLevel__Default=Warning \
  dotnet run --project src/SscPortal.Web -c Release --no-launch-profile >"$out/portal.log" 2>&1 &
runner=$!
for _ in $(seq 1 600); do curl -fs "$base/health/ready" >/dev/null && break; sleep 1; done
curl -fs "$base/health/ready" >/dev/null || { echo "the portal did not start" >&2; exit 1; }
# `dotnet run` starts the portal as a child process: measure the process that listens on the port.
portal=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$portal" ] && [ -r "/proc/$portal/status" ] || { echo "cannot find the portal's process" >&2; exit 1; }
rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$portal/status"; }
peak() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$portal/status"; }
reset_peak() { echo 5 >"/proc/$portal/clear_refs"; }

# IBON International reports the file's activities: its IATI identifier is the file's reporting organisation's.
owner=$(psql_on "$database" -Atc "UPDATE \"Actors\" SET \"IatiIdentifier\" = 'XI-IATI-BENCH' WHERE \"Name\" = 'IBON International' RETURNING \"Id\"" | head -1)
[ -n "$owner" ] || { echo "IBON International is not in the demo data" >&2; exit 1; }

jar="$out/cookies"
field() { grep -o "name=\"$2\" [^>]*value=\"[^\"]*\"\|value=\"[^\"]*\" [^>]*name=\"$2\"" "$1" | head -1 | sed 's/.*value="\([^"]*\)".*/\1/'; }
curl -fsS -c "$jar" -b "$jar" -o "$out/login.html" "$base/account/login"
status=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' "$base/account/login" \
  --data-urlencode "__RequestVerificationToken=$(field "$out/login.html" __RequestVerificationToken)" \
  --data-urlencode "Input.Email=cso.admin@example.org" --data-urlencode "Input.Password=portal-demo-2026")
[ "$status" = 302 ] || { echo "sign-in failed (HTTP $status)" >&2; exit 1; }
# Warm up: the import pages once (their code compiled, the schema loaded) with a small upload set aside afterwards.
awk 'NR == 1, /<\/iati-activity>/' "$out/activities.xml" >"$out/warm.xml"; echo "</iati-activities>" >>"$out/warm.xml"

# One step: posts the curl arguments while sampling the portal's memory. Prints "seconds status location before max after peak".
step() {
  local before sampler seconds status location
  sleep 2
  before=$(rss); reset_peak; : >"$out/samples"
  curl -sS -b "$jar" -c "$jar" -o "$out/answer.html" -w '%{time_total} %{http_code} %{redirect_url}\n' "$@" >"$out/result" &
  sampler=$!
  while kill -0 "$sampler" 2>/dev/null; do { rss; echo; } >>"$out/samples"; sleep 0.2; done
  wait "$sampler"
  read -r seconds status location <"$out/result"
  echo "$seconds $status ${location:--} $before $(awk 'NF && $1 > m {m = $1} END {printf "%.1f", m}' "$out/samples") $(rss) $(peak)"
}
upload() {
  curl -fsS -b "$jar" -c "$jar" -o "$out/form.html" "$base/import/iati"
  step "$base/import/iati?handler=Upload" -F "__RequestVerificationToken=$(field "$out/form.html" __RequestVerificationToken)" \
    -F "OrganisationId=$owner" -F "files=@$1;type=application/xml"
}
import_all() {
  curl -fsS -b "$jar" -c "$jar" -o "$out/preview.html" "$base$1"
  local version
  version=$(grep -o 'name="version" value="[0-9]*"' "$out/preview.html" | grep -o '[0-9]*' | head -1)
  step "$base$1?handler=Import" --data-urlencode "__RequestVerificationToken=$(field "$out/preview.html" __RequestVerificationToken)" \
    --data-urlencode "version=$version" --data-urlencode "all=true"
}
read -r _ status location _ <<<"$(upload "$out/warm.xml")"
[ "$status" = 302 ] || { echo "the warm-up upload failed (HTTP $status)" >&2; exit 1; }
read -r _ status _ <<<"$(import_all "${location#"$base"}")"
[ "$status" = 302 ] || { echo "the warm-up import failed (HTTP $status)" >&2; exit 1; }
psql_on "$database" -c "DELETE FROM \"Initiatives\" WHERE \"IatiIdentifier\" LIKE 'XI-IATI-BENCH-%'" >/dev/null

read -r up_seconds status location up_before up_max up_after up_peak <<<"$(upload "$out/activities.xml")"
[ "$status" = 302 ] || { echo "the upload failed (HTTP $status)" >&2; grep -o 'id="files-error"[^<]*>[^<]*' "$out/answer.html" >&2 || true; exit 1; }
path="${location#"$base"}"
import_id="${path##*/}"
read -r activities rejected <<<"$(psql_on "$database" -Atc "SELECT \"ActivityCount\", \"RejectedCount\" FROM \"IatiImports\" WHERE \"Id\" = $import_id" | tr '|' ' ')"
read -r im_seconds status _ im_before im_max im_after im_peak <<<"$(import_all "$path")"
[ "$status" = 302 ] || { echo "the import failed (HTTP $status)" >&2; exit 1; }
read -r state imported <<<"$(psql_on "$database" -Atc "SELECT \"State\", \"ImportedCount\" FROM \"IatiImports\" WHERE \"Id\" = $import_id" | tr '|' ' ')"
initiatives=$(psql_on "$database" -Atc "SELECT count(*) FROM \"Initiatives\" WHERE \"IatiIdentifier\" LIKE 'XI-IATI-BENCH-%'")
history=$(psql_on "$database" -Atc "SELECT count(*) FROM \"RecordChanges\" c JOIN \"Initiatives\" i ON i.\"Id\" = c.\"RecordId\" AND c.\"RecordType\" = 1 WHERE i.\"IatiIdentifier\" LIKE 'XI-IATI-BENCH-%'")

echo
echo "The portal (PID $portal, Release, PostgreSQL, its default GC), the same file; memory in MB:"
echo
echo "| step | activities | time | RSS before | RSS max sampled | peak (VmHWM) | RSS after | growth (peak − before) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row() { awk -v n="$1" -v a="$2" -v s="$3" -v b="$4" -v m="$5" -v p="$6" -v f="$7" 'BEGIN {printf "| %s | %s | %.1f s | %s | %s | %s | %s | %+.1f |\n", n, a, s, b, m, p, f, p - b}'; }
row upload "$activities read, $rejected refused" "$up_seconds" "$up_before" "$up_max" "$up_peak" "$up_after"
row "import (all valid)" "$initiatives initiatives, $history history entries" "$im_seconds" "$im_before" "$im_max" "$im_peak" "$im_after"
echo
failed=$reader
[ "$rejected" = 0 ] && [ "$state" = 2 ] && [ "$imported" = "$activities" ] && [ "$initiatives" = "$activities" ] && [ "$history" = "$activities" ] \
  || { echo "not every activity was imported once: upload state $state, $imported imported, $initiatives initiatives, $history history entries" >&2; failed=1; }
for growth in "$(awk -v a="$up_peak" -v b="$up_before" 'BEGIN {print a - b}')" "$(awk -v a="$im_peak" -v b="$im_before" 'BEGIN {print a - b}')"; do
  awk -v g="$growth" 'BEGIN {exit !(g >= 100)}' && { echo "a step grew the portal's memory by $growth MB (100 MB or more)" >&2; failed=1; }
done
exit "$failed"
