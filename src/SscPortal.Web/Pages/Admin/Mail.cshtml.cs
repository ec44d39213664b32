using SscPortal.Domain;
using SscPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Mail;

namespace SscPortal.Web.Pages.Admin;

/// <summary>The outgoing mail: how many wait, were sent or failed; the messages still waiting or failed, with their attempts and
/// last error, and the latest sent; a failed message can be sent again.</summary>
[Authorize(Policy = PlatformPermissions.ManageMail)]
public class MailModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int ListSize = 100;

    public sealed record Row(long Id, DateTime CreatedAt, string To, string Subject, string Kind, string Language, OutboxStatus Status,
        int Attempts, DateTime NextAttemptAt, string? LastError, DateTime? SentAt);

    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public IReadOnlyList<Row> Unsent { get; private set; } = [];
    public IReadOnlyList<Row> RecentlySent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        // Failed first (they need someone), then waiting, newest first within each.
        Unsent = await Rows(db.OutboxMessages.Where(m => m.Status != OutboxStatus.Sent)
            .OrderByDescending(m => m.Status == OutboxStatus.Failed).ThenByDescending(m => m.Id)).ToListAsync(cancellationToken);
        RecentlySent = await Rows(db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sent).OrderByDescending(m => m.Id)).ToListAsync(cancellationToken);
    }

    private static IQueryable<Row> Rows(IQueryable<OutboxMessage> query) => query.AsNoTracking().Take(ListSize)
        .Select(m => new Row(m.Id, m.CreatedAt, m.To, m.Subject, m.Kind, m.Language, m.Status, m.Attempts, m.NextAttemptAt, m.LastError, m.SentAt));

    /// <summary>A failed message goes back in the queue, due now, with a fresh count of attempts; anything else is not found.</summary>
    public async Task<IActionResult> OnPostRetryAsync(long id)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null));
        if (changed == 0) return NotFound();
        // Who sent a failed message again, and when: the address it goes to stays in the outbox row, not in the log.
        await audit.SaveAsync(AuditEventType.MailRetried, AuditTargets.Mail, id);
        TempData[PageMessages.Message] = PageMessages.MailRetried;
        return RedirectToPage();
    }
}
