using SscPortal.Web.Reference;

namespace SscPortal.Web.Import;

/// <summary>
/// What the reader needs to know of the organisation the upload is for: its id, its IATI organisation identifier (an
/// activity whose reporting-org names another identifier is not its own), its name, and the portal's code lists.
/// </summary>
public sealed record ImportContext(int OwnerId, string? OwnerIatiIdentifier, string OwnerName, ReferenceData.Snapshot Names);
