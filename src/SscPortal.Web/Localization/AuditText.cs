using SscPortal.Web.Authorization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace SscPortal.Web.Localization;

/// <summary>
/// The audit log stores what happened in one fixed, language-neutral form (the phrases the code writes, with ids,
/// names and reasons in them), so that it reads the same whoever wrote it and whenever. This turns a stored subject
/// and detail into the reader's language when the log is shown. What is not one of these phrases (an organisation's
/// name, a record's title) is shown as it was stored.
/// </summary>
public static partial class AuditText
{
    /// <summary>A subject in the reader's language, with the address of its page when it has one.</summary>
    public sealed record Subject(string Text, string? Link, bool Translated);

    public static Subject SubjectOf(string? type, string? id, IStringLocalizer<SharedResource> L)
    {
        var isNew = id == "new";
        var number = id ?? "";
        return type switch
        {
            AuditTargets.Initiative when isNew => new(L["A new initiative"], null, true),
            AuditTargets.Initiative => new(L["Initiative {0}", number], $"/initiatives/{number}", true),
            AuditTargets.Partnership when isNew => new(L["A new partnership"], null, true),
            AuditTargets.Partnership => new(L["Partnership {0}", number], $"/partnerships/{number}", true),
            AuditTargets.Assessment => new(L["Assessment {0}", number], $"/assessments/{number}", true),
            AuditTargets.Organisation => new(L["Organisation {0}", number], $"/actors/{number}", true),
            AuditTargets.Membership => new(L["Membership {0}", number], null, true),
            AuditTargets.User => new(L["Account {0}", number], null, true),
            AuditTargets.Role => new(L["Platform role {0}", number], null, true),
            AuditTargets.Framework => new(L["Assessment framework, version {0}", number], null, true),
            AuditTargets.Page => new(L["Page {0}", number], null, true),
            AuditTargets.Mail => new(L["Mail {0}", number], "/admin/mail", true),
            AuditTargets.File when id is null => new(L["A file"], null, true),
            AuditTargets.File => new(L["File {0}", number], $"/files/{number}", true),
            AuditTargets.Testimony => new(L["Testimony {0}", number], null, true),
            AuditTargets.Listing when isNew || id is null => new(L["A new offer or need"], null, true),
            AuditTargets.Listing => new(L["Offer or need {0}", number], $"/exchange/{number}", true),
            AuditTargets.Conversation => new(L["Conversation {0}", number], null, true),
            AuditTargets.Call when isNew || id is null => new(L["A new call"], null, true),
            AuditTargets.Call => new(L["Call {0}", number], $"/calls/{number}", true),
            AuditTargets.Application when isNew || id is null => new(L["A new application"], null, true),
            AuditTargets.Application => new(L["Application {0}", number], $"/applications/{number}", true),
            AuditTargets.Review => new(L["Review {0}", number], null, true),
            AuditTargets.GoodPractice when isNew || id is null => new(L["A new good practice"], null, true),
            AuditTargets.GoodPractice => new(L["Good practice {0}", number], $"/good-practices/{number}", true),
            AuditTargets.Event when isNew || id is null => new(L["A new event"], null, true),
            AuditTargets.Event => new(L["Event {0}", number], $"/events/{number}", true),
            AuditTargets.Registration when isNew || id is null => new(L["A new registration"], null, true),
            AuditTargets.Registration => new(L["Registration {0}", number], null, true),
            AuditTargets.Import when isNew || id is null => new(L["A new IATI upload"], null, true),
            AuditTargets.Import => new(L["IATI upload {0}", number], $"/import/iati/{number}", true),
            null => new("", null, true),
            _ => new($"{type} {id}", null, false),
        };
    }

    /// <summary>A detail in the reader's language; <c>Translated</c> is false when it was shown as stored.</summary>
    public static (string Text, bool Translated) DetailOf(string? stored, IStringLocalizer<SharedResource> L)
    {
        if (string.IsNullOrEmpty(stored)) return ("", true);
        if (Action(stored, L) is { } action) return (action, true);
        foreach (var (pattern, say) in Details)
            if (pattern.Match(stored) is { Success: true } match) return (say(match, L), true);
        return (stored, false);
    }

    private static string Role(string role, IStringLocalizer<SharedResource> L) => role switch
    {
        "Member" => L["Member"],
        "OrganisationAdmin" => L["Organisation admin"],
        "Moderator" => L["Moderator"],
        "Administrator" => L["Administrator"],
        _ => role,
    };

