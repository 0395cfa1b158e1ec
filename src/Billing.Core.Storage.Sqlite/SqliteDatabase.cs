using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite;

/// <summary>
/// The database file and how this store connects to it: pooled connections for reads (WAL lets them run beside the writer and
/// see the last committed transaction), and for writes one connection per writer with the write settings (foreign keys on,
/// <c>synchronous=FULL</c>, a busy timeout for other processes' writes).
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _readerConnectionString;
    private readonly string _writerConnectionString;
    private readonly int _busyTimeoutMs;
    private volatile bool _schemaChecked;

    public SqliteDatabase(string path, TimeSpan busyTimeout)
    {
        Path = System.IO.Path.GetFullPath(path);
        _busyTimeoutMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
            Pooling = true,
        };
        _readerConnectionString = builder.ToString();
        builder.Pooling = false;
        _writerConnectionString = builder.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens a pooled connection for reads, once the schema is known to be current.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            connection.Open();
            EnsureSchema(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs a read on a pooled connection; a storage failure becomes <see cref="StorageUnavailableException"/>.</summary>
    /// <param name="operation">The store operation, for the exception.</param>
    /// <param name="read">The read.</param>
    public T Read<T>(string operation, Func<SqliteConnection, T> read)
    {
        try
        {
            using var connection = OpenReader();
            return read(connection);
        }
        catch (SqliteException e)
        {
            throw new StorageUnavailableException(operation, outcomeKnown: true, e);
        }
    }

    /// <summary>Opens a connection for writes: WAL, <c>synchronous=FULL</c>, foreign keys enforced, waiting for other writers.</summary>
    /// <param name="checkSchema">Whether to refuse a database whose schema is not the current one (false only for migrations).</param>
    public SqliteConnection OpenWriter(bool checkSchema = true)
    {
        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {_busyTimeoutMs}");
            var mode = connection.Scalar<string>("PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The SQLite database at {Path} could not be switched to WAL journal mode (it reports '{mode}').");
            }

            connection.Execute("PRAGMA synchronous = FULL");
            connection.Execute("PRAGMA foreign_keys = ON");
            if (checkSchema)
            {
                EnsureSchema(connection);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Forgets that the schema was found current, so the next connection checks again (after a migration).</summary>
    public void SchemaChanged() => _schemaChecked = false;

    /// <summary>Releases the pooled reader connections.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void EnsureSchema(SqliteConnection connection)
    {
        if (_schemaChecked)
        {
            return;
        }

        var version = Schema.SqliteMigrations.ReadVersion(connection);
        if (version != Schema.SqliteMigrations.Latest)
        {
            throw new InvalidOperationException(
                version < Schema.SqliteMigrations.Latest
                    ? $"The SQLite database at {Path} has schema version {version}; this store needs version {Schema.SqliteMigrations.Latest}. Call SqliteBillingStore.MigrateAsync() before using it."
                    : $"The SQLite database at {Path} has schema version {version}, newer than this store knows ({Schema.SqliteMigrations.Latest}). Use the version of Billing.Core.Storage.Sqlite that wrote it, or a later one.");
        }

        _schemaChecked = true;
    }
}
