using Billing.Core.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Billing.Core.Storage.Sqlite;

/// <summary>
/// Validates the SQLite store's options when the host starts (<c>ValidateOnStart</c>) and when the store is first built: the
/// options themselves, then the file — its folder exists, it can be opened (or created) for writing, and its schema is not newer
/// than this package knows. One message lists every problem. It does not migrate: that is <see cref="SqliteBillingStore.MigrateAsync"/>.
/// </summary>
internal sealed class SqliteBillingStoreOptionsValidator : IValidateOptions<SqliteBillingStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteBillingStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count == 0 && FileProblem(options.Path) is { } problem)
        {
            problems.Add(problem);
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Billing.Core SQLite store options are invalid: " + string.Join(" ", problems));
    }

    private static string? FileProblem(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"Path '{path}' is not a valid file path: {e.Message}";
        }

        var folder = Path.GetDirectoryName(full);
        if (Directory.Exists(full))
        {
            return $"Path '{full}' is a directory; it must name the database file.";
        }

        if (folder is null || !Directory.Exists(folder))
        {
            return $"Path '{full}' cannot be used: its directory '{folder}' does not exist.";
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = full,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            connection.Open();
            if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") != 0)
            {
                return $"Path '{full}' is not writable: SQLite could open the database only for reading.";
            }

            var version = SqliteMigrations.ReadVersion(connection);
            if (version > SqliteMigrations.Latest)
            {
                return $"The database at '{full}' has schema version {version}, newer than this store knows ({SqliteMigrations.Latest}).";
            }

            return null;
        }
        catch (SqliteException e)
        {
            return $"Path '{full}' cannot be opened for writing: {e.Message}";
        }
    }
}
