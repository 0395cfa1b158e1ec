using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Billing.Core.Storage.Sqlite.Writing;

/// <summary>
/// A statement prepared once on the writer's connection and run through SQLite's own API, for the two statements every charge
/// runs (which ledgers hold the key; the entries' insert). ADO.NET's per-execution work — a reader object, parameters bound by
/// name, text converted to UTF-8 arrays — cost more than SQLite's own work there; this binds by position, text as UTF-16 spans,
/// and allocates nothing per execution. Errors become <see cref="SqliteException"/>, as from ADO.NET.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1).</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to text, or NULL; SQLite copies it.</summary>
    public void Bind(int index, string? value)
        => Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    /// <summary>Runs to the next row: true when there is one, false when the statement is done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>Makes the statement ready to bind and run again.</summary>
    public void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
