using Npgsql;

namespace Billing.Core.Storage.PostgreSql;

/// <summary>How the store reads Npgsql's exceptions: which mean another writer got in the way, and which mean the storage failed.</summary>
internal static class PostgreSqlErrors
{
    public const string UniqueViolation = "23505";
    public const string ForeignKeyViolation = "23503";
    public const string ExclusionViolation = "23P01";

    /// <summary>A write that lost a race with a concurrent one (the database rolled it back): a unique key taken first, a deadlock, a serialisation failure.</summary>
    public static bool IsConflict(Exception exception)
        => exception is PostgresException { SqlState: UniqueViolation or "40001" or "40P01" };

    /// <summary>
    /// The storage itself failed rather than the statement: a broken or refused connection, a server shutting down or starting
    /// up, a terminated backend, exhausted resources, an I/O error, a timeout.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("58", StringComparison.Ordinal),
        NpgsqlException => true,
        IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Wraps a storage failure as the library's exception; other exceptions are returned unchanged for the caller to rethrow.</summary>
    public static Exception Translate(Exception exception, string operation, bool outcomeKnown)
        => IsUnavailable(exception) ? new StorageUnavailableException(operation, outcomeKnown, exception) : exception;
}
