using Npgsql;

namespace Billing.Core.Storage.PostgreSql.Schema;

/// <summary>
/// Applies the store's versioned SQL migrations (embedded resources named <c>NNNN_name.sql</c>) to the connection's current
/// schema, each in its own transaction together with its row in <c>billing_schema_versions</c>. A database-wide advisory lock
/// makes it safe for several processes to migrate at once: one applies, the others wait and then find nothing to do.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The advisory lock key every migrating process takes (the text "BillingCoreMigrate" folded into 64 bits).</summary>
    public const long LockKey = 0x42696C6C_4D696772;

    private const string ResourcePrefix = "Billing.Core.Storage.PostgreSql.Migrations.";

    private const string VersionTable =
        "CREATE TABLE IF NOT EXISTS billing_schema_versions ("
        + "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";

    /// <summary>Every migration, oldest first.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = Load();

    /// <summary>The version the schema has once every migration is applied.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies the migrations the schema lacks.</summary>
    /// <returns>The schema's version afterwards.</returns>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var schema = await RequireSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, VersionTable, cancellationToken).ConfigureAwait(false);
            var current = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (current > LatestVersion)
            {
                throw new InvalidOperationException(NewerMessage(connection.Database, schema, current));
            }

            foreach (var migration in Migrations.Where(m => m.Version > current))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                await using (var record = new NpgsqlCommand("INSERT INTO billing_schema_versions (version, name) VALUES ($1, $2)", connection))
                {
                    record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                current = migration.Version;
            }

            return current;
        }
        finally
        {
            // Closing the connection would release the lock too, but a pooled connection stays open.
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>What is wrong with a schema at <paramref name="version"/>, newer than this package's migrations lead to.</summary>
    public static string NewerMessage(string database, string schema, int version)
        => $"The PostgreSQL schema '{schema}' of database '{database}' is at version {version}, newer than this package knows ({LatestVersion}): "
            + "a later version of Billing.Core.Storage.PostgreSql migrated it. Upgrade the package; this one changes nothing in that schema.";

    /// <summary>The version of the connection's current schema: 0 when no migration was ever applied to it.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('billing_schema_versions') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM billing_schema_versions", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Refuses a connection whose search path names no existing schema, with a message that says what to do.</summary>
    public static async Task<string> RequireSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT current_schema()", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
            ?? throw new InvalidOperationException(
                $"The connection's search path ({connection.DataSource}: '{new NpgsqlConnectionStringBuilder(connection.ConnectionString).SearchPath ?? "\"$user\", public"}') names no existing schema. "
                + "Create the schema first (CREATE SCHEMA …) or set 'Search Path' in the connection string to one that exists.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The embedded migrations must be numbered 1, 2, 3, … without gaps; found {migrations[i].Name} at place {i + 1}.");
            }
        }

        return migrations;
    }
}
