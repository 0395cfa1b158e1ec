using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite;

/// <summary>Small helpers for commands: every value reaches SQL as a parameter, never as text spliced into a statement.</summary>
internal static class SqliteCommands
{
    /// <summary>Runs a statement that takes no parameters (PRAGMAs, BEGIN, COMMIT, a migration script).</summary>
    public static int Execute(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row of a statement without parameters, or default.</summary>
    public static T? Scalar<T>(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates a command with its parameters, named in order.</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params ReadOnlySpan<string> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    /// <summary>Sets the parameters of a command in the order they were named; null becomes NULL.</summary>
    public static SqliteCommand With(this SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Whether a transaction is open on the connection (SQLite's own answer, whoever began it).</summary>
    public static bool InTransaction(this SqliteConnection connection)
        => connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    /// <summary>A nullable text column.</summary>
    public static string? NullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
