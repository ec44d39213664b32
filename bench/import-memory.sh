#!/usr/bin/env bash
# How much memory reading a large IATI file costs (see bench/README.md, "Import memory"). Builds a small console program
# (in a temporary folder) on the portal's own IatiFileReader in Release, writes a ~50 MB IATI 2.03 activity file of valid
# activities (each with titles in two languages, a description, four organisations, dates, countries, sectors, SDG tags,
# budgets, planned disbursements and a document link), then reads it with the schema validation and mapping the upload
# does, and prints the process's resident memory (VmRSS) before, its peak (VmHWM, reset just before reading) and the growth.
#
#   bench/import-memory.sh [megabytes, default 50]
#
# Fails (exit 1) when the growth is 100 MB or more, or when any activity is refused.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-50}"
out="$(mktemp -d /tmp/ssc-import-bench.XXXXXX)"
trap 'rm -rf "$out"' EXIT
root="$(pwd)"

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
    for (var i = 1; writer.BaseStream.Length < megabytes * 1024L * 1024L; i++)
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
DOTNET_gcServer=0 dotnet "$out/bin/ImportBench.dll" "$megabytes" "$out/activities.xml"
