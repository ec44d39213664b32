using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Calls;

/// <summary>What one attempt on an application came to.</summary>
public abstract record ApplyOutcome
{
    public sealed record Done(int ApplicationId) : ApplyOutcome;
    /// <summary>The organisation already has an application to the call (pressed twice, or at once): that one is meant.</summary>
    public sealed record Exists(int ApplicationId) : ApplyOutcome;
    /// <summary>The domain or the call's rules refused it: nothing was saved.</summary>
    public sealed record Refused(IReadOnlyList<RuleViolation> Reasons) : ApplyOutcome;
    /// <summary>The organisation is already named as a partner: nothing was saved.</summary>
    public sealed record AlreadyPartner : ApplyOutcome;
    /// <summary>The organisation is not named as a partner in the application.</summary>
    public sealed record NotNamed : ApplyOutcome;
    /// <summary>The application is not what the person saw when they asked: nothing was saved; they look again.</summary>
    public sealed record Changed : ApplyOutcome;
    /// <summary>Someone else changed or deleted the application at the same moment, twice: nothing was saved.</summary>
    public sealed record Overtaken : ApplyOutcome;
}

/// <summary>
/// Applying to calls: starting an application (one per organisation and call, a database rule), naming partners, their
/// answers from their own accounts, and submission before the deadline, each saved with its history, its audit entry and
/// whoever should be told in one transaction. Who may is decided before, by the page (<see cref="Authorization.ApplicationRightsHandler"/>,
/// <see cref="Authorization.PartnerRightsHandler"/>); what may happen, by the domain (<see cref="CallApplication"/>, <see cref="CallEligibility"/>).
/// Eligibility is always read from the registry, never from a form.
/// </summary>
public sealed class Applying(AppDbContext db, RecordSaver saver, History history, Notices notices, ReferenceData referenceData, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The request's instance (registered by <see cref="ApplicationsSetup.AddPortalApplications"/>).</summary>
    public static Applying Of(IServiceProvider services) => services.GetRequiredService<Applying>();

    public static string PathOf(int applicationId) => FormattableString.Invariant($"/applications/{applicationId}");

    /// <summary>Who an organisation is, as eligibility sees it: its kind, country, the regions of its country and whether it is verified.</summary>
    public async Task<Applicant?> ApplicantAsync(int organisationId, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.AsNoTracking().Where(a => a.Id == organisationId)
            .Select(a => new { a.Id, a.Type, a.CountryCode, a.IsVerified }).SingleOrDefaultAsync(cancellationToken);
        if (actor is null) return null;
        return new Applicant(actor.Id, actor.Type, actor.CountryCode, RegionsOf(actor.CountryCode, await referenceData.GetAsync(cancellationToken)), actor.IsVerified);
    }

    /// <summary>The world regions a country is in: its own region and every region listing it.</summary>
    public static IReadOnlyCollection<string> RegionsOf(string? country, ReferenceData.Snapshot names)
    {
        if (country is null) return [];
        var regions = names.Regions.Where(r => r.Countries.Contains(country)).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        if (names.Countries.TryGetValue(country, out var known) && known.RegionCode is { } code) regions.Add(code);
        return regions;
    }

    /// <summary>The kinds of organisation of an application's confirmed partners (what the call's partner rules count).</summary>
    public async Task<List<ActorType>> ConfirmedPartnerTypesAsync(int applicationId, CancellationToken cancellationToken) =>
        await db.Set<ApplicationPartner>().AsNoTracking().Where(p => p.ApplicationId == applicationId && p.Confirmed)
            .Select(p => p.Organisation!.Type).ToListAsync(cancellationToken);

    public async Task<int?> ExistingAsync(int callId, int organisationId, CancellationToken cancellationToken) =>
        await db.CallApplications.AsNoTracking().Where(a => a.CallId == callId && a.ApplicantId == organisationId).Select(a => (int?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Why the organisation may not start an application now: the call not open, or the organisation not eligible (none: it may).</summary>
    public async Task<IReadOnlyList<RuleViolation>> RefusalsAsync(CooperationCall call, int organisationId, CancellationToken cancellationToken)
    {
        var now = Now;
        if (!call.IsOpenAt(now)) return [new(nameof(CooperationCall.ClosesAt), call.HasClosed(now) ? RuleCode.DeadlinePassed : RuleCode.CallNotOpen)];
        var applicant = await ApplicantAsync(organisationId, cancellationToken);
        return applicant is null ? [new("Applicant", RuleCode.OrganisationNotVerified)] : CallEligibility.Check(call, applicant);
    }

    /// <summary>
    /// Starts a draft application of <paramref name="organisationId"/> to the call: only while it is open and for an eligible
    /// organisation. Pressed twice, or by two people at once, it makes one: the unique rule (call, applicant) keeps the first.
    /// </summary>
    public async Task<ApplyOutcome> StartAsync(CooperationCall call, int organisationId, Action<int>? alsoRecord, CancellationToken cancellationToken)
    {
        if (await ExistingAsync(call.Id, organisationId, cancellationToken) is { } existing) return new ApplyOutcome.Exists(existing);
        if (await RefusalsAsync(call, organisationId, cancellationToken) is { Count: > 0 } reasons) return new ApplyOutcome.Refused(reasons);
        var now = Now;
        var application = new CallApplication { CallId = call.Id, ApplicantId = organisationId, CreatedAt = now, UpdatedAt = now };
        try
        {
            var outcome = await saver.SaveAsync(VersionedRecords.Application, application, null, 0, AuditEventType.ApplicationCreated, cancellationToken,
                auditDetails: call.Title, alsoRecord: created => alsoRecord?.Invoke(created.Id));
            return outcome is EditOutcome.Saved saved ? new ApplyOutcome.Done(saved.Id) : new ApplyOutcome.Overtaken();
        }
        catch (DbUpdateException)
        {
            // Pressed twice at once: the unique rule kept one application, and that one is meant.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(call.Id, organisationId, cancellationToken) is { } kept) return new ApplyOutcome.Exists(kept);
            throw;
        }
    }

    private Task<string> NameOfAsync(int organisationId, CancellationToken cancellationToken) =>
        db.Actors.AsNoTracking().Where(a => a.Id == organisationId).Select(a => a.Name).SingleAsync(cancellationToken);

    private static string SubjectOf(CallApplication application, string callTitle) =>
        string.IsNullOrWhiteSpace(application.Title) ? callTitle : application.Title;

    private Task<string> CallTitleAsync(int callId, CancellationToken cancellationToken) =>
        db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => c.Title).SingleAsync(cancellationToken);

    /// <summary>Names a partner organisation in a draft (not the applicant, not twice); its members are asked to confirm.</summary>
    public async Task<ApplyOutcome> InviteAsync(int id, int partnerId, CancellationToken cancellationToken)
    {
        var partnerName = await NameOfAsync(partnerId, cancellationToken);
        var partnerMembers = await notices.MembersOfAsync([partnerId], adminsOnly: false, cancellationToken);
        return await ChangeAsync(id, async application =>
        {
            if (application.ApplicantId == partnerId) return new ApplyOutcome.Refused([new(nameof(CallApplication.Partners), RuleCode.PartnerIsApplicant)]);
            if (application.Partners.Any(p => p.OrganisationId == partnerId)) return new ApplyOutcome.AlreadyPartner();
            var applicantName = await NameOfAsync(application.ApplicantId, cancellationToken);
            var subject = SubjectOf(application, await CallTitleAsync(application.CallId, cancellationToken));
            return Change(a =>
            {
                a.Partners.Add(new ApplicationPartner { ApplicationId = a.Id, OrganisationId = partnerId, InvitedAt = Now });
                return new StateChange(AuditEventType.PartnerInvited, ChangeKind.Edited, [new("Partner", null, $"{partnerName}: invited")], partnerName)
                {
                    AlsoRecord = () => notices.TellAsync(NotificationKind.PartnerInvited, partnerMembers, PathOf(a.Id), subject, applicantName, RecordType.CallApplication,
                        cancellationToken: cancellationToken),
                };
            });
        }, cancellationToken);
    }

    /// <summary>The applicant takes a partner off its draft.</summary>
    public async Task<ApplyOutcome> RemovePartnerAsync(int id, int partnerId, CancellationToken cancellationToken)
    {
        var partnerName = await NameOfAsync(partnerId, cancellationToken);
        return await ChangeAsync(id, application =>
        {
            var partner = application.Partners.FirstOrDefault(p => p.OrganisationId == partnerId);
            if (partner is null) return Task.FromResult<Step>(new ApplyOutcome.NotNamed());
            return Task.FromResult(Change(a =>
            {
                a.Partners.Remove(partner);
                return new StateChange(AuditEventType.PartnerRemoved, ChangeKind.Edited,
                    [new("Partner", $"{partnerName}: {(partner.Confirmed ? "confirmed" : "invited")}", null)], partnerName);
            }));
        }, cancellationToken);
    }

    /// <summary>
    /// A member of the named partner organisation confirms its part (it then counts) or declines it (it is taken off the
    /// application); the applicant's members are told either way.
    /// </summary>
    public async Task<ApplyOutcome> AnswerAsync(int id, int partnerId, bool confirm, string userId, CancellationToken cancellationToken)
    {
        var partnerName = await NameOfAsync(partnerId, cancellationToken);
        return await ChangeAsync(id, async application =>
        {
            var partner = application.Partners.FirstOrDefault(p => p.OrganisationId == partnerId);
            if (partner is null) return new ApplyOutcome.NotNamed();
            if (confirm && partner.Confirmed) return new ApplyOutcome.Done(application.Id);
            var applicantMembers = await notices.MembersOfAsync([application.ApplicantId], adminsOnly: false, cancellationToken);
            var subject = SubjectOf(application, await CallTitleAsync(application.CallId, cancellationToken));
            Func<Task> tell = () => notices.TellAsync(NotificationKind.PartnerAnswered, applicantMembers, PathOf(application.Id), subject, partnerName,
                RecordType.CallApplication, cancellationToken: cancellationToken);
            return Change(a =>
            {
                if (confirm)
                {
                    partner.Confirmed = true;
                    partner.ConfirmedAt = Now;
                    partner.ConfirmedByUserId = userId;
                    return new StateChange(AuditEventType.PartnerConfirmed, ChangeKind.Edited, [new("Partner", $"{partnerName}: invited", $"{partnerName}: confirmed")], partnerName)
                    { AlsoRecord = tell };
                }
                var was = partner.Confirmed ? "confirmed" : "invited";
                a.Partners.Remove(partner);
                return new StateChange(AuditEventType.PartnerRemoved, ChangeKind.Edited, [new("Partner", $"{partnerName}: {was}", $"{partnerName}: declined")], partnerName)
                { AlsoRecord = tell };
            });
        }, cancellationToken);
    }

    /// <summary>
    /// Submits the draft the person saw (<paramref name="seenVersion"/>): the call must be open (the deadline's second
    /// included), the organisation eligible (read from the registry now) and the application complete. Then it is frozen
    /// with its fingerprint; its organisation's members get the receipt and the call's admins learn of it.
    /// </summary>
    public async Task<ApplyOutcome> SubmitAsync(int id, int? seenVersion, string userId, CancellationToken cancellationToken)
    {
        var facts = await db.CallApplications.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.CallId, a.ApplicantId }).SingleOrDefaultAsync(cancellationToken);
        if (facts is null) return new ApplyOutcome.Overtaken();
        var call = (await saver.LoadAsync(VersionedRecords.Call, facts.CallId, cancellationToken, tracked: false))!;
        var applicant = await ApplicantAsync(facts.ApplicantId, cancellationToken);
        var types = await ConfirmedPartnerTypesAsync(id, cancellationToken);
        var applicantName = await NameOfAsync(facts.ApplicantId, cancellationToken);
        var members = await notices.MembersOfAsync([facts.ApplicantId], adminsOnly: false, cancellationToken);
        var callAdmins = await notices.MembersOfAsync([call.OwnerId], adminsOnly: true, cancellationToken);
        return await history.TransitionAsync<ApplyOutcome>(async () =>
        {
            var application = await saver.LoadAsync(VersionedRecords.Application, id, cancellationToken);
            if (application is null) return new ApplyOutcome.Overtaken();
            var outcome = await saver.ChangeAsync(VersionedRecords.Application, application, seenVersion, a =>
            {
                a.Submit(call, applicant!, types, userId, Now);
                var subject = SubjectOf(a, call.Title);
                return new StateChange(AuditEventType.ApplicationSubmitted, ChangeKind.Edited,
                    [new(nameof(CallApplication.State), nameof(ApplicationState.Draft), nameof(ApplicationState.Submitted)), new(nameof(CallApplication.Fingerprint), null, a.Fingerprint)],
                    $"sha256={a.Fingerprint}")
                {
                    AlsoRecord = async () =>
                    {
                        await notices.ReceiptAsync(NotificationKind.ApplicationSubmitted, members, PathOf(a.Id), subject, a.Fingerprint, RecordType.CallApplication, cancellationToken);
                        await notices.TellAsync(NotificationKind.ApplicationReceived, callAdmins, PathOf(a.Id), subject, applicantName, RecordType.CallApplication, cancellationToken: cancellationToken);
                    },
                };
            }, cancellationToken);
            return Answer(outcome, id);
        }, () => new ApplyOutcome.Overtaken());
    }

    private static ApplyOutcome? Answer(ChangeOutcome outcome, int id) => outcome switch
    {
        ChangeOutcome.Done => new ApplyOutcome.Done(id),
        ChangeOutcome.Refused refused => new ApplyOutcome.Refused(refused.Violation.Violations),
        ChangeOutcome.Changed => new ApplyOutcome.Changed(),
        ChangeOutcome.Lost => null,
        _ => new ApplyOutcome.Overtaken(),
    };

    /// <summary>What a change of a draft's partners comes to once the application is read: an answer at once, or the change to save.</summary>
    private sealed record Step(ApplyOutcome? Outcome, Func<CallApplication, StateChange>? Change = null)
    {
        public static implicit operator Step(ApplyOutcome outcome) => new(outcome);
    }

    private static Step Change(Func<CallApplication, StateChange> change) => new(null, change);

    /// <summary>
    /// One change of a draft's partners, tried again once if another request saved the application first: <paramref name="decide"/>
    /// answers at once (refused, nothing to do) or says what to change through <see cref="Change"/>.
    /// </summary>
    private Task<ApplyOutcome> ChangeAsync(int id, Func<CallApplication, Task<Step>> decide, CancellationToken cancellationToken) =>
        history.TransitionAsync<ApplyOutcome>(async () =>
        {
            var application = await saver.LoadAsync(VersionedRecords.Application, id, cancellationToken);
            if (application is null) return new ApplyOutcome.Overtaken();
            if (application.IsSubmitted) return new ApplyOutcome.Refused([new(nameof(CallApplication.State), RuleCode.ApplicationFrozen)]);
            var step = await decide(application);
            if (step.Outcome is { } answered)
            {
                db.ChangeTracker.Clear();
                return answered;
            }
            return Answer(await saver.ChangeAsync(VersionedRecords.Application, application, null, step.Change!, cancellationToken, versionSeen: false), id);
        }, () => new ApplyOutcome.Overtaken());
}
