using System.Globalization;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web;
using SscPortal.Web.Authorization;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The audit log in Spanish, Portuguese and French: every refused operation, every kind of subject, every kind of event and
/// every detail the code stores (as codes, and as the sentences older entries kept) is shown in the reader's language, never
/// as the stored code nor as the English text.
/// </summary>
public abstract class AuditTextTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static readonly string[] Languages = ["es", "pt", "fr"];

    public static IEnumerable<OperationAuthorizationRequirement> AllOperations() =>
        typeof(Operations).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(OperationAuthorizationRequirement))
            .Select(f => (OperationAuthorizationRequirement)f.GetValue(null)!);

    public static IEnumerable<string> AllTargets() =>
        typeof(AuditTargets).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_refused_operation_is_told_in_the_readers_language()
    {
        var operations = AllOperations().ToList();
        Assert.Contains(operations, o => o.Name == nameof(Operations.Converse));
        Assert.True(operations.Count >= 25, $"only {operations.Count} operations found");
        foreach (var operation in operations)
        {
            var stored = Rights.RefusalCode(operation);
            AssertTranslated(stored, L => AuditText.DetailOf(stored, L).Text);
        }
    }

    [Fact]
    public void Every_kind_of_subject_is_told_in_the_readers_language()
    {
        var targets = AllTargets().ToList();
        Assert.Contains(AuditTargets.Conversation, targets);
        foreach (var target in targets)
        {
            AssertTranslated($"{target} 7", L => AuditText.SubjectOf(target, "7", L) is { Translated: true } subject ? subject.Text : $"{target} 7");
        }
        AssertTranslated("file ", L => AuditText.SubjectOf(AuditTargets.File, null, L).Text);
        AssertTranslated("listing new", L => AuditText.SubjectOf(AuditTargets.Listing, "new", L).Text);
    }

    [Fact]
    public void Every_kind_of_event_is_named_in_the_readers_language()
    {
        var types = Enum.GetValues<AuditEventType>();
        Assert.Contains(AuditEventType.InitiativeStartedFromConversation, types);
        foreach (var type in types)
            AssertTranslated(type.ToString(), L => L[EnumLabels.For(type)]);
    }

    public static TheoryData<string> StoredDetails() => new()
    {
        // What the code stores now.
        AuditDetails.FromSpreadsheet,
        AuditDetails.Unpublished(byModerator: true, "contenido ofensivo"),
        AuditDetails.Unpublished(byModerator: false, "duplicado"),
        AuditDetails.Revision(2, 14),
        AuditDetails.CreatedVerified("Red de Ciudades"),
        AuditDetails.OfferedForComment(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), ["APCI", "Red; Sur"]),
        AuditDetails.Commented(isPublic: true, null, "APCI"),
        AuditDetails.Commented(isPublic: false, "R1.2", "APCI"),
        AuditDetails.Statement(3, RecommendationStatus.PartlyAccepted, null, "APCI"),
        AuditDetails.Statement(3, null, AssessorVerdict.Disputes, "Red de Ciudades"),
        AuditDetails.Hidden("comment", 41, "datos personales"),
        AuditDetails.Hidden("statement", 42, "insultos"),
        AuditDetails.Invited(MembershipRole.OrganisationAdmin, "ana@example.org"),
        AuditDetails.InvitationAccepted(5, "abc-123", MembershipRole.Member),
        AuditDetails.InvitationAccepted(5, "abc-123", null),
        AuditDetails.InvitationRevoked(5, "ana@example.org"),
        AuditDetails.AcceptForAnotherAddress(5),
        AuditDetails.RevokeOtherOrganisationsInvitation(5),
        AuditDetails.FileAdded(2, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        AuditDetails.FilePublished(authorRemoved: true),
        AuditDetails.FilePublished(authorRemoved: false),
        AuditDetails.Listing(12),
        AuditDetails.ConversationEnded(ConversationState.Declined),
        AuditDetails.StartedInitiative(31),
        AuditDetails.TestimonyRecorded(14),
        AuditDetails.TestimonyWithdrawn(TestimonyWithdrawal.ConsentRevoked),
        AuditDetails.TestimonyWithdrawn(TestimonyWithdrawal.ConsentExpired),
        // The sentences entries written before the codes keep.
        "Red de Ciudades, verified at once",
        "APCI, Red de Ciudades (until 2026-05-01)",
        "APCI (public)",
        "APCI (for the assessor only, R1.2)",
        "APCI: recommendation 3 (PartlyAccepted)",
        "Red de Ciudades: recommendation 3 (Disputes)",
        "comment #41: datos personales",
        "ana@example.org as OrganisationAdmin",
        "invitation 5, account abc-123, Member",
        "invitation 5, account abc-123, already a member",
        "invitation 5, ana@example.org",
        "accept invitation 5 of another address",
        "revoke invitation 5: not an invitation of this organisation",
        "v2, 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "author metadata removed",
        "author metadata kept",
        "assessment 14",
        "ConsentRevoked",
        "ConsentExpired",
    };

    [Theory]
    [MemberData(nameof(StoredDetails))]
    public void A_stored_detail_is_told_in_the_readers_language(string stored)
    {
        AssertTranslated(stored, L =>
        {
            var (text, translated) = AuditText.DetailOf(stored, L);
            return translated ? text : stored;
        });
    }

    [Fact]
    public async Task The_audit_log_page_tells_newer_refusals_subjects_and_details_in_the_readers_language()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var marker = $"{TestData.Word()}@audit.example.org";
        await Portal.WithDatabaseAsync(async db =>
        {
            var at = DateTime.UtcNow;
            db.AuditEvents.Add(new AuditEvent { At = at, Type = AuditEventType.AccessRefused, UserEmail = marker, TargetType = AuditTargets.File, TargetId = "31", Details = Rights.RefusalCode(Operations.ManageEvidence) });
            db.AuditEvents.Add(new AuditEvent { At = at.AddSeconds(1), Type = AuditEventType.TestimonyWithdrawn, UserEmail = marker, TargetType = AuditTargets.Testimony, TargetId = "32", Details = AuditDetails.TestimonyWithdrawn(TestimonyWithdrawal.ConsentExpired) });
            db.AuditEvents.Add(new AuditEvent { At = at.AddSeconds(2), Type = AuditEventType.InvitationSent, UserEmail = marker, TargetType = AuditTargets.Organisation, TargetId = "33", Details = AuditDetails.Invited(MembershipRole.Member, "ana@example.org") });
            db.AuditEvents.Add(new AuditEvent { At = at.AddSeconds(3), Type = AuditEventType.InterestExpressed, UserEmail = marker, TargetType = AuditTargets.Listing, TargetId = "34" });
            return await db.SaveChangesAsync();
        });
        using var administrator = await world.BrowserAsync(Role.Administrator);

        var log = await administrator.GetOkAsync($"/admin/audit?user={Uri.EscapeDataString(marker)}&culture=es");

        var cells = log.Document.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(4, cells.Count);
        Assert.Equal(["Interés manifestado en una oferta o necesidad", "Oferta o necesidad 34", ""], cells[0][1..].Where((_, i) => i != 1).ToList());
        Assert.Equal(["Organización 33", "ana@example.org, invitado como: Miembro"], cells[1][3..]);
        Assert.Equal(["Testimonio 32", "Retirado: el consentimiento venció"], cells[2][3..]);
        Assert.Equal(["Archivo 31", "Intentó publicar, descartar o reemplazar un archivo"], cells[3][3..]);
        Assert.NotNull(log.Document.QuerySelector("tbody a[href='/files/31']"));
        Assert.NotNull(log.Document.QuerySelector("tbody a[href='/exchange/34']"));
        Assert.DoesNotContain("operation:", log.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Renders in English and in each language, with a localizer that notes the keys asked for. The text must not be the
    /// stored code; it must have gone through the resources, each key translated in that language's file; and it must differ
    /// from the English text unless that language's translation is the same words (e.g. "Initiative {0}" in French).
    /// </summary>
    private void AssertTranslated(string stored, Func<IStringLocalizer<SharedResource>, string> render)
    {
        var english = Render("en", render).Text;
        foreach (var language in Languages)
        {
            var (text, keys) = Render(language, render);
            var translations = Resx(language);
            Assert.False(text == stored, $"{language}: '{stored}' shown as stored");
            Assert.True(keys.Count > 0, $"{language}: '{stored}' shown without a translation ('{text}')");
            var missing = keys.Where(k => !translations.ContainsKey(k)).ToList();
            Assert.True(missing.Count == 0, $"{language}: '{stored}' has no translation of: {string.Join(" | ", missing)}");
            if (text == english)
                Assert.True(keys.All(k => translations[k] == Resx("en")[k]), $"{language}: '{stored}' shown in English ('{text}')");
        }
    }

    private (string Text, List<string> Keys) Render(string language, Func<IStringLocalizer<SharedResource>, string> render)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var recording = new RecordingLocalizer(Portal.Services.GetRequiredService<IStringLocalizer<SharedResource>>());
            return (render(recording), recording.Keys);
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    private static readonly Dictionary<string, Dictionary<string, string>> ResxCache = [];

    private static Dictionary<string, string> Resx(string language)
    {
        lock (ResxCache)
        {
            if (ResxCache.TryGetValue(language, out var known)) return known;
            var file = language == "en" ? "SharedResource.resx" : $"SharedResource.{language}.resx";
            var entries = XDocument.Load(Path.Combine(SourceFolder(), "Resources", file)).Root!.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
            return ResxCache[language] = entries;
        }
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src", "SscPortal.Web"));

    private sealed class RecordingLocalizer(IStringLocalizer<SharedResource> inner) : IStringLocalizer<SharedResource>
    {
        public List<string> Keys { get; } = [];
        public LocalizedString this[string name] { get { Keys.Add(name); return inner[name]; } }
        public LocalizedString this[string name, params object[] arguments] { get { Keys.Add(name); return inner[name, arguments]; } }
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AuditTextOnSqlite(SqlitePortalFixture fixture) : AuditTextTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AuditTextOnPostgres(PostgresPortalFixture fixture) : AuditTextTests(fixture);
