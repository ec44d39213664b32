namespace SscPortal.Domain;

/// <summary>Where an invitation stands at a given moment.</summary>
public enum InvitationState
{
    Open,
    Expired,
    Revoked,
    Accepted,
}

/// <summary>
/// An invitation to join an organisation, sent by e-mail by one of its admins (or an administrator) to an address. Accepting it
/// with an account of that address makes the account an active member with <see cref="Role"/>: the invitation is the admin's
/// approval. Only the SHA-256 hash of the mailed token is kept, so reading the database does not let anyone accept.
/// </summary>
public class Invitation
{
    public const int EmailLength = 256;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public int Id { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }

    /// <summary>The address as the inviter typed it (trimmed), where the mail goes.</summary>
    public required string Email { get; set; }
    /// <summary>The address as accounts are looked up by it (upper-cased): what "the same address" means.</summary>
    public required string NormalizedEmail { get; set; }
    public MembershipRole Role { get; set; } = MembershipRole.Member;

    public required string InvitedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public string? AcceptedById { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>The SHA-256 hash of the token, in lower-case hexadecimal.</summary>
    public required string TokenHash { get; set; }

    /// <summary>Not accepted and not revoked: what the database keeps to one per organisation and address.</summary>
    public bool IsClosed => AcceptedAt is not null || RevokedAt is not null;

    public InvitationState StateAt(DateTime now) =>
        AcceptedAt is not null ? InvitationState.Accepted
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Open;

    /// <summary>Accepts the invitation for an account; only an open one is accepted (false otherwise, nothing changed).</summary>
    public bool Accept(string userId, DateTime now)
    {
        if (StateAt(now) != InvitationState.Open) return false;
        AcceptedAt = now;
        AcceptedById = userId;
        return true;
    }

    /// <summary>Withdraws an invitation not yet accepted (an expired one too, which closes it so the address may be invited again).</summary>
    public bool Revoke(DateTime now)
    {
        if (IsClosed) return false;
        RevokedAt = now;
        return true;
    }
}
