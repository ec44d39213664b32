using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace SscPortal.Web.Data;

/// <summary>
/// Marks a page or endpoint whose statements read one record by its key (an initiative's page, the API's record): on
/// PostgreSQL they are prepared on each connection (<see cref="StatementPreparer"/>), so that PostgreSQL parses and plans
/// them once per connection instead of on every request. Planning the record page's large <c>UNION ALL</c> cost about three
/// times running it (bench/README.md, "Signed-in readers").
/// <para>
/// Only for statements whose best plan does not depend on their parameters' values. Never for searches, lists with filters
/// or counts: after a few executions PostgreSQL may settle on one generic plan for a prepared statement, and a generic plan
/// for a search that matches ten rows or a million is the slow walk bench/README.md describes.
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PreparedStatementsAttribute : Attribute;

/// <summary>
/// Prepares the statements of a request whose endpoint carries <see cref="PreparedStatementsAttribute"/>, on PostgreSQL
/// only, for GET and HEAD requests. Npgsql keeps a prepared statement on its physical connection across the pool's returns, so a statement is parsed
/// and planned once per connection and then only bound and executed. The number of distinct statements prepared is bounded
/// (<see cref="MaxStatements"/>): a statement whose text varied from request to request could otherwise fill every
/// connection with statements used once.
/// </summary>
public sealed class StatementPreparer(IHttpContextAccessor http) : DbCommandInterceptor
{
    /// <summary>At most this many distinct statement texts are ever prepared by one portal process; later ones run unprepared.</summary>
    public const int MaxStatements = 300;

    private readonly ConcurrentDictionary<string, byte> _prepared = new(StringComparer.Ordinal);

    /// <summary>The response header (with <c>Diagnostics:SqlStatementHeader</c>) saying how many of a request's statements ran prepared.</summary>
    public const string Header = "X-Sql-Prepared";
    private const string Key = "sql-prepared";

    /// <summary>How many of <paramref name="context"/>'s statements ran prepared.</summary>
    public static int CountIn(HttpContext context) => context.Items[Key] as int? ?? 0;

    /// <summary>
    /// A query tagged with this (<c>query.TagWith(StatementPreparer.Tag)</c>) is prepared on any endpoint, GET or not: for a
    /// statement whose plan cannot depend on its parameters' values (the parts of initiatives read by their ids).
    /// </summary>
    public const string Tag = "prepared: its plan does not depend on its parameters";

    private const string Tagged = "-- " + Tag;

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command is NpgsqlCommand npgsql && Wanted(npgsql)) await npgsql.PrepareAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (command is NpgsqlCommand npgsql && Wanted(npgsql)) npgsql.Prepare();
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        if (command is NpgsqlCommand npgsql && Wanted(npgsql)) await npgsql.PrepareAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (command is NpgsqlCommand npgsql && Wanted(npgsql)) npgsql.Prepare();
        return result;
    }

    private bool Wanted(NpgsqlCommand command)
    {
        if (command.IsPrepared) return false;
        var text = command.CommandText;
        var context = http.HttpContext;
        // Reads only: a form's POST saves through the save path, whose statements vary with what changed.
        if (!text.StartsWith(Tagged, StringComparison.Ordinal)
            && (context is null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || context.GetEndpoint()?.Metadata.GetMetadata<PreparedStatementsAttribute>() is null)) return false;
        if (!_prepared.ContainsKey(text))
        {
            if (_prepared.Count >= MaxStatements) return false;
            _prepared.TryAdd(text, 0);
        }
        if (context is not null) context.Items[Key] = CountIn(context) + 1;
        return true;
    }
}
