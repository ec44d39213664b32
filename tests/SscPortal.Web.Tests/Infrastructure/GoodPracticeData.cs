using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>Good practices and decided calls made for a test, through the portal's own DbContext and the domain's rules.</summary>
public static class GoodPracticeData
{
    public static GoodPracticeContent Content(string title, string practice = "Neighbourhood assemblies decide part of the city budget every year.",
        IReadOnlyList<ThematicArea>? themes = null, IReadOnlyList<string>? countries = null, string language = "en", int? initiativeId = null) =>
        new(title, practice, "A city of two million with informal settlements.", "Twice as many people took part in three years.",
            "The assembly method and its rules.", "Local governments of the South.", language, themes ?? [ThematicArea.Governance], countries ?? ["PE"], initiativeId);

    /// <summary>A good practice of <paramref name="owner"/>, published (a minute ago) unless asked not to; unpublished by a moderator (and held) when asked.</summary>
    public static Task<int> GoodPracticeAsync(this PortalFactory portal, Actor owner, bool published = true, GoodPracticeContent? content = null,
        bool unpublished = false, bool held = false, int? callId = null) =>
        portal.WithDatabaseAsync(async db =>
        {
            var practice = new GoodPractice { OwnerId = owner.Id, CallId = callId, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            practice.Apply(content ?? Content(TestData.Unique("Test good practice")));
            if (published || unpublished) practice.Publish(DateTime.UtcNow.AddMinutes(-1));
            if (unpublished) practice.Unpublish("Breaks the terms", byModerator: held);
            db.GoodPractices.Add(practice);
            await db.SaveChangesAsync();
            return practice.Id;
        });

    /// <summary>
    /// Decides the call's submitted applications (those in <paramref name="selected"/> selected, the others not) and publishes
    /// its results, through the domain's rules: the call must be closed first (<see cref="CallData.CloseCallAsync"/>).
    /// </summary>
    public static Task DecideAndPublishAsync(this PortalFactory portal, int callId, IReadOnlyCollection<int> selected, bool publish = true) =>
        portal.WithDatabaseAsync(async db =>
        {
            var call = await db.Calls.SingleAsync(c => c.Id == callId);
            var applications = await db.CallApplications.Where(a => a.CallId == callId && a.State == ApplicationState.Submitted).ToListAsync();
            var now = DateTime.UtcNow;
            foreach (var application in applications)
                application.Decide(call, selected.Contains(application.Id) ? CallDecision.Selected : CallDecision.NotSelected, "Thank you.", now);
            if (publish) call.PublishResults(applications, now);
            return await db.SaveChangesAsync();
        });
}
