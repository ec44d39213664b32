using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using SscPortal.Domain;
using SscPortal.Web.Security;

namespace SscPortal.Web.Authorization;

/// <summary>
/// What pages ask: "may the reader do this operation to this record?", answered by <see cref="IAuthorizationService"/>
/// (the handlers in <see cref="RecordRightsHandlers"/>), and the one way a refusal is answered: 404 for a record the
/// reader may not see, 403 for one they may see but not change, with an audit entry, nothing saved.
/// </summary>
public sealed class Rights(IAuthorizationService authorization, IHttpContextAccessor http, Access access, AuditLog audit)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public async Task<bool> MayAsync(object record, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, record, operation)).Succeeded;

    /// <summary>Whether the reader holds a platform permission (through a platform role).</summary>
    public async Task<bool> MayAsync(Permission platformPermission) =>
        (await authorization.AuthorizeAsync(User, PlatformPermissions.PolicyFor(platformPermission))).Succeeded;

    /// <summary>The reader's organisations for which the operation on a record made by <paramref name="recordFor"/> is allowed (whose name may go on a new record).</summary>
    public async Task<IReadOnlyList<Access.ActiveMembership>> OrganisationsForAsync(Func<int, object> recordFor, OperationAuthorizationRequirement operation)
    {
        var allowed = new List<Access.ActiveMembership>();
        foreach (var membership in await access.MembershipsAsync())
            if (await MayAsync(recordFor(membership.ActorId), operation)) allowed.Add(membership);
        return allowed;
    }

    /// <summary>
    /// Null when the reader may do the operation. Otherwise the refusal, recorded in the audit log: 404 when they may not
    /// even see the record (nothing tells them it exists), 403 when they may see it.
    /// </summary>
    public async Task<IActionResult?> RequireAsync(object record, OperationAuthorizationRequirement operation, string auditTarget, object? id)
    {
        if (await MayAsync(record, operation)) return null;
        var visible = operation != Operations.See && await MayAsync(record, Operations.See);
        await RefuseAsync(auditTarget, id, visible ? operation : Operations.See);
        return visible ? new ForbidResult() : new NotFoundResult();
    }

    /// <summary>Records a refused operation (once per request); pages that refuse for another reason say it with <paramref name="operation"/>.</summary>
    public Task RefuseAsync(string auditTarget, object? id, OperationAuthorizationRequirement operation) =>
        // A refused read is not recorded: anyone may guess an address; only refused changes are.
        operation == Operations.See && !HttpMethods.IsPost(http.HttpContext?.Request.Method ?? "GET")
            ? Task.CompletedTask
            : audit.RecordRefusalAsync(auditTarget, id, RefusalCode(operation));

    /// <summary>How a refused operation is stored in the audit log (shown in the reader's language by Localization/AuditText.cs).</summary>
    public static string RefusalCode(OperationAuthorizationRequirement operation) => "operation:" + operation.Name;
}