    /// <summary>The actions a refusal names (AuditLog.RecordRefusalAsync), each a whole phrase in the reader's language.</summary>
    private static string? Action(string action, IStringLocalizer<SharedResource> L) => ActionPhrase(action, L)?.Value;

    private static LocalizedString? ActionPhrase(string action, IStringLocalizer<SharedResource> L) =>
        action.StartsWith(OperationPrefix, StringComparison.Ordinal) ? OperationPhrase(action[OperationPrefix.Length..], L) : action switch
    {
        "publish" or "publish assessment" or "publish partnership" => L["Tried to publish it"],
        "unpublish" or "unpublish assessment" or "unpublish partnership" => L["Tried to unpublish it"],
        "release moderator hold" => L["Tried to lift a moderator's hold"],
        "delete" or "delete assessment" => L["Tried to delete it"],
        "edit" => L["Tried to edit it"],
        "edit a record that is not visible" or "edit an assessment that is not visible" => L["Tried to edit a record it cannot see"],
        "create initiative" => L["Tried to record an initiative in this organisation's name"],
        "create partnership" => L["Tried to record a partnership in this organisation's name"],
        "no organisation with editing rights" => L["Tried to record an initiative without an organisation with editing rights"],
        "no official organisation" => L["Tried to record a partnership without an official organisation"],
        "assess initiative" => L["Tried to assess in this organisation's name"],
        "assess without an organisation that may" => L["Tried to assess without an organisation that may"],
        "revise assessment" => L["Tried to revise it"],
        "revise someone else's assessment" => L["Tried to revise another organisation's assessment"],
        "respond to assessment" => L["Tried to respond to it"],
        "respond to assessment as an organisation that is not an official party" => L["Tried to respond as an organisation that is not an official party"],
        "download spreadsheet" => L["Tried to download this organisation's spreadsheet"],
        "upload spreadsheet" => L["Tried to upload a spreadsheet for this organisation"],
        "view members" => L["Tried to see its members"],
        "approve membership" => L["Tried to approve a membership"],
        "reject membership" => L["Tried to reject a membership"],
        "change member role" => L["Tried to change a member's role"],
        "remove member" => L["Tried to remove a member"],
        "verify: no organisation waiting for verification" => L["Tried to verify an organisation that is not waiting for verification"],
        "reject: no organisation waiting for verification" => L["Tried to reject an organisation that is not waiting for verification"],
        "verify one's own proposal" => L["Tried to verify an organisation it proposed itself"],
        "unknown platform role" => L["Tried to grant or revoke a platform role that does not exist"],
        "no such account" => L["Tried to change an account that does not exist"],
        _ => null,
    };

    private const string OperationPrefix = "operation:";

    /// <summary>The operations of Authorization/Operations.cs (by name), as Rights records their refusal.</summary>
    private static LocalizedString? OperationPhrase(string operation, IStringLocalizer<SharedResource> L) => operation switch
    {
        nameof(Operations.See) => L["Tried to act on a record it cannot see"],
        nameof(Operations.SeePeople) => L["Tried to see who changed it"],
        nameof(Operations.Edit) => L["Tried to edit it"],
        nameof(Operations.SeePreciseLocations) => L["Tried to see its precise locations"],
        nameof(Operations.Delete) => L["Tried to delete it"],
        nameof(Operations.Publish) => L["Tried to publish it"],
        nameof(Operations.Unpublish) => L["Tried to unpublish it"],
        nameof(Operations.Release) => L["Tried to lift a moderator's hold"],
        nameof(Operations.Revise) => L["Tried to revise it"],
        nameof(Operations.Respond) => L["Tried to respond to it"],
        nameof(Operations.OfferForComment) => L["Tried to offer a draft assessment for comment"],
        nameof(Operations.Comment) => L["Tried to comment on a draft assessment"],
        nameof(Operations.ReadComments) => L["Tried to read every comment on an assessment"],
        nameof(Operations.AnswerRecommendation) => L["Tried to answer a recommendation or post progress on it"],
        nameof(Operations.PostAssessorView) => L["Tried to post the assessor's view on a recommendation"],
        nameof(Operations.HideStatement) => L["Tried to hide a statement on an assessment"],
        nameof(Operations.AddEvidence) => L["Tried to add a file or a testimony"],
        nameof(Operations.ManageEvidence) => L["Tried to publish, discard or replace a file"],
        nameof(Operations.Report) => L["Tried to report it to the moderators"],
        nameof(Operations.Hide) => L["Tried to hide a file"],
        nameof(Operations.ExpressInterest) => L["Tried to say it is interested in an offer or need"],
        nameof(Operations.Converse) => L["Tried to write in a conversation or end it"],
        nameof(Operations.ExtendDeadline) => L["Tried to extend a call's deadline"],
        nameof(Operations.ManageReviewers) => L["Tried to name or remove a call's reviewers"],
        nameof(Operations.ReadApplications) => L["Tried to read every application to a call"],
        nameof(Operations.Decide) => L["Tried to decide on an application or publish a call's results"],
        nameof(Operations.ConfirmPartnership) => L["Tried to answer for a partner in an application"],
        nameof(Operations.ReviewApplication) => L["Tried to review an application it is not assigned"],
        nameof(Operations.AnswerInvitation) => L["Tried to answer an invitation to review addressed to someone else"],
        nameof(Operations.ManageRegistrations) => L["Tried to see or manage an event's registrations"],
        nameof(Operations.WriteReport) => L["Tried to write an event's report"],
        nameof(Operations.ManageOrganisers) => L["Tried to name or remove an event's co-organisers"],
        nameof(Operations.DecideClaims) => L["Tried to decide on membership claims"],
        nameof(Operations.ManageMembers) => L["Tried to change a member's role or remove a member"],
        nameof(Operations.SetIdentifier) => L["Tried to record its IATI organisation identifier"],
        _ => null,
    };

