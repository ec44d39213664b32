using SscPortal.Web.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SscPortal.Web.Diagnostics;

/// <summary>
/// Counts the SQL statements each request runs, so that a page's cost can be seen not to grow with the rows it shows
/// (no N+1). With Diagnostics:SqlStatementHeader=true the count is sent back in an X-Sql-Statements header, and how many
/// of them ran prepared in X-Sql-Prepared (the
/// benchmark and the tests read it); it is off by default.
/// </summary>
public sealed class SqlStatementCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Sql-Statements";
    private const string Key = "sql-statements";

    public static int CountIn(HttpContext context) => context.Items[Key] as int? ?? 0;

    /// <summary>Charges a request with statements run for it elsewhere (a shared computation it waited for, Caching/CatalogueCache.cs).</summary>
    public static void Add(HttpContext context, int statements) => context.Items[Key] = CountIn(context) + statements;

    // Statements of a computation run apart from any request (shared by several readers) are counted here, not on a request.
    private static readonly AsyncLocal<System.Runtime.CompilerServices.StrongBox<int>?> Apart = new();

    /// <summary>Runs <paramref name="work"/> with its statements counted apart from any request, and says how many it ran.</summary>
    public static async Task<(T Value, int Statements)> CountApartAsync<T>(Func<Task<T>> work)
    {
        var box = new System.Runtime.CompilerServices.StrongBox<int>();
        Apart.Value = box;
        var value = await work();
        return (value, Volatile.Read(ref box.Value));
    }

    private void Count()
    {
        if (Apart.Value is { } apart) Interlocked.Increment(ref apart.Value);
        else if (http.HttpContext is { } context) context.Items[Key] = CountIn(context) + 1;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

}

public static class SqlStatementHeader
{
    /// <summary>Adds the count to every response once its statements are counted (before the first byte is sent).</summary>
    public static IApplicationBuilder UseSqlStatementHeader(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[SqlStatementCounter.Header] = SqlStatementCounter.CountIn(context).ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Of those, how many ran as prepared statements (Data/PreparedStatements.cs: record pages on PostgreSQL).
            context.Response.Headers[StatementPreparer.Header] = StatementPreparer.CountIn(context).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next(context);
    });
}
