using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Events;

/// <summary>The configuration section "Events".</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>Participants' personal data is deleted this many months after the event ended (anonymous counts are kept).</summary>
    public int RetentionMonths { get; set; } = 6;

    /// <summary>A visitor's registration whose address was not confirmed within this many hours is deleted (its link expires).</summary>
    public double UnconfirmedHours { get; set; } = 48;

    /// <summary>How often the retention job looks for data to delete.</summary>
    public double CheckMinutes { get; set; } = 60;
}

/// <summary>What a registration form says (the e-mail address only for a visitor: a signed-in person's is their account's).</summary>
public sealed record RegistrationForm(
    string? Name, string? Email, string? OrganisationName, int? OrganisationId, ActorType? OrganisationType, string? CountryCode,
    IReadOnlyList<string> LanguagesNeeded, string? AccessibilityNeeds, string? Gender, IReadOnlyDictionary<int, string?> Answers);

/// <summary>The person registering: an account (its confirmed address is used), or a visitor (null).</summary>
public sealed record Registrant(string UserId, string Email, bool EmailConfirmed);

public abstract record RegistrationOutcome
{
    /// <summary>Saved: a place (Registered), the waiting list, or (a visitor) waiting for the address to be confirmed.</summary>
    public sealed record Done(long Id, RegistrationState State) : RegistrationOutcome;
    /// <summary>Refused, field by field: nothing was saved.</summary>
    public sealed record Refused(IReadOnlyList<RuleViolation> Reasons) : RegistrationOutcome;
    /// <summary>No such event (or registration, or link): nothing was saved.</summary>
    public sealed record Missing : RegistrationOutcome;
    /// <summary>The link was right but is too old (an unconfirmed registration past its hours).</summary>
    public sealed record Expired : RegistrationOutcome;
}