    private static string Status(string said, IStringLocalizer<SharedResource> L) =>
        Enum.TryParse<SscPortal.Domain.RecommendationStatus>(said, out var status) && Enum.IsDefined(status) ? L[EnumLabels.For(status)]
        : Enum.TryParse<SscPortal.Domain.AssessorVerdict>(said, out var verdict) && Enum.IsDefined(verdict) ? L[EnumLabels.For(verdict)]
        : said;

    private static string Kind(string kind, IStringLocalizer<SharedResource> L) => kind switch
    {
        "response" => L["A response"],
        "comment" => L["A comment"],
        "statement" => L["A statement on a recommendation"],
        _ => kind,
    };

    private static string Withdrawal(string why, IStringLocalizer<SharedResource> L) => why switch
    {
        nameof(SscPortal.Domain.TestimonyWithdrawal.ConsentRevoked) => L["Withdrawn: the person took back their consent"],
        nameof(SscPortal.Domain.TestimonyWithdrawal.ConsentExpired) => L["Withdrawn: the consent expired"],
        _ => why,
    };

    /// <summary>The rules a refused application broke, stored as their codes, in the reader's language.</summary>
    private static string Reasons(string codes, IStringLocalizer<SharedResource> L) =>
        string.Join(" ", codes.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(code => Enum.TryParse<SscPortal.Domain.RuleCode>(code, out var rule) ? RuleMessages.For(rule, L, SscPortal.Domain.RecordType.CallApplication) : code));

    private const RegexOptions Whole = RegexOptions.Singleline;

