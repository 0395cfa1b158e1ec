using Billing.Core.Storage.Sqlite.Ledgers;
using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite.Writing;

/// <summary>
/// The writer's connection and what one batch's transaction needs: the ledger state of the batch, savepoints for writes that may
/// be refused by a constraint, and prepared commands kept for the connection's life.
/// </summary>
internal sealed class WriteBatch : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;

    public WriteBatch(SqliteConnection connection)
    {
        Connection = connection;
        _begin = Prepared("BEGIN IMMEDIATE");
        _commit = Prepared("COMMIT");
        _rollback = Prepared("ROLLBACK");
        Ledgers = new LedgerBatch(this);
    }

    /// <summary>The writer's connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The ledger state of the current batch.</summary>
    public LedgerBatch Ledgers { get; }

    /// <summary>A command kept for the connection's life, prepared on first use; its parameters are named in order.</summary>
    public SqliteCommand Prepared(string sql, params ReadOnlySpan<string> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.Command(sql, parameters);
            command.Prepare();
            _commands.Add(sql, command);
        }

        return command;
    }

    /// <summary>A <see cref="RawStatement"/> kept for the connection's life, prepared on first use.</summary>
    public RawStatement Raw(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(Connection, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    /// <summary>Runs <paramref name="write"/> inside a savepoint: when it throws, what it wrote is undone and the batch goes on.</summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="write">The write.</param>
    /// <returns>What the write returned.</returns>
    public T InSavepoint<T>(Func<T> write)
    {
        Prepared("SAVEPOINT item").ExecuteNonQuery();
        try
        {
            var result = write();
            Prepared("RELEASE item").ExecuteNonQuery();
            return result;
        }
        catch
        {
            Prepared("ROLLBACK TO item").ExecuteNonQuery();
            Prepared("RELEASE item").ExecuteNonQuery();
            throw;
        }
    }

    /// <summary>Begins the batch's transaction, taking SQLite's write lock (waiting for other processes' writers).</summary>
    public void Begin()
    {
        Ledgers.Reset();
        _begin.ExecuteNonQuery();
    }

    public void Commit() => _commit.ExecuteNonQuery();

    /// <summary>Rolls back, if a transaction is open; false when even that failed (the connection is then unusable).</summary>
    public bool TryRollback()
    {
        try
        {
            if (Connection.InTransaction())
            {
                _rollback.ExecuteNonQuery();
            }

            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        Connection.Dispose();
    }
}
