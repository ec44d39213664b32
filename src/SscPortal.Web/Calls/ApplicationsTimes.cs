using System.Globalization;
using SscPortal.Domain;

namespace SscPortal.Web.Calls;

/// <summary>A call's instants as applicants read them: in the call's own time zone, and in UTC.</summary>
public static class ApplicationTimes
{
    /// <summary>The instant in the call's time zone, with the zone's name ("3 Dec 2026 23:59:59 America/Montevideo").</summary>
    public static string InZone(DateTime utc, string zone, string dateFormat) =>
        (CallTimeZones.IsKnown(zone) ? CallTimeZones.ToLocal(utc, zone) : utc).ToString(dateFormat + " HH:mm:ss", CultureInfo.CurrentCulture) + " " + zone;

    /// <summary>The instant in UTC, as the history and the fingerprint's receipt say it.</summary>
    public static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
