using System.Text.RegularExpressions;

namespace SscPortal.Domain;

/// <summary>
/// An IATI organisation identifier: <c>{registration agency}-{the organisation's number in that agency's register}</c>,
/// e.g. <c>XM-DAC-41114</c> (UNDP, in the OECD DAC's list) or <c>GB-COH-09506232</c> (a UK company). The agency code is a
/// two-letter country code (ISO 3166-1; <c>XI</c> or <c>XM</c> for international lists), a hyphen and the register's
/// abbreviation (<c>DAC</c>, <c>COH</c>, <c>IATI</c>, <c>RUC</c>…), as in IATI's OrganisationRegistrationAgency code list
/// (maintained at org-id.guide). That list is not shipped with the portal (reference/iati has no copy), so the portal checks
/// the form rather than the list: agency part as described, then the number, with no spaces and none of the characters
/// / &amp; | ? that the IATI Validator refuses in identifiers (rules 1.14.13, 1.3.13).
/// </summary>
public static partial class IatiOrganisationIdentifier
{
    /// <summary>Agency codes for international registers, which have no country.</summary>
    public static readonly IReadOnlySet<string> InternationalAgencyCountries = new HashSet<string>(StringComparer.Ordinal) { "XI", "XM" };

    public const int MaxLength = 100;

    [GeneratedRegex(@"^(?<country>[A-Z]{2})-(?<register>[A-Z0-9_]{2,})-(?<number>[^\s/&|?]+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Pattern();

    /// <summary>Whether the text is an identifier of that form, whose country part is a known country or XI/XM.</summary>
    public static bool IsValid(string? identifier, Func<string, bool> isCountry)
    {
        if (identifier is null || identifier.Length > MaxLength) return false;
        var match = Pattern().Match(identifier);
        if (!match.Success) return false;
        var country = match.Groups["country"].Value;
        return InternationalAgencyCountries.Contains(country) || isCountry(country);
    }

    /// <summary>The registration agency part (<c>XM-DAC</c> of <c>XM-DAC-41114</c>), or null when the identifier has not the expected form.</summary>
    public static string? AgencyOf(string identifier)
    {
        var match = Pattern().Match(identifier);
        return match.Success ? $"{match.Groups["country"].Value}-{match.Groups["register"].Value}" : null;
    }
}
