using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Events;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// Announcing an event (/events/new) or editing one (/events/{id}/edit): members of a verified organisation write its drafts;
/// its admins publish them and edit published ones (confirmed co-organisers too). Sessions, their speakers and the questions
/// asked at registration are rows added ("Add a session"…) and removed (a box to tick) without script; an existing row keeps
/// its id, so answers stay linked to their question. Times are typed as local dates and times in the event's time zone.
/// When a published event's date, time zone, place or online link changes, everyone registered or waiting is mailed the
/// new details with the updated calendar file, in the same transaction as the change.
/// </summary>
[Authorize]
public class EditModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, ReferenceData referenceData, Outbox outbox, PublicAddress address,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public const int InitiativeRows = 3;
    public const int Choices = 300;

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class TranslationRow
    {
        public string Language { get; set; } = "";
        public string? Title { get; set; }
        public string? Description { get; set; }
    }

    public sealed class SpeakerRow
    {
        public int Id { get; set; }
        public string? Name { get; set; }
        public string? Organisation { get; set; }
        public bool NameShown { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => Id == 0 && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Organisation);
    }

    public sealed class SessionRow
    {
        public int Id { get; set; }
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? Title { get; set; }
        public string? Topic { get; set; }
        public string? Room { get; set; }
        public List<SpeakerRow> Speakers { get; set; } = [];
        public bool Remove { get; set; }

        public bool IsBlank => Id == 0 && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Topic) && string.IsNullOrWhiteSpace(Room)
                               && Speakers.All(s => s.IsBlank);
    }

    public sealed class QuestionRow
    {
        public int Id { get; set; }
        public string? Label { get; set; }
        public bool Required { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => Id == 0 && string.IsNullOrWhiteSpace(Label);
    }

    public sealed class InputModel
    {
        public int OwnerId { get; set; }
        public EventKind Kind { get; set; } = EventKind.Seminar;
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string Language { get; set; } = "en";
        public List<TranslationRow> Translations { get; set; } = [];
        /// <summary>Local date and time in <see cref="TimeZone"/>, as a datetime-local field sends it.</summary>
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string TimeZone { get; set; } = "UTC";
        public EventFormat Format { get; set; } = EventFormat.InPerson;
        public string? Venue { get; set; }
        public string? Address { get; set; }
        public string? City { get; set; }
        public string? CountryCode { get; set; }
        /// <summary>Empty: no limit.</summary>
        public string? Capacity { get; set; }
        public string? OnlineLink { get; set; }
        public List<string> Languages { get; set; } = [];
        public List<string> Interpretation { get; set; } = [];
        public bool RegistrationOpen { get; set; }
        public bool WaitingList { get; set; }
        public List<ThematicArea> Themes { get; set; } = [];
        public List<int> Sdgs { get; set; } = [];
        public List<string> Principles { get; set; } = [];
        /// <summary>The id of the published event this one is part of.</summary>
        public string? ParentEventId { get; set; }
        /// <summary>Ids of published initiatives.</summary>
        public List<string?> Initiatives { get; set; } = [];
        public List<SessionRow> Sessions { get; set; } = [];
        public List<QuestionRow> Questions { get; set; } = [];
        public int Version { get; set; }

        public static InputModel From(CooperationEvent e) => new()
        {
            OwnerId = e.OwnerId, Kind = e.Kind, Title = e.Title, Description = e.Description, Language = e.Language,
            Translations = e.Translations.Select(t => new TranslationRow { Language = t.Language, Title = t.Title, Description = t.Description }).ToList(),
            StartsAt = CallText.LocalInput(e.StartsAt, e.TimeZone), EndsAt = CallText.LocalInput(e.EndsAt, e.TimeZone), TimeZone = e.TimeZone,
            Format = e.Format, Venue = e.Venue, Address = e.Address, City = e.City, CountryCode = e.CountryCode,
            Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture), OnlineLink = e.OnlineLink,
            Languages = e.Languages.ToList(), Interpretation = e.Interpretation.ToList(), RegistrationOpen = e.RegistrationOpen, WaitingList = e.WaitingList,
            Themes = e.Themes.ToList(), Sdgs = e.Sdgs.ToList(), Principles = e.Principles.ToList(),
            ParentEventId = e.ParentEventId?.ToString(CultureInfo.InvariantCulture),
            Initiatives = e.Initiatives.Select(i => (string?)i.InitiativeId.ToString(CultureInfo.InvariantCulture)).ToList(),
            Sessions = e.Sessions.OrderBy(s => s.Position).Select(s => new SessionRow
            {
                Id = s.Id, StartsAt = CallText.LocalInput(s.StartsAt, e.TimeZone), EndsAt = CallText.LocalInput(s.EndsAt, e.TimeZone),
                Title = s.Title, Topic = s.Topic, Room = s.Room,
                Speakers = s.Speakers.OrderBy(p => p.Position).Select(p => new SpeakerRow { Id = p.Id, Name = p.Name, Organisation = p.Organisation, NameShown = p.NameShown }).ToList(),
            }).ToList(),
            Questions = e.Questions.OrderBy(q => q.Position).Select(q => new QuestionRow { Id = q.Id, Label = q.Label, Required = q.Required }).ToList(),
            Version = e.Version,
        };
    }

    public sealed record Choice(int Id, string Title);

    public int? Id { get; private set; }
    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public EditConflict? Conflict { get; private set; }
    /// <summary>Published events that may be this one's parent, and published initiatives it may concern (the pickers' lists).</summary>
    public IReadOnlyList<Choice> ParentChoices { get; private set; } = [];
    public IReadOnlyList<Choice> InitiativeChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is not null) Input = InputModel.From((await saver.LoadAsync(VersionedRecords.Event, id.Value, cancellationToken, tracked: false))!);
        else
        {
            Input.OwnerId = Organisations[0].ActorId;
            Input.Language = PortalLanguages.IsContentLanguage(PortalCultures.Current) ? PortalCultures.Current : "en";
            Input.TimeZone = "UTC";
            var start = saver.Now.Date.AddDays(30).AddHours(9);
            Input.StartsAt = start.ToString(CallText.LocalFormat, CultureInfo.InvariantCulture);
            Input.EndsAt = start.AddHours(8).ToString(CallText.LocalFormat, CultureInfo.InvariantCulture);
            Input.Languages = [Input.Language];
            Input.RegistrationOpen = true;
            Input.WaitingList = true;
            Input.Sessions.Add(new SessionRow { StartsAt = Input.StartsAt, EndsAt = start.AddHours(2).ToString(CallText.LocalFormat, CultureInfo.InvariantCulture) });
        }
        Pad();
        return Page();
    }

    /// <summary>"Add a session", "Add a speaker", "Add a question": the form again, as typed, with one more empty row; saves nothing.</summary>
    public async Task<IActionResult> OnPostAddRowsAsync(int? id, string? add, int? session, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        ModelState.Clear();
        // Rows ticked for removal go; empty ones stay (they were asked for).
        Input.Sessions = Input.Sessions.Where(s => !s.Remove).ToList();
        foreach (var row in Input.Sessions) row.Speakers = row.Speakers.Where(p => !p.Remove).ToList();
        Input.Questions = Input.Questions.Where(q => !q.Remove).ToList();
        switch (add)
        {
            case "session" when Input.Sessions.Count < CooperationEvent.MaxSessions:
                var last = Input.Sessions.LastOrDefault();
                Input.Sessions.Add(new SessionRow { StartsAt = last?.EndsAt ?? Input.StartsAt, EndsAt = last?.EndsAt ?? Input.StartsAt, Speakers = [new SpeakerRow()] });
                break;
            case "speaker" when session is { } at && at >= 0 && at < Input.Sessions.Count && Input.Sessions[at].Speakers.Count < CooperationEvent.MaxSpeakers:
                Input.Sessions[at].Speakers.Add(new SpeakerRow());
                break;
            case "question" when Input.Questions.Count < CooperationEvent.MaxQuestions:
                Input.Questions.Add(new QuestionRow());
                break;
        }
        Pad();
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken) =>
        id is null ? once.CreateAsync(() => SaveAsync(null, cancellationToken), cancellationToken) : SaveAsync(id, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(id, cancellationToken) is { } refused) return refused;
        if (id is null && Organisations.All(o => o.ActorId != Input.OwnerId))
        {
            // Events only for one's own organisation: another's id, crafted into the form, is refused.
            await rights.RefuseAsync(AuditTargets.Organisation, Input.OwnerId, Operations.Edit);
            return Forbid();
        }
        // Model binding's own messages (letters in a number) are said in the portal's words.
        foreach (var (key, entry) in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            entry!.Errors.Clear();
            ModelState.AddModelError(key, L["Choose one of the listed options."]);
        }
        Compact();
        var content = await ReadAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        var now = saver.Now;
        var @event = id is null
            ? new CooperationEvent { Title = "", Description = "", OwnerId = Input.OwnerId, CreatedAt = now, UpdatedAt = now }
            : (await saver.LoadAsync(VersionedRecords.Event, id.Value, cancellationToken))!;
        var before = id is null ? null : RecordSaver.Before(VersionedRecords.Event, @event);
        var wasPublished = @event.IsPublished;
        @event.Apply(content);
        var problems = @event.Check();
        if (problems.Count > 0)
        {
            ModelState.AddViolations(problems, FieldOf, L, RecordType.Event);
            Pad();
            return Page();
        }
        // A published event whose date, zone, place or link changed: everyone registered or waiting is told, with the new .ics.
        var tell = wasPublished && before is not null && EventChangeMail.Matters(before, RecordSaver.Before(VersionedRecords.Event, @event))
            ? await EventChangeMail.RecipientsAsync(db, @event.Id, cancellationToken)
            : [];
        var outcome = await saver.SaveAsync(VersionedRecords.Event, @event, before, Input.Version,
            id is null ? AuditEventType.EventCreated : AuditEventType.EventEdited, cancellationToken,
            auditDetails: @event.Title, alsoRecord: saved =>
            {
                if (id is null) once.Record($"/events/{saved.Id}");
                if (tell.Count > 0)
                    EventChangeMail.Queue(outbox, L, saved, tell, Names, EventText.PageAddress(saved.Id, address, Request), EventText.CalendarHost(address, Request));
            });
        switch (outcome)
        {
            case EditOutcome.Conflict conflict:
                Conflict = conflict.Sides;
                Input.Version = conflict.SavedVersion;
                ModelState.ShowConflict(L);
                Pad();
                return Page();
            case EditOutcome.Gone:
                return NotFound();
        }
        // More places (or no limit any more): the longest waiting move up at once, each told by mail.
        if (id is not null && @event.IsPublished) await SscPortal.Web.Events.Registrations.Of(HttpContext.RequestServices).FillPlacesAsync(@event.Id, cancellationToken);
        if (tell.Count > 0) TempData[PageMessages.Message] = L["Saved. The {0} people registered or waiting were sent the new details by mail.", tell.Count].Value;
        return Redirect($"/events/{@event.Id}");
    }

    /// <summary>The form's field for a field the event's rules name ("Sessions[2].StartsAt" → "Input.Sessions[2].StartsAt").</summary>
    private static string FieldOf(string field) => field switch
    {
        nameof(CooperationEvent.Initiatives) => "Input.Initiatives",
        _ => $"Input.{field}",
    };

    /// <summary>Drops the rows ticked for removal and the empty new ones, so that rows and the event's programme line up.</summary>
    private void Compact()
    {
        Input.Sessions = Input.Sessions.Where(s => !s.Remove && !s.IsBlank).ToList();
        foreach (var row in Input.Sessions) row.Speakers = row.Speakers.Where(p => !p.Remove && !p.IsBlank).ToList();
        Input.Questions = Input.Questions.Where(q => !q.Remove && !q.IsBlank).ToList();
        Input.Initiatives = Input.Initiatives.Where(i => !string.IsNullOrWhiteSpace(i)).ToList();
    }

    /// <summary>What the form says, checked field by field (each problem beside its field); the event's own rules come after.</summary>
    private async Task<EventContent> ReadAsync(CancellationToken cancellationToken)
    {
        var choose = L["Choose one of the listed options."].Value;
        void Problem(string field, string message) => ModelState.AddModelError($"Input.{field}", message);
        string TooLong(int length) => L["Use at most {0} characters.", length].Value;

        if (!Enum.IsDefined(Input.Kind)) Problem(nameof(InputModel.Kind), choose);
        if (!Enum.IsDefined(Input.Format)) Problem(nameof(InputModel.Format), choose);
        if (!PortalLanguages.IsContentLanguage(Input.Language)) Problem(nameof(InputModel.Language), choose);
        for (var i = 0; i < Input.Translations.Count; i++)
        {
            var t = Input.Translations[i];
            if (!PortalLanguages.IsContentLanguage(t.Language)) Problem($"Translations[{i}].Title", choose);
            if (t.Title is { Length: > CooperationEvent.TitleLength }) Problem($"Translations[{i}].Title", TooLong(CooperationEvent.TitleLength));
            if (t.Description is { Length: > CooperationEvent.TextLength }) Problem($"Translations[{i}].Description", TooLong(CooperationEvent.TextLength));
            if (string.IsNullOrWhiteSpace(t.Description) && !string.IsNullOrWhiteSpace(t.Title)) Problem($"Translations[{i}].Description", L["Give the description in this language too, or leave both empty."]);
            if (string.IsNullOrWhiteSpace(t.Title) && !string.IsNullOrWhiteSpace(t.Description)) Problem($"Translations[{i}].Title", L["Give the title in this language too, or leave both empty."]);
        }
        if (Input.Translations.Select(t => t.Language).Distinct().Count() != Input.Translations.Count || Input.Translations.Count > PortalLanguages.Content.Count)
            Problem(nameof(InputModel.Translations), choose);
        if (!string.IsNullOrWhiteSpace(Input.CountryCode) && Input.Format != EventFormat.Online && !Names.Countries.ContainsKey(Input.CountryCode.Trim().ToUpperInvariant()))
            Problem(nameof(InputModel.CountryCode), L["Choose a country from the list."]);
        if (Input.Languages.Any(l => !WorkingLanguages.IsKnown(l))) Problem(nameof(InputModel.Languages), choose);
        if (Input.Interpretation.Any(l => !WorkingLanguages.IsKnown(l))) Problem(nameof(InputModel.Interpretation), choose);
        if (Input.Principles.Any(p => Names.Principles.All(n => n.Code != p))) Problem(nameof(InputModel.Principles), choose);

        int? capacity = null;
        if (!string.IsNullOrWhiteSpace(Input.Capacity))
        {
            if (int.TryParse(Input.Capacity.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var places)) capacity = places;
            else Problem(nameof(InputModel.Capacity), L["Enter a whole number."]);
        }

        var zone = Input.TimeZone?.Trim() ?? "";
        var knownZone = CallTimeZones.IsKnown(zone);
        if (!knownZone) Problem(nameof(InputModel.TimeZone), L["Choose a time zone from the list."]);
        DateTime? Instant(string field, string? text)
        {
            if (CallText.ParseLocal(text) is not { } local)
            {
                Problem(field, string.IsNullOrWhiteSpace(text) ? L["Give a date and a time."] : L["Enter a date and a time, such as 2027-03-31 18:00."]);
                return null;
            }
            return knownZone ? CallTimeZones.ToUtc(local, zone) : DateTime.SpecifyKind(local, DateTimeKind.Utc);
        }
        var startsAt = Instant(nameof(InputModel.StartsAt), Input.StartsAt);
        var endsAt = Instant(nameof(InputModel.EndsAt), Input.EndsAt);

        // The parent: a published event, not this one nor one of its own side events (no circle).
        int? parent = null;
        if (!string.IsNullOrWhiteSpace(Input.ParentEventId))
        {
            if (!int.TryParse(Input.ParentEventId.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var parentId)
                || !await db.Events.AsNoTracking().AnyAsync(e => e.Id == parentId && e.Publication == PublicationState.Published, cancellationToken))
                Problem(nameof(InputModel.ParentEventId), L["Give the number of a published event (the number in its address)."]);
            else
            {
                parent = parentId;
                var seen = new HashSet<int>();
                for (int? at = parentId; at is { } step && seen.Add(step);)
                {
                    if (Id is { } self && step == self)
                    {
                        Problem(nameof(InputModel.ParentEventId), L["An event cannot be part of itself."]);
                        break;
                    }
                    at = await db.Events.AsNoTracking().Where(e => e.Id == step).Select(e => e.ParentEventId).SingleOrDefaultAsync(cancellationToken);
                }
            }
        }

        // The initiatives: published ones only (an id crafted for a draft of another organisation says nothing of it).
        var initiatives = new List<int>();
        for (var i = 0; i < Input.Initiatives.Count; i++)
        {
            if (!int.TryParse(Input.Initiatives[i]!.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var initiativeId))
                Problem($"Initiatives[{i}]", L["Give the number of a published initiative (the number in its address)."]);
            else initiatives.Add(initiativeId);
        }
        if (initiatives.Count > 0)
        {
            var known = await db.Initiatives.AsNoTracking().Where(i => initiatives.Contains(i.Id) && i.Publication == PublicationState.Published)
                .Select(i => i.Id).ToListAsync(cancellationToken);
            for (var i = 0; i < Input.Initiatives.Count; i++)
                if (int.TryParse(Input.Initiatives[i]!.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var initiativeId) && !known.Contains(initiativeId))
                    Problem($"Initiatives[{i}]", L["Give the number of a published initiative (the number in its address)."]);
        }

        var sessions = new List<EventSession>();
        for (var i = 0; i < Input.Sessions.Count; i++)
        {
            var row = Input.Sessions[i];
            var session = new EventSession
            {
                Id = row.Id, Title = row.Title ?? "", Topic = row.Topic, Room = row.Room,
                StartsAt = Instant($"Sessions[{i}].StartsAt", row.StartsAt) ?? DateTime.MinValue,
                EndsAt = Instant($"Sessions[{i}].EndsAt", row.EndsAt) ?? DateTime.MinValue,
            };
            foreach (var speaker in row.Speakers)
                session.Speakers.Add(new EventSpeaker { Id = speaker.Id, Name = speaker.Name ?? "", Organisation = speaker.Organisation, NameShown = speaker.NameShown });
            sessions.Add(session);
        }
        var questions = Input.Questions.Select(q => new EventQuestion { Id = q.Id, Label = q.Label ?? "", Required = q.Required }).ToList();

        // Ids that are not this event's own rows are not trusted: a crafted id would take over another event's session or question.
        if (Id is { } eventId)
        {
            var ownSessions = await db.EventSessions.AsNoTracking().Where(s => s.EventId == eventId)
                .Select(s => new { s.Id, Speakers = s.Speakers.Select(p => p.Id).ToList() }).ToListAsync(cancellationToken);
            var ownQuestions = await db.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == eventId).Select(q => q.Id).ToListAsync(cancellationToken);
            foreach (var session in sessions)
            {
                var own = ownSessions.FirstOrDefault(s => s.Id == session.Id && session.Id != 0);
                if (own is null) session.Id = 0;
                foreach (var speaker in session.Speakers.Where(p => own is null || !own.Speakers.Contains(p.Id))) speaker.Id = 0;
            }
            foreach (var q in questions.Where(q => !ownQuestions.Contains(q.Id))) q.Id = 0;
        }
        else
        {
            foreach (var session in sessions)
            {
                session.Id = 0;
                foreach (var speaker in session.Speakers) speaker.Id = 0;
            }
            foreach (var q in questions) q.Id = 0;
        }

        return new EventContent(Input.Kind, Input.Title ?? "", Input.Description ?? "", Input.Language,
            startsAt ?? DateTime.MinValue, endsAt ?? DateTime.MinValue, knownZone ? zone : Input.TimeZone ?? "",
            Input.Format, Input.Venue, Input.Address, Input.City, Input.CountryCode, capacity, Input.OnlineLink,
            Input.Languages, Input.Interpretation, Input.RegistrationOpen, Input.WaitingList, Input.Themes, Input.Sdgs, Input.Principles, parent, initiatives,
            Input.Translations.Where(t => t.Language != Input.Language && !string.IsNullOrWhiteSpace(t.Title) && !string.IsNullOrWhiteSpace(t.Description))
                .Select(t => new EventTranslation { Language = t.Language, Title = t.Title!, Description = t.Description! }).ToList(),
            sessions, questions);
    }

    private async Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Names = await referenceData.GetAsync(cancellationToken);
        // The organisations in whose name the person may announce an event (a new one is its owner's draft).
        Organisations = await rights.OrganisationsForAsync(owner => new EventResource(owner), Operations.Edit);
        if (id is null)
        {
            if (Organisations.Count == 0)
            {
                await rights.RefuseAsync(AuditTargets.Event, "new", Operations.Edit);
                return Forbid();
            }
        }
        else
        {
            var record = await db.Events.AsNoTracking().Where(e => e.Id == id)
                .Select(e => new EventResource(e.OwnerId, e.Publication, e.HeldByModerator,
                    e.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList()))
                .SingleOrDefaultAsync(cancellationToken);
            if (record is null || !await rights.MayAsync(record, Operations.See))
            {
                await rights.RefuseAsync(AuditTargets.Event, id, Operations.See);
                return NotFound();
            }
            if (await rights.RequireAsync(record, Operations.Edit, AuditTargets.Event, id) is { } refused) return refused;
            Input.OwnerId = record.OwnerId;
        }
        ParentChoices = await db.Events.AsNoTracking().Where(e => e.Publication == PublicationState.Published && e.Id != (id ?? 0))
            .OrderByDescending(e => e.Id).Take(Choices).Select(e => new Choice(e.Id, e.Title)).ToListAsync(cancellationToken);
        InitiativeChoices = await db.Initiatives.AsNoTracking().Where(i => i.Publication == PublicationState.Published)
            .OrderByDescending(i => i.Id).Take(Choices).Select(i => new Choice(i.Id, i.Title)).ToListAsync(cancellationToken);
        return null;
    }

    /// <summary>Empty rows to fill: a translation for each other content language, a few initiatives, a session with a speaker, a question.</summary>
    private void Pad()
    {
        foreach (var language in PortalLanguages.Content.Where(l => l != Input.Language && Input.Translations.All(t => t.Language != l)))
            Input.Translations.Add(new TranslationRow { Language = language });
        Input.Translations = Input.Translations.Where(t => t.Language != Input.Language).OrderBy(t => PortalLanguages.Content.ToList().IndexOf(t.Language)).ToList();
        while (Input.Initiatives.Count < InitiativeRows) Input.Initiatives.Add(null);
        if (Input.Sessions.Count == 0) Input.Sessions.Add(new SessionRow { StartsAt = Input.StartsAt, EndsAt = Input.StartsAt });
        foreach (var session in Input.Sessions.Where(s => s.Speakers.Count == 0)) session.Speakers.Add(new SpeakerRow());
        if (Input.Questions.Count == 0) Input.Questions.Add(new QuestionRow());
    }
}
