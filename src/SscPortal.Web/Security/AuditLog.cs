using System.Security.Claims;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Security;

/// <summary>
/// Records security-relevant events and content changes: who, what, which record, when, from where.
/// An event is added to the request's DbContext, so it is saved together with the change it describes
/// (or on its own with <see cref="SaveAsync"/> when nothing else is saved, e.g. a refused attempt).
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Add(AuditEventType type, string? targetType = null, object? targetId = null, string? details = null, ClaimsPrincipal? user = null, string? userId = null, string? userEmail = null)
    {
        var context = http.HttpContext;
        user ??= context?.User;
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            Type = type,
            UserId = userId ?? user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserEmail = Truncate(userEmail ?? user?.Identity?.Name, 256),
            TargetType = targetType,
            TargetId = Truncate(Convert.ToString(targetId, System.Globalization.CultureInfo.InvariantCulture), 100),
            Details = Truncate(details, 2000),
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
    }

    public async Task SaveAsync(AuditEventType type, string? targetType = null, object? targetId = null, string? details = null, string? userId = null, string? userEmail = null)
    {
        Add(type, targetType, targetId, details, userId: userId, userEmail: userEmail);
        await db.SaveChangesAsync();
    }

    /// <summary>Records a refused attempt once per request, however many layers refuse it.</summary>
    public async Task RecordRefusalAsync(string targetType, object? targetId, string? details = null)
    {
        if (http.HttpContext is { } context)
        {
            if (context.Items.ContainsKey(RefusalRecorded)) return;
            context.Items[RefusalRecorded] = true;
        }
        await SaveAsync(AuditEventType.AccessRefused, targetType, targetId, details);
    }

    private static readonly object RefusalRecorded = new();

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
