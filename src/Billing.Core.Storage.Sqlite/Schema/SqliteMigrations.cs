using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite.Schema;

/// <summary>
/// The versioned schema: SQL scripts embedded in the package (<c>Schema/Migrations/NNNN_name.sql</c>), applied in order by
/// <see cref="Apply"/> inside one immediate transaction, which also records each in <c>schema_versions</c>. The immediate
/// transaction takes SQLite's write lock before reading the version, so two processes that start together apply each script once:
/// the second waits for the first, then finds nothing left to do.
/// </summary>
internal static class SqliteMigrations
{
    private const string ResourcePrefix = "Billing.Core.Storage.Sqlite.Schema.Migrations.";

    /// <summary>Every migration, oldest first.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>The version the store needs: the last migration's.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>The schema version of a database: 0 when it was never migrated.</summary>
    public static int ReadVersion(SqliteConnection connection)
    {
        var exists = connection.Scalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'");
        return exists == 0 ? 0 : (int)connection.Scalar<long>("SELECT ifnull(max(version), 0) FROM schema_versions");
    }

    /// <summary>Brings the database to <see cref="Latest"/>; returns how many migrations were applied (0 when it was current).</summary>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this package knows; nothing is changed.</exception>
    public static int Apply(SqliteConnection connection, string path)
    {
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT");
            var current = (int)connection.Scalar<long>("SELECT ifnull(max(version), 0) FROM schema_versions");
            if (current > Latest)
            {
                throw new InvalidOperationException(
                    $"The SQLite database at {path} has schema version {current}, newer than this store knows ({Latest}). Nothing was changed.");
            }

            var applied = 0;
            using var record = connection.Command("INSERT INTO schema_versions (version, name) VALUES ($version, $name)", "$version", "$name");
            foreach (var migration in All)
            {
                if (migration.Version <= current)
                {
                    continue;
                }

                connection.Execute(migration.Sql);
                record.With(migration.Version, migration.Name).ExecuteNonQuery();
                applied++;
            }

            connection.Execute("COMMIT");
            return applied;
        }
        catch
        {
            if (connection.InTransaction())
            {
                connection.Execute("ROLLBACK");
            }

            throw;
        }
    }

    private static Migration[] Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .OrderBy(m => m.Version)
            .ToArray();
        for (var i = 0; i < migrations.Length; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The embedded migrations must be numbered 1, 2, 3, … without gaps; found {migrations[i].Name} at place {i + 1}.");
            }
        }

        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], NumberStyles.None, CultureInfo.InvariantCulture), name, reader.ReadToEnd());
    }

    /// <summary>One migration script.</summary>
    /// <param name="Version">Its number, from the file name.</param>
    /// <param name="Name">The file name without extension, e.g. <c>0001_initial</c>.</param>
    /// <param name="Sql">The script.</param>
    internal sealed record Migration(int Version, string Name, string Sql);
}
