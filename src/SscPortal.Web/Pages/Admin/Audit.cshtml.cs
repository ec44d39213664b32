using SscPortal.Web.Catalogue;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Admin;

/// <summary>The audit log, newest first, filtered by account and by date, read with keyset paging.</summary>
[Authorize(Policy = PlatformPermissions.ReadAuditLog)]
public class AuditModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Id, DateTime At, AuditEventType Type, string? UserEmail, string? TargetType, string? TargetId, string? Details, string? IpAddress);

    [FromQuery(Name = "user")] public string? UserFilter { get; set; }
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "after")] public string? After { get; set; }

    public IReadOnlyList<Row> Results { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            var term = UserFilter.Trim();
            if (term.Length > 256) term = term[..256];
            query = query.Where(e => e.UserEmail != null && e.UserEmail.Contains(term));
        }
        if (From is { } from) { var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(e => e.At >= start); }
        if (To is { } to) { var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); query = query.Where(e => e.At < end); }
        if (KeysetCursor.TryDecode(After, out var cursor) && cursor.TryGetTime(out var at))
            query = query.Where(e => e.At < at || (e.At == at && e.Id < cursor.Id));

        var page = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(PageSize + 1)
            .Select(e => new Row(e.Id, e.At, e.Type, e.UserEmail, e.TargetType, e.TargetId, e.Details, e.IpAddress))
            .ToListAsync(cancellationToken);
        if (page.Count > PageSize)
        {
            page.RemoveAt(PageSize);
            // Audit ids are longs; the cursor keeps the int-sized id space of the other lists.
            NextCursor = page[^1].Id <= int.MaxValue ? KeysetCursor.For(page[^1].At, (int)page[^1].Id).Encode() : null;
        }
        Results = page;
    }

    public string LinkTo(string? after) => Url.Page("/Admin/Audit", new { user = UserFilter, from = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), after })!;
}
