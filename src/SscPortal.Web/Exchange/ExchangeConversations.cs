using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Exchange;

/// <summary>What one attempt on a conversation came to.</summary>
public abstract record ConversationOutcome
{
    public sealed record Done(int ConversationId) : ConversationOutcome;
    /// <summary>The domain refused it (closed conversation, own offer, empty message…): nothing was saved.</summary>
    public sealed record Refused(RuleViolationException Violation) : ConversationOutcome;
    /// <summary>The person sent too many messages lately: nothing was saved.</summary>
    public sealed record TooMany : ConversationOutcome;
    /// <summary>The organisation already has a conversation about this offer or need: that one is meant.</summary>
    public sealed record Exists(int ConversationId) : ConversationOutcome;
    /// <summary>Someone else changed the conversation at the same moment, twice: nothing was saved.</summary>
    public sealed record Overtaken : ConversationOutcome;
}

/// <summary>
/// Saves what is said and decided in conversations about offers and needs: each change with its audit entry and the other
/// side's notifications (and mail, by their preferences) in one transaction. Who may is decided before, by the page
/// (<see cref="Authorization.ConversationRightsHandler"/>); what may happen, by the domain (<see cref="Conversation"/>).
/// A conversation's version is checked on every change, so a message cannot slip in after it was closed.
/// </summary>
public sealed class ExchangeConversations(AppDbContext db, AuditLog audit, History history, Notices notices, RecordSaver saver, TimeProvider clock)
{
    /// <summary>How many messages one person may send in an hour, across every conversation (interest included).</summary>
    public const int MessagesPerHour = 30;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string PathOf(int conversationId) => $"/conversations/{conversationId}";

    /// <summary>A conversation with its messages, tracked, to be changed.</summary>
    public Task<Conversation?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Conversations.Include(c => c.Messages).Include(c => c.Listing).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    private async Task<bool> TooManyAsync(string userId, CancellationToken cancellationToken)
    {
        var since = Now.AddHours(-1);
        return await db.ConversationMessages.CountAsync(m => m.UserId == userId && m.SentAt > since, cancellationToken) >= MessagesPerHour;
    }

    /// <summary>"We are interested": the conversation and its first message, and the publishing organisation's members told.</summary>
    public async Task<ConversationOutcome> StartAsync(int listingId, int interestedId, int? counterpartId, string userId, string? text, CancellationToken cancellationToken)
    {
        if (await ExistingAsync(listingId, interestedId, cancellationToken) is { } existing) return new ConversationOutcome.Exists(existing);
        if (await TooManyAsync(userId, cancellationToken)) return new ConversationOutcome.TooMany();
        var listing = await db.Listings.AsNoTracking().SingleAsync(l => l.Id == listingId, cancellationToken);
        var counterpart = counterpartId is { } other ? await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == other, cancellationToken) : null;
        if (counterpartId is not null && (counterpart is null || !counterpart.IsPublished))
            return new ConversationOutcome.Refused(new RuleViolationException(nameof(Conversation.CounterpartListingId), RuleCode.NotYourListing));
        Conversation conversation;
        try
        {
            conversation = Conversation.Start(listing, interestedId, counterpart, userId, text, Now);
        }
        catch (RuleViolationException violation)
        {
            return new ConversationOutcome.Refused(violation);
        }
        db.Conversations.Add(conversation);
        try
        {
            await history.SaveWithHistoryAsync(async () =>
            {
                audit.Add(AuditEventType.InterestExpressed, AuditTargets.Conversation, conversation.Id, AuditDetails.Listing(listingId));
                var interested = await NameOfAsync(interestedId, cancellationToken);
                await notices.TellAsync(NotificationKind.InterestExpressed, await notices.MembersOfAsync([listing.OwnerId], adminsOnly: false, cancellationToken),
                    PathOf(conversation.Id), listing.Title, interested, RecordType.Listing, cancellationToken: cancellationToken);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Pressed twice at once: the unique rule kept one conversation, and that one is meant.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(listingId, interestedId, cancellationToken) is { } kept) return new ConversationOutcome.Exists(kept);
            throw;
        }
        return new ConversationOutcome.Done(conversation.Id);
    }