    private static readonly (Regex Pattern, Func<Match, IStringLocalizer<SharedResource>, string> Say)[] Details =
    [
        // The codes the save path stores (Records/AuditDetails).
        (Exactly(AuditDetails.FromSpreadsheet), (_, L) => L["From a spreadsheet"]),
        (new("^" + Regex.Escape(AuditDetails.ByModeratorPrefix) + "(.*)$", RegexOptions.Singleline), (m, L) => L["By a moderator: {0}", m.Groups[1].Value]),
        (new("^" + Regex.Escape(AuditDetails.ByOwnerPrefix) + "(.*)$", RegexOptions.Singleline), (m, L) => L["By its owner: {0}", m.Groups[1].Value]),
        (new(@"^revision=(\d+); of=(\d+)$"), (m, L) => L["Revision {0} of assessment {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (new("^" + Regex.Escape(AuditDetails.VerifiedAtOncePrefix) + "(.*)$", Whole), (m, L) => L["{0}, verified at once", m.Groups[1].Value]),
        (new(@"^until=(\d{4}-\d{2}-\d{2}); to=(.*)$", Whole), (m, L) => L["Offered to {0} for comment until {1}", m.Groups[2].Value, m.Groups[1].Value]),
        (new(@"^comment=(public|assessor-only); indicator=([^;]*); by=(.*)$", Whole), (m, L) => Comment(m.Groups[3].Value, m.Groups[1].Value == "public", m.Groups[2].Value, L)),
        (new(@"^recommendation=(\d+); (?:status|verdict)=(\w*); by=(.*)$", Whole), (m, L) => L["{0}: recommendation {1} ({2})", m.Groups[3].Value, m.Groups[1].Value, Status(m.Groups[2].Value, L)]),
        (new(@"^hidden=(\w+); id=(\d+); reason=(.*)$", Whole), (m, L) => L["{0} (number {1}) hidden: {2}", Kind(m.Groups[1].Value, L), m.Groups[2].Value, m.Groups[3].Value]),
        (new(@"^invited-as=(Member|OrganisationAdmin); email=(.*)$", Whole), (m, L) => L["{0}, invited as: {1}", m.Groups[2].Value, Role(m.Groups[1].Value, L)]),
        (new(@"^invitation=(\d+); joined-as=(Member|OrganisationAdmin); account=(.*)$", Whole), (m, L) => L["Invitation {0}, account {1}, now: {2}", m.Groups[1].Value, m.Groups[3].Value, Role(m.Groups[2].Value, L)]),
        (new(@"^invitation=(\d+); joined-as=already-member; account=(.*)$", Whole), (m, L) => L["Invitation {0}, account {1}, already a member", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^invitation=(\d+); email=(.*)$", Whole), (m, L) => L["Invitation {0}, {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^refused=accept-invitation-of-another-address; invitation=(\d+)$"), (m, L) => L["Tried to accept invitation {0}, sent to another address", m.Groups[1].Value]),
        (new(@"^refused=revoke-invitation-of-another-organisation; invitation=(\d+)$"), (m, L) => L["Tried to withdraw invitation {0}, which is not one of this organisation", m.Groups[1].Value]),
        (new(@"^version=(\d+); sha256=([0-9a-fA-F]*)$"), (m, L) => L["Version {0}, SHA-256 {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (Exactly(AuditDetails.FilePublished(true)), (_, L) => L["Its author's name removed from the file's metadata"]),
        (Exactly(AuditDetails.FilePublished(false)), (_, L) => L["Its author's name kept in the file's metadata"]),
        (new(@"^assessment=(\d+)$"), (m, L) => L["For assessment {0}", m.Groups[1].Value]),
        (new(@"^withdrawn=(\w+)$"), (m, L) => Withdrawal(m.Groups[1].Value, L)),
        (new(@"^listing=(\d+)$"), (m, L) => L["About offer or need {0}", m.Groups[1].Value]),
        (new(@"^outcome=(Agreed|Declined|Withdrawn)$"), (m, L) => L["Ended: {0}", L[EnumLabels.For(Enum.Parse<SscPortal.Domain.ConversationState>(m.Groups[1].Value))].Value]),
        (new(@"^initiative=(\d+)$"), (m, L) => L["Initiative {0} started", m.Groups[1].Value]),
        // Applications to calls (Calls/ApplicationsText.cs): a start or submission refused for the call's rules.
        (new(@"^refused=(apply|submit); organisation=(\d+); reasons=(.*)$", Whole), (m, L) => m.Groups[1].Value == "apply"
            ? L["Organisation {0} tried to start an application: {1}", m.Groups[2].Value, Reasons(m.Groups[3].Value, L)]
            : L["Organisation {0} tried to submit an application: {1}", m.Groups[2].Value, Reasons(m.Groups[3].Value, L)]),
        (new(@"^sha256=([0-9a-f]{64})$"), (m, L) => L["Fingerprint (SHA-256) {0}", m.Groups[1].Value]),
        // The same, as sentences, as entries written before the codes keep them.
        (Exactly("from a spreadsheet"), (_, L) => L["From a spreadsheet"]),
        (new(@"^by a moderator: (.*)$", RegexOptions.Singleline), (m, L) => L["By a moderator: {0}", m.Groups[1].Value]),
        (new(@"^by its owner: (.*)$", RegexOptions.Singleline), (m, L) => L["By its owner: {0}", m.Groups[1].Value]),
        (new(@"^revision (\d+) of #(\d+)$"), (m, L) => L["Revision {0} of assessment {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^(.+), verified at once$", Whole), (m, L) => L["{0}, verified at once", m.Groups[1].Value]),
        (new(@"^(.*) \(until (\d{4}-\d{2}-\d{2})\)$", Whole), (m, L) => L["Offered to {0} for comment until {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^(.+) \((public|for the assessor only)(?:, ([^,()]+))?\)$", Whole), (m, L) => Comment(m.Groups[1].Value, m.Groups[2].Value == "public", m.Groups[3].Value, L)),
        (new(@"^(.+): recommendation (\d+) \((\w*)\)$", Whole), (m, L) => L["{0}: recommendation {1} ({2})", m.Groups[1].Value, m.Groups[2].Value, Status(m.Groups[3].Value, L)]),
        (new(@"^(response|comment|statement) #(\d+): (.*)$", Whole), (m, L) => L["{0} (number {1}) hidden: {2}", Kind(m.Groups[1].Value, L), m.Groups[2].Value, m.Groups[3].Value]),
        (new(@"^(.+) as (Member|OrganisationAdmin)$", Whole), (m, L) => L["{0}, invited as: {1}", m.Groups[1].Value, Role(m.Groups[2].Value, L)]),
        (new(@"^invitation (\d+), account ([^,]+), (Member|OrganisationAdmin)$"), (m, L) => L["Invitation {0}, account {1}, now: {2}", m.Groups[1].Value, m.Groups[2].Value, Role(m.Groups[3].Value, L)]),
        (new(@"^invitation (\d+), account ([^,]+), already a member$"), (m, L) => L["Invitation {0}, account {1}, already a member", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^invitation (\d+), (.+)$", Whole), (m, L) => L["Invitation {0}, {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^accept invitation (\d+) of another address$"), (m, L) => L["Tried to accept invitation {0}, sent to another address", m.Groups[1].Value]),
        (new(@"^revoke invitation (\d+): not an invitation of this organisation$"), (m, L) => L["Tried to withdraw invitation {0}, which is not one of this organisation", m.Groups[1].Value]),
        (new(@"^v(\d+), ([0-9a-fA-F]+)$"), (m, L) => L["Version {0}, SHA-256 {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (Exactly("author metadata removed"), (_, L) => L["Its author's name removed from the file's metadata"]),
        (Exactly("author metadata kept"), (_, L) => L["Its author's name kept in the file's metadata"]),
        (new(@"^assessment (\d+)$"), (m, L) => L["For assessment {0}", m.Groups[1].Value]),
        (new(@"^(ConsentRevoked|ConsentExpired)$"), (m, L) => Withdrawal(m.Groups[1].Value, L)),
        (new(@"^organisation (\d+), account ([^,]+), organisation admin \(proposer\)$"), (m, L) => L["Organisation {0}, account {1}: its proposer, now its organisation admin", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^organisation (\d+) rejected, account (.+)$"), (m, L) => L["Organisation {0} rejected, with the claim of account {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^organisation (\d+), account ([^,]+), (Member|OrganisationAdmin)$"), (m, L) => L["Organisation {0}, account {1}, now: {2}", m.Groups[1].Value, m.Groups[2].Value, Role(m.Groups[3].Value, L)]),
        (new(@"^organisation (\d+), account ([^,]+)$"), (m, L) => L["Organisation {0}, account {1}", m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^(.+): (Moderator|Administrator)$"), (m, L) => $"{m.Groups[1].Value}: {Role(m.Groups[2].Value, L)}"),
        (new(@"^unknown organisation role '(.*)'$", RegexOptions.Singleline), (m, L) => L["Tried to give an organisation role that does not exist: {0}", m.Groups[1].Value]),
        (new(@"^(.+) on one's own membership$"), (m, L) => L["{0} (on one's own membership)", Action(m.Groups[1].Value, L) ?? m.Groups[1].Value]),
        (new(@"^(.+) in organisation (\d+): not a membership of it$"), (m, L) => L["{0} (the membership is not one of organisation {1})", Action(m.Groups[1].Value, L) ?? m.Groups[1].Value, m.Groups[2].Value]),
        (new(@"^(.+): no such organisation$"), (m, L) => L["{0} (no such organisation)", Action(m.Groups[1].Value, L) ?? m.Groups[1].Value]),
        (new(@"^(.*) on a record that is not visible$"), (m, L) => L["Tried to act on a record it cannot see ({0})", m.Groups[1].Value]),
    ];

    private static string Comment(string by, bool isPublic, string? indicator, IStringLocalizer<SharedResource> L) =>
        string.IsNullOrEmpty(indicator)
            ? (isPublic ? L["{0}: a public comment", by] : L["{0}: a comment for the assessor only", by])
            : (isPublic ? L["{0}: a public comment on indicator {1}", by, indicator] : L["{0}: a comment for the assessor only, on indicator {1}", by, indicator]);

    private static Regex Exactly(string text) => new("^" + Regex.Escape(text) + "$");
}
