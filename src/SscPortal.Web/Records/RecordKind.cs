using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Security;

namespace SscPortal.Web.Records;

/// <summary>
/// What the save path needs to know of one kind of versioned record: its name in the history and the audit log, how
/// to read it whole, how it reads field by field (for the history and the conflict page), whose it is, and where its
/// pages are. A new kind of record declares one of these and saves through <see cref="RecordSaver"/>.
/// </summary>
public sealed record RecordKind<T>(
    RecordType Type, string AuditTarget, Func<IQueryable<T>, IQueryable<T>> Whole, Func<T, IReadOnlyDictionary<string, string?>> Snapshot,
    Func<T, int> OwnerOf, string Path) where T : class, IVersioned
{
    public string AddressOf(int id) => $"/{Path}/{id}";
    public string EditAddressOf(int id) => $"/{Path}/{id}/edit";
}

public static class VersionedRecords
{
    public static readonly RecordKind<Initiative> Initiative = new(
        RecordType.Initiative, AuditTargets.Initiative, q => q.WithEverything(), RecordSnapshot.Of, i => i.OwnerId, "initiatives");

    public static readonly RecordKind<Partnership> Partnership = new(
        RecordType.Partnership, AuditTargets.Partnership, q => q.WithEverything(), RecordSnapshot.Of, p => p.OwnerId, "partnerships");

    public static readonly RecordKind<Listing> Listing = new(
        RecordType.Listing, AuditTargets.Listing, q => q.WithEverything(), RecordSnapshot.Of, l => l.OwnerId, "exchange");

    public static readonly RecordKind<CooperationCall> Call = new(
        RecordType.Call, AuditTargets.Call, q => q.WithEverything(), RecordSnapshot.Of, c => c.OwnerId, "calls");

    public static readonly RecordKind<CallApplication> Application = new(
        RecordType.CallApplication, AuditTargets.Application, q => q.WithEverything(), RecordSnapshot.Of, a => a.ApplicantId, "applications");

    public static readonly RecordKind<GoodPractice> GoodPractice = new(
        RecordType.GoodPractice, AuditTargets.GoodPractice, q => q, RecordSnapshot.Of, g => g.OwnerId, "good-practices");

    public static readonly RecordKind<CooperationEvent> Event = new(
        RecordType.Event, AuditTargets.Event, q => q.WithEverything(), RecordSnapshot.Of, e => e.OwnerId, "events");

    public static readonly RecordKind<Assessment> Assessment = new(
        RecordType.Assessment, AuditTargets.Assessment, q => q.WithEverything(), RecordSnapshot.Of, a => a.AssessorId, "assessments");
}
