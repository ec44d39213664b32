using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SscPortal.Web.Notifications;

/// <summary>
/// The one-click unsubscribe link each notification mail carries (RFC 8058): a token signed and encrypted with the portal's
/// data-protection keys, naming the person and the kind of mail, so that it works without signing in and cannot be
/// forged or changed to unsubscribe someone else.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SscPortal.Notifications.Unsubscribe.v1");

    /// <summary>What a token stops: one kind of notification, or (<see cref="Kind"/> null) the daily digest.</summary>
    public sealed record Choice(string UserId, NotificationKind? Kind);

    public string PathFor(string userId, NotificationKind? kind) =>
        "/unsubscribe/" + _protector.Protect($"{(int?)kind ?? 0}\n{userId}");

    /// <summary>What the token stops, or null when it was not made here, was changed, or its key is gone.</summary>
    public Choice? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = payload.Split('\n', 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kind)) return null;
        if (kind == 0) return new Choice(parts[1], null);
        return Enum.IsDefined((NotificationKind)kind) ? new Choice(parts[1], (NotificationKind)kind) : null;
    }
}
