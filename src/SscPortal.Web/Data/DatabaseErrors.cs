using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SscPortal.Web.Data;

/// <summary>What kind of failure a database error is, for what the reader is told and which status they get.</summary>
public enum DatabaseFailure
{
    /// <summary>Not a database error at all.</summary>
    None,

    /// <summary>The database cannot be reached or is overloaded: temporary, not the reader's fault (503, try again).</summary>
    Unavailable,

    /// <summary>What was sent cannot be stored (a NUL character, a value of the wrong form): the request is at fault (400).</summary>
    InvalidData,

    /// <summary>Someone else (or the same person, twice) did the same thing at the same moment: a lost race (409, already done).</summary>
    Conflict,

    /// <summary>Any other database error: a fault of the portal (500).</summary>
    Unexpected,

    /// <summary>
    /// A statement ran past the portal's limit (<c>Database:StatementTimeoutSeconds</c>) and the database stopped it: the
    /// question costs too much just now. Not an outage: the database answers (503 with its own words: narrow it, or retry).
    /// </summary>
    TimedOut,
}

/// <summary>
/// Tells an outage from bad input and from a lost race, by the codes the databases give: only a connection failure, a
/// timeout or a database that is shutting down or full is an outage; a value the database refuses is bad input; a
/// unique or foreign-key violation is a race someone else won.
/// </summary>
public static class DatabaseErrors
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteNoMemory = 7, SqliteReadOnly = 8, SqliteIoError = 10, SqliteCorrupt = 11,
        SqliteFull = 13, SqliteCannotOpen = 14, SqliteTooBig = 18, SqliteConstraint = 19, SqliteMismatch = 20, SqliteNotADatabase = 26;

    // SQLite's extended constraint codes.
    private const int SqliteConstraintForeignKey = 787, SqliteConstraintPrimaryKey = 1555, SqliteConstraintUnique = 2067;

    public static DatabaseFailure Classify(Exception? error)
    {
        var sawDatabaseError = false;
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A query cancelled because its reader gave up (Npgsql wraps the server's 57014, or the broken connection of
                // a cancellation that timed out) is no outage, whatever it wraps: never a 503 for anyone.
                case OperationCanceledException:
                    return DatabaseFailure.None;
                case DbUpdateConcurrencyException:
                    return DatabaseFailure.Conflict;
                case PostgresException postgres:
                    return Classify(postgres);
                case NpgsqlException npgsql:
                    // Without a server's answer, Npgsql's errors are about the connection: refused, broken, timed out.
                    return npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException
                        ? DatabaseFailure.Unavailable : DatabaseFailure.Unexpected;
                case SqliteException sqlite:
                    return Classify(sqlite);
                case TimeoutException or RetryLimitExceededException:
                    return DatabaseFailure.Unavailable;
                case DbException or DbUpdateException:
                    sawDatabaseError = true;
                    break;
            }
        }
        return sawDatabaseError ? DatabaseFailure.Unexpected : DatabaseFailure.None;
    }

    /// <summary>Whether saving failed because a unique index already holds the same values: someone else saved the same thing first.</summary>
    public static bool IsUniqueViolation(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            switch (e)
            {
                case PostgresException postgres: return postgres.SqlState == PostgresErrorCodes.UniqueViolation;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;
            }
        return false;
    }

    private static DatabaseFailure Classify(PostgresException error) => error.SqlState switch
    {
        // 57014 query_canceled: the statement timeout (or a cancellation the portal asked for), never an outage.
        PostgresErrorCodes.QueryCanceled => DatabaseFailure.TimedOut,
        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation
            or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => DatabaseFailure.Conflict,
        // Class 22, data exception: a NUL character (22021), a malformed value (22P02), a string or number out of range (22001, 22003)…
        { } state when state.StartsWith("22", StringComparison.Ordinal) => DatabaseFailure.InvalidData,
        // Class 54, program limit exceeded: a statement or value too large for the server.
        { } state when state.StartsWith("54", StringComparison.Ordinal) => DatabaseFailure.InvalidData,
        // Connection exceptions (08), too many connections or out of resources (53), shutting down (57P01–57P03), system errors (58).
        { } state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
                       || state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal) => DatabaseFailure.Unavailable,
        _ when error.IsTransient => DatabaseFailure.Unavailable,
        _ => DatabaseFailure.Unexpected,
    };

    private static DatabaseFailure Classify(SqliteException error) => error.SqliteErrorCode switch
    {
        SqliteConstraint when error.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey or SqliteConstraintForeignKey
            => DatabaseFailure.Conflict,
        SqliteTooBig or SqliteMismatch => DatabaseFailure.InvalidData,
        SqliteBusy or SqliteLocked or SqliteNoMemory or SqliteReadOnly or SqliteIoError or SqliteCorrupt or SqliteFull or SqliteCannotOpen or SqliteNotADatabase
            => DatabaseFailure.Unavailable,
        _ => DatabaseFailure.Unexpected,
    };
}
