namespace SscPortal.Domain;

public enum ContributionKind
{
    Money = 1,
    /// <summary>Experts, training, equipment: the norm in SSC, recordable without a money value.</summary>
    InKind = 2,
}

/// <summary>What one partner puts into the initiative, in money (with its ISO 4217 currency) or in kind.</summary>
public class InitiativeContribution
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public ContributionKind Kind { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string? Description { get; set; }

    public const decimal MaxAmount = 1_000_000_000_000m;
}

public enum RightsHolderGroup
{
    Women = 1,
    Youth = 2,
    Children = 3,
    IndigenousPeoples = 4,
    Workers = 5,
    Farmers = 6,
    PeopleWithDisabilities = 7,
    LocalCommunities = 8,
    Migrants = 9,
    OlderPeople = 10,
}

/// <summary>A group of rights-holders the initiative reaches, with how many people where known.</summary>
public class InitiativeRightsHolder
{
    public int InitiativeId { get; set; }
    public RightsHolderGroup Group { get; set; }
    public int? Count { get; set; }
}

/// <summary>How precisely a location is given, from the whole country down to a point with coordinates.</summary>
public enum LocationPrecision
{
    Country = 1,
    /// <summary>A first-level administrative area (a region, department, state or province).</summary>
    Region = 2,
    /// <summary>A municipality, district, town or village.</summary>
    Municipality = 3,
    /// <summary>A point with its latitude and longitude (WGS 84).</summary>
    Point = 4,
}

/// <summary>
/// Where the initiative takes place: a country, and as precisely as the owner records it, its region (first-level
/// administrative area), a municipality or place, and for a point its coordinates. What the public sees of it may be
/// less precise: see <see cref="SafeLocations"/>.
/// </summary>
public class InitiativeLocation
{
    public const int NameLength = 200;

    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public required string CountryCode { get; set; }
    public LocationPrecision Precision { get; set; } = LocationPrecision.Country;

    /// <summary>The first-level administrative area (region, department, state, province); required at region precision.</summary>
    public string? Region { get; set; }

    /// <summary>The municipality or place; required at municipality precision, the point's name at point precision.</summary>
    public string? Place { get; set; }

    /// <summary>Decimal degrees (WGS 84), −90 to 90; only for a point, and then required.</summary>
    public double? Latitude { get; set; }

    /// <summary>Decimal degrees (WGS 84), −180 to 180; only for a point, and then required.</summary>
    public double? Longitude { get; set; }

    /// <summary>
    /// This location as the public may see it when the initiative works in a sensitive setting: the country and the
    /// region at most, never a municipality, a place name or coordinates.
    /// </summary>
    public InitiativeLocation AtRegionLevelAtMost() => new()
    {
        Id = Id, InitiativeId = InitiativeId, CountryCode = CountryCode,
        Precision = Region is null ? LocationPrecision.Country : LocationPrecision.Region,
        Region = Region,
    };

    /// <summary>What is wrong with this location, its fields named as <c>Locations[index].Field</c>.</summary>
    public IEnumerable<RuleViolation> Check(int index)
    {
        string Field(string name) => $"{nameof(Initiative.Locations)}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}].{name}";
        if (!Enum.IsDefined(Precision))
        {
            yield return new(Field(nameof(Precision)), RuleCode.LocationPrecisionUnknown);
            yield break;
        }
        foreach (var (name, value) in new[] { (nameof(Region), Region), (nameof(Place), Place) })
        {
            if (value is null) continue;
            if (value.Length > NameLength) yield return new(Field(name), RuleCode.LocationNameTooLong);
            if (!IsPlainName(value)) yield return new(Field(name), RuleCode.LocationNameNotPlain);
        }
        switch (Precision)
        {
            case LocationPrecision.Country when Region is not null || Place is not null:
                yield return new(Field(nameof(Precision)), RuleCode.CountryLocationNamesNoPlace);
                break;
            case LocationPrecision.Region when string.IsNullOrWhiteSpace(Region):
                yield return new(Field(nameof(Region)), RuleCode.LocationNeedsRegion);
                break;
            case LocationPrecision.Region when Place is not null:
                yield return new(Field(nameof(Place)), RuleCode.RegionLocationNamesNoPlace);
                break;
            case LocationPrecision.Municipality when string.IsNullOrWhiteSpace(Place):
                yield return new(Field(nameof(Place)), RuleCode.LocationNeedsPlace);
                break;
        }
        if (Precision == LocationPrecision.Point)
        {
            if (Latitude is null) yield return new(Field(nameof(Latitude)), RuleCode.PointNeedsCoordinates);
            if (Longitude is null) yield return new(Field(nameof(Longitude)), RuleCode.PointNeedsCoordinates);
        }
        else
        {
            if (Latitude is not null) yield return new(Field(nameof(Latitude)), RuleCode.CoordinatesOnlyForPoints);
            if (Longitude is not null) yield return new(Field(nameof(Longitude)), RuleCode.CoordinatesOnlyForPoints);
        }
        if (Latitude is { } latitude && !(latitude is >= -90 and <= 90)) yield return new(Field(nameof(Latitude)), RuleCode.LatitudeOutOfRange);
        if (Longitude is { } longitude && !(longitude is >= -180 and <= 180)) yield return new(Field(nameof(Longitude)), RuleCode.LongitudeOutOfRange);
    }

    /// <summary>A place name is plain text: no markup (angle brackets) and no control characters.</summary>
    public static bool IsPlainName(string name) => !name.Any(c => c is '<' or '>' || char.IsControl(c));
}

/// <summary>A document or web page about the initiative.</summary>
public class InitiativeLink
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public required string Title { get; set; }
    public required string Url { get; set; }

    /// <summary>What kind of document it is, as IATI's DocumentCategory (A01–A12) says; none for a web page typed in the portal (A12 in the IATI file).</summary>
    public string? Category { get; set; }

    /// <summary>Its media type (IATI's FileFormat, e.g. application/pdf); none for a web page (text/html in the IATI file).</summary>
    public string? Format { get; set; }

    /// <summary>The longest media type kept (IANA's are far shorter).</summary>
    public const int FormatLength = 100;

    /// <summary>Whether the code is one of IATI's document categories for an activity (A01–A12; B codes are for organisation files).</summary>
    public static bool IsActivityDocumentCategory(string? code) =>
        code is { Length: 3 } && code[0] == 'A' && int.TryParse(code.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 12;

    /// <summary>Whether the text has the shape of a media type (type/subtype, lower case as IATI's FileFormat list writes them).</summary>
    public static bool IsMediaType(string? format) =>
        format is { Length: > 2 and <= FormatLength } && format.Count(c => c == '/') == 1 && format[0] != '/' && format[^1] != '/'
        && format.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '/' or '.' or '+' or '-' or '_');
}

/// <summary>An expected or achieved result.</summary>
public class InitiativeResult
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public required string Text { get; set; }
    public bool Achieved { get; set; }
}
