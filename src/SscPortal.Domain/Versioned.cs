namespace SscPortal.Domain;

/// <summary>A record whose every saved change counts: its version goes up by one and its time of change is noted.</summary>
public interface IVersioned
{
    int Id { get; }

    /// <summary>Goes up by one with every saved change; a change made from an older version is a conflict, never a silent overwrite.</summary>
    int Version { get; }

    DateTime UpdatedAt { get; }

    /// <summary>Marks a change about to be saved: the next version, changed now. Called by the save path only, once per save.</summary>
    void Touch(DateTime utcNow);
}