    private async Task<int?> ExistingAsync(int listingId, int interestedId, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking().Where(c => c.ListingId == listingId && c.InterestedId == interestedId).Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private Task<string> NameOfAsync(int organisationId, CancellationToken cancellationToken) =>
        db.Actors.AsNoTracking().Where(a => a.Id == organisationId).Select(a => a.Name).SingleAsync(cancellationToken);

    /// <summary>A message from one side; the other side's members are told.</summary>
    public async Task<ConversationOutcome> PostAsync(int id, int organisationId, string userId, string? text, CancellationToken cancellationToken)
    {
        if (await TooManyAsync(userId, cancellationToken)) return new ConversationOutcome.TooMany();
        return await ChangeAsync(id, async conversation =>
        {
            conversation.Post(organisationId, userId, text, Now);
            // Every message moves the version on: a message and the conversation's end cannot both be saved from the same state.
            conversation.Version++;
            return (AuditEventType.ConversationMessagePosted, (string?)null, NotificationKind.ConversationMessage, conversation.OtherSide(organisationId),
                await NameOfAsync(organisationId, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>One side ends the conversation (agreed, declined with an optional reason, withdrawn); the other side is told.</summary>
    public Task<ConversationOutcome> CloseAsync(int id, int organisationId, ConversationState outcome, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, async conversation =>
        {
            conversation.Close(organisationId, outcome, reason, Now);
            return (AuditEventType.ConversationClosed, (string?)AuditDetails.ConversationEnded(outcome), NotificationKind.ConversationEnded,
                conversation.OtherSide(organisationId), await NameOfAsync(organisationId, cancellationToken));
        }, cancellationToken);

    /// <summary>One side reports the conversation: the moderators may read it from now on, and are told.</summary>
    public async Task<ConversationOutcome> ReportAsync(int id, int organisationId, string? reason, CancellationToken cancellationToken)
    {
        var moderators = await notices.HoldersOfAsync(Permission.ReadReportedConversations, cancellationToken);
        return await ChangeAsync(id, conversation =>
        {
            conversation.Report(organisationId, reason, Now);
            return Task.FromResult((AuditEventType.ConversationReported, (string?)null, NotificationKind.ConversationReported, (int?)null, conversation.ReportReason!));
        }, cancellationToken, moderators);
    }

    private Task<ConversationOutcome> ChangeAsync(int id, Func<Conversation, Task<(AuditEventType Audited, string? Details, NotificationKind Told, int? Other, string Detail)>> change,
        CancellationToken cancellationToken, IReadOnlyCollection<string>? tellUsers = null) =>
        history.TransitionAsync<ConversationOutcome>(async () =>
        {
            var conversation = await LoadAsync(id, cancellationToken);
            if (conversation is null) return new ConversationOutcome.Overtaken();
            (AuditEventType Audited, string? Details, NotificationKind Told, int? Other, string Detail) done;
            try
            {
                done = await change(conversation);
            }
            catch (RuleViolationException violation)
            {
                db.ChangeTracker.Clear();
                return new ConversationOutcome.Refused(violation);
            }
            var saved = await history.SaveWithHistoryAsync(async () =>
            {
                audit.Add(done.Audited, AuditTargets.Conversation, conversation.Id, done.Details);
                var told = done.Other is { } other ? await notices.MembersOfAsync([other], adminsOnly: false, cancellationToken) : tellUsers ?? [];
                await notices.TellAsync(done.Told, told, PathOf(conversation.Id), conversation.Listing!.Title, done.Detail, RecordType.Listing, cancellationToken: cancellationToken);
            }, cancellationToken);
            return saved ? new ConversationOutcome.Done(conversation.Id) : null;
        }, () => new ConversationOutcome.Overtaken());

    /// <summary>
    /// "Start an initiative": from an agreed conversation, a draft initiative of <paramref name="organisationId"/> (one of its two
    /// sides), pre-filled from the offer and the need: both organisations, the offering side's country as provider and the
    /// seeking side's countries as recipients, the sectors, goals and themes of both. Once per conversation.
    /// </summary>
    public async Task<(ConversationOutcome Outcome, int? InitiativeId)> StartInitiativeAsync(int id, int organisationId, CancellationToken cancellationToken)
    {
        var conversation = await LoadAsync(id, cancellationToken);
        if (conversation is null) return (new ConversationOutcome.Overtaken(), null);
        if (conversation.InitiativeId is { } started) return (new ConversationOutcome.Exists(id), started);
        if (!conversation.IsParty(organisationId))
            return (new ConversationOutcome.Refused(new RuleViolationException("Organisation", RuleCode.NotAParty)), null);
        if (conversation.State != ConversationState.Agreed)
            return (new ConversationOutcome.Refused(new RuleViolationException(nameof(Conversation.State), RuleCode.NotAgreed)), null);
        var listing = (await saver.LoadAsync(Records.VersionedRecords.Listing, conversation.ListingId, cancellationToken, tracked: false))!;
        var counterpart = conversation.CounterpartListingId is { } other
            ? await saver.LoadAsync(Records.VersionedRecords.Listing, other, cancellationToken, tracked: false) : null;
        var sides = await db.Actors.AsNoTracking().Where(a => a.Id == conversation.ListingOwnerId || a.Id == conversation.InterestedId)
            .Select(a => new { a.Id, a.CountryCode }).ToDictionaryAsync(a => a.Id, a => a.CountryCode, cancellationToken);
        var initiative = InitiativeFromAgreement.Draft(listing, counterpart, conversation, organisationId, sides, saver.Now);
        try
        {
            var outcome = await saver.SaveAsync(Records.VersionedRecords.Initiative, initiative, null, 0, AuditEventType.InitiativeCreated, cancellationToken,
                auditDetails: initiative.Title, alsoRecord: created =>
                {
                    conversation.StartedInitiative(created.Id);
                    audit.Add(AuditEventType.InitiativeStartedFromConversation, AuditTargets.Conversation, conversation.Id, AuditDetails.StartedInitiative(created.Id));
                });
            return outcome is EditOutcome.Saved saved ? (new ConversationOutcome.Done(id), saved.Id) : (new ConversationOutcome.Overtaken(), null);
        }
        catch (DbUpdateException)
        {
            // Two people pressed at once: the conversation's version (and its one-initiative rule) kept the first; nothing of this one was saved.
            db.ChangeTracker.Clear();
            var kept = await db.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => c.InitiativeId).SingleAsync(cancellationToken);
            if (kept is not null) return (new ConversationOutcome.Exists(id), kept);
            throw;
        }
    }
}