/// <summary>
/// Every rule of registering for an event, and the only code that takes or gives back a place. A place is taken by one
/// conditional UPDATE of the event's <see cref="CooperationEvent.RegisteredCount"/> (only while below the capacity), in the
/// same transaction as the registration's row; it is given back (and the longest waiting person moved up) in the transaction
/// that deletes the row. So concurrent requests never register more people than places (the database's CHECK is the backstop,
/// and its violation, like a unique index's, becomes a message). Everything is audited with ids only, never personal data.
/// </summary>
public sealed class Registrations(AppDbContext db, AuditLog audit, RegistrationMail mail, IOptions<EventOptions> options, TimeProvider clock, ILogger<Registrations> logger)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The request's instance (registered by <see cref="RegistrationSetup.AddPortalRegistrations"/>, or made for the request).</summary>
    public static Registrations Of(IServiceProvider services) => ActivatorUtilities.GetServiceOrCreateInstance<Registrations>(services);

    /// <summary>A new random secret for mail links (base64url, 256 bits).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>What is stored of a secret: its SHA-256, in lower-case hex.</summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string ConfirmPath(string secret) => "/events/registrations/confirm?token=" + Uri.EscapeDataString(secret);
    public static string CancelPath(string secret) => "/events/registrations/cancel?token=" + Uri.EscapeDataString(secret);

    public Task<CooperationEvent?> EventAsync(int eventId, CancellationToken cancellationToken) =>
        db.Events.AsNoTracking().Include(e => e.Questions).Include(e => e.Translations).Include(e => e.CoOrganisers).AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);

    /// <summary>The registration a mail link's secret stands for, or null (unknown, or already cancelled).</summary>
    public Task<EventRegistration?> ByTokenAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200) return Task.FromResult<EventRegistration?>(null);
        var hash = HashOf(secret.Trim());
        return db.EventRegistrations.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
    }

    /// <summary>Whether an unconfirmed registration's link is past its hours.</summary>
    public bool HasExpired(EventRegistration registration) =>
        registration.State == RegistrationState.Unconfirmed && registration.CreatedAt < Now.AddHours(-options.Value.UnconfirmedHours);

    /// <summary>Why nobody may register now (past, unpublished, closed; full without a waiting list), or null.</summary>
    public static RuleViolation? Refusal(CooperationEvent @event, DateTime now) =>
        @event.RefusesRegistration(now) is { } code ? new("Event", code)
        : @event.IsFull && !@event.WaitingList ? new("Event", RuleCode.EventFull)
        : null;

    /// <summary>
    /// Registers for an event: a signed-in person at once (a place, or the waiting list) with their account's address; a
    /// visitor waits, holding nothing, until they confirm the address through the link mailed to it.
    /// </summary>
    public async Task<RegistrationOutcome> RegisterAsync(int eventId, RegistrationForm form, Registrant? person, string language, CancellationToken cancellationToken)
    {
        var @event = await EventAsync(eventId, cancellationToken);
        if (@event is null) return new RegistrationOutcome.Missing();
        var now = Now;
        if (Refusal(@event, now) is { } refusal) return await RefusedAsync(eventId, [refusal]);
        if (person is { EmailConfirmed: false }) return await RefusedAsync(eventId, [new("Email", RuleCode.AddressNotConfirmed)]);

        var registration = new EventRegistration
        {
            EventId = eventId,
            UserId = person?.UserId,
            Email = (person?.Email ?? form.Email ?? "").Trim().ToLowerInvariant(),
            Name = (form.Name ?? "").Trim(),
            OrganisationName = Clean(form.OrganisationName),
            OrganisationId = form.OrganisationId,
            OrganisationType = form.OrganisationType is { } type && Enum.IsDefined(type) ? type : null,
            CountryCode = Clean(form.CountryCode)?.ToUpperInvariant(),
            Gender = Clean(form.Gender),
            LanguagesNeeded = form.LanguagesNeeded.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct().Order(StringComparer.Ordinal).ToList(),
            AccessibilityNeeds = Clean(form.AccessibilityNeeds),
            MailLanguage = Localization.PortalCultures.IsSupported(language) ? language : "en",
            CreatedAt = now,
        };
        foreach (var (questionId, text) in form.Answers)
            if (!string.IsNullOrWhiteSpace(text)) registration.Answers.Add(new EventAnswer { QuestionId = questionId, Text = text.Trim() });
        if (registration.Check(@event) is { Count: > 0 } problems) return new RegistrationOutcome.Refused(problems);
        if (form.OrganisationId is { } organisationId)
        {
            var organisation = await db.Actors.AsNoTracking().Where(a => a.Id == organisationId).Select(a => new { a.Name, a.Type }).SingleOrDefaultAsync(cancellationToken);
            if (organisation is null) return new RegistrationOutcome.Refused([new(nameof(EventRegistration.OrganisationId), RuleCode.NotAChoice)]);
            registration.OrganisationName ??= organisation.Name;
            registration.OrganisationType = organisation.Type;
        }

        var existing = await db.EventRegistrations.AsNoTracking()
            .Where(r => r.EventId == eventId && (r.Email == registration.Email || (registration.UserId != null && r.UserId == registration.UserId)))
            .Select(r => new { r.State }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
            return await RefusedAsync(eventId, [new(person is null ? "Email" : "Event",
                existing.State == RegistrationState.Unconfirmed && person is null ? RuleCode.AddressNotConfirmed : RuleCode.AlreadyRegistered)]);

        var secret = NewSecret();
        registration.TokenHash = HashOf(secret);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (person is not null)
            {
                registration.ConfirmedAt = now;
                if (!await PlaceAsync(registration, @event, now, cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return await RefusedAsync(eventId, [new("Event", RuleCode.EventFull)]);
                }
            }
            db.EventRegistrations.Add(registration);
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(AuditEventType.RegistrationMade, AuditTargets.Registration, registration.Id, $"event={eventId} state={registration.State}");
            if (registration.State == RegistrationState.Unconfirmed) mail.AddressConfirmation(registration, @event, secret);
            else mail.Registered(registration, @event, secret, promoted: false);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegistrationOutcome.Done(registration.Id, registration.State);
        }
        catch (DbUpdateException e)
        {
            // The unique rule (one registration per address and per account) or the capacity's CHECK refused it: nothing saved.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            logger.LogInformation(e, "A registration for event {EventId} was refused by the database", eventId);
            var twice = await db.EventRegistrations.AsNoTracking()
                .AnyAsync(r => r.EventId == eventId && (r.Email == registration.Email || (registration.UserId != null && r.UserId == registration.UserId)), cancellationToken);
            return await RefusedAsync(eventId, [new("Event", twice ? RuleCode.AlreadyRegistered : RuleCode.EventFull)]);
        }
    }

    /// <summary>
    /// Gives the registration a place if one is free (the conditional UPDATE), otherwise the waiting list if the event has
    /// one; false when it has neither. Runs inside the caller's transaction.
    /// </summary>
    private async Task<bool> PlaceAsync(EventRegistration registration, CooperationEvent @event, DateTime now, CancellationToken cancellationToken)
    {
        if (await TakePlaceAsync(@event.Id, cancellationToken))
        {
            registration.State = RegistrationState.Registered;
            registration.WaitingSince = null;
            return true;
        }
        if (!@event.WaitingList) return false;
        registration.State = RegistrationState.Waiting;
        registration.WaitingSince = now;
        return true;
    }

    /// <summary>One place, only while fewer are registered than the capacity: 1 row changed is a place, 0 none.</summary>
    private async Task<bool> TakePlaceAsync(int eventId, CancellationToken cancellationToken) =>
        await db.Events.Where(e => e.Id == eventId && (e.Capacity == null || e.RegisteredCount < e.Capacity))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.RegisteredCount, e => e.RegisteredCount + 1), cancellationToken) == 1;

    private Task<int> GiveBackPlaceAsync(int eventId, CancellationToken cancellationToken) =>
        db.Events.Where(e => e.Id == eventId && e.RegisteredCount > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.RegisteredCount, e => e.RegisteredCount - 1), cancellationToken);

    /// <summary>A visitor confirms their address with the mailed secret: a place, or the waiting list (mailed either way).</summary>
    public async Task<RegistrationOutcome> ConfirmAsync(string? secret, CancellationToken cancellationToken)
    {
        var registration = await ByTokenAsync(secret, cancellationToken);
        if (registration is null) return new RegistrationOutcome.Missing();
        if (registration.State != RegistrationState.Unconfirmed) return new RegistrationOutcome.Done(registration.Id, registration.State);
        if (HasExpired(registration)) return new RegistrationOutcome.Expired();
        var @event = (await EventAsync(registration.EventId, cancellationToken))!;
        var now = Now;
        if (@event.RefusesRegistration(now) is { } code) return await RefusedAsync(@event.Id, [new("Event", code)]);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await PlaceAsync(registration, @event, now, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return await RefusedAsync(@event.Id, [new("Event", RuleCode.EventFull)]);
            }
            var state = registration.State;
            DateTime? waitingSince = registration.WaitingSince;
            // Only an unconfirmed row changes: the same link opened twice at once confirms it once.
            var changed = await db.EventRegistrations.Where(r => r.Id == registration.Id && r.State == RegistrationState.Unconfirmed)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, state).SetProperty(r => r.WaitingSince, waitingSince).SetProperty(r => r.ConfirmedAt, now), cancellationToken);
            if (changed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                var now2 = await db.EventRegistrations.AsNoTracking().Where(r => r.Id == registration.Id).Select(r => (RegistrationState?)r.State).SingleOrDefaultAsync(cancellationToken);
                return now2 is { } kept ? new RegistrationOutcome.Done(registration.Id, kept) : new RegistrationOutcome.Missing();
            }
            audit.Add(AuditEventType.RegistrationConfirmed, AuditTargets.Registration, registration.Id, $"event={@event.Id} state={state}");
            mail.Registered(registration, @event, secret!.Trim(), promoted: false);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegistrationOutcome.Done(registration.Id, state);
        }
        catch (DbUpdateException e)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            logger.LogInformation(e, "Confirming registration {Id} was refused by the database", registration.Id);
            return await RefusedAsync(@event.Id, [new("Event", RuleCode.EventFull)]);
        }
    }

    /// <summary>
    /// Cancels (deletes) a registration: if it held a place, the place is given back and the longest waiting person moved up
    /// (mailed, with the calendar file) in the same transaction. <paramref name="reason"/> goes to the audit entry ("cancelled",
    /// "deleted by the person").
    /// </summary>
    public async Task<RegistrationOutcome> CancelAsync(long registrationId, CancellationToken cancellationToken)
    {
        var registration = await db.EventRegistrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is null) return new RegistrationOutcome.Missing();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Whoever deletes the row gives its place back: the same cancellation sent twice at once gives it back once.
        var deleted = await db.EventRegistrations.Where(r => r.Id == registrationId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new RegistrationOutcome.Missing();
        }
        audit.Add(AuditEventType.RegistrationCancelled, AuditTargets.Registration, registrationId, $"event={registration.EventId} state={registration.State}");
        if (registration.State == RegistrationState.Registered)
        {
            await GiveBackPlaceAsync(registration.EventId, cancellationToken);
            await FillPlacesCoreAsync(registration.EventId, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RegistrationOutcome.Done(registrationId, registration.State);
    }

    /// <summary>
    /// Moves people up from the waiting list while places are free (after a cancellation; or after the organisers raised the
    /// capacity — the event's edit page may call it). Returns how many were moved up.
    /// </summary>
    public async Task<int> FillPlacesAsync(int eventId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await FillPlacesCoreAsync(eventId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    private async Task<int> FillPlacesCoreAsync(int eventId, CancellationToken cancellationToken)
    {
        var @event = await EventAsync(eventId, cancellationToken);
        if (@event is null || @event.HasEnded(Now)) return 0;
        var moved = 0;
        while (true)
        {
            var next = await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId && r.State == RegistrationState.Waiting)
                .OrderBy(r => r.WaitingSince).ThenBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (next is null || !await TakePlaceAsync(eventId, cancellationToken)) return moved;
            // A new secret: the promotion mail carries a cancel link, and only the secret's hash is stored.
            var secret = NewSecret();
            var hash = HashOf(secret);
            var changed = await db.EventRegistrations.Where(r => r.Id == next.Id && r.State == RegistrationState.Waiting)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, RegistrationState.Registered).SetProperty(r => r.WaitingSince, (DateTime?)null)
                    .SetProperty(r => r.TokenHash, hash), cancellationToken);
            if (changed == 0)
            {
                await GiveBackPlaceAsync(eventId, cancellationToken);
                return moved;
            }
            moved++;
            audit.Add(AuditEventType.RegistrationPromoted, AuditTargets.Registration, next.Id, $"event={eventId}");
            next.State = RegistrationState.Registered;
            mail.Registered(next, @event, secret, promoted: true);
        }
    }

    /// <summary>The organisers mark whether a registered person attended (null: not marked).</summary>
    public async Task<bool> MarkAttendanceAsync(int eventId, long registrationId, bool? attended, CancellationToken cancellationToken)
    {
        var changed = await db.EventRegistrations.Where(r => r.Id == registrationId && r.EventId == eventId && r.State == RegistrationState.Registered)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Attended, attended), cancellationToken);
        if (changed == 0) return false;
        await audit.SaveAsync(AuditEventType.AttendanceMarked, AuditTargets.Registration, registrationId,
            $"event={eventId} attended={(attended is { } a ? (a ? "yes" : "no") : "unmarked")}");
        return true;
    }

    /// <summary>
    /// A message from the organisers to every registered person (and the waiting list if asked), each in the language of
    /// their registration, through the outbox; the message is kept (not the addresses). Returns how many it went to.
    /// </summary>
    public async Task<int> SendMessageAsync(int eventId, string subject, string body, bool toWaitingList, string userId, CancellationToken cancellationToken)
    {
        var @event = (await EventAsync(eventId, cancellationToken))!;
        var recipients = await db.EventRegistrations.AsNoTracking()
            .Where(r => r.EventId == eventId && (r.State == RegistrationState.Registered || (toWaitingList && r.State == RegistrationState.Waiting)))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var message = new EventMessage
        {
            EventId = eventId, Subject = subject.Trim(), Body = body.Trim(), SentAt = Now, SentByUserId = userId, Recipients = recipients.Count, ToWaitingList = toWaitingList,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.EventMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var registration in recipients) mail.Message(registration, @event, message.Subject, message.Body);
        audit.Add(AuditEventType.EventMessageSent, AuditTargets.Event, eventId, $"message={message.Id} recipients={recipients.Count} waiting-list={toWaitingList}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return recipients.Count;
    }

    private async Task<RegistrationOutcome> RefusedAsync(int eventId, IReadOnlyList<RuleViolation> reasons)
    {
        await audit.RecordRefusalAsync(AuditTargets.Event, eventId, "register:" + string.Join(",", reasons.Select(r => r.Code)));
        return new RegistrationOutcome.Refused(reasons);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public static class RegistrationRights
{
    /// <summary>The event as the rights see it: owner, publication, hold and the co-organisers that confirmed.</summary>
    public static Authorization.EventResource ResourceOf(CooperationEvent @event) =>
        new(@event.OwnerId, @event.Publication, @event.HeldByModerator,
            @event.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList());

    /// <summary>The event's title in the reader's language.</summary>
    public static string TitleOf(CooperationEvent @event) =>
        @event.Translations.FirstOrDefault(t => t.Language == Localization.PortalCultures.Current)?.Title ?? @event.Title;
}
