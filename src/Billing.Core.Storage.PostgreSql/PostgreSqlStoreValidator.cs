using Billing.Core.Storage.PostgreSql.Schema;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Billing.Core.Storage.PostgreSql;

/// <summary>
/// Checks the store when the host starts: that the server answers and that the schema is at the version this package needs,
/// so a host with a wrong server, a stopped one or a forgotten migration fails at start-up with one message that says what to
/// do, not at its first request. It validates <see cref="PostgreSqlStoreStartupCheck"/>, which only the host's start-up reads:
/// the store's own options must not wait for the database (reading them builds the store).
/// </summary>
internal sealed class PostgreSqlStoreValidator(IServiceProvider provider) : IValidateOptions<PostgreSqlStoreStartupCheck>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreStartupCheck options)
    {
        PostgreSqlBillingStore store;
        try
        {
            store = (PostgreSqlBillingStore)provider.GetService(typeof(PostgreSqlBillingStore))!;
        }
        catch (OptionsValidationException)
        {
            // The store's options are invalid: their own validation says so, once.
            return ValidateOptionsResult.Skip;
        }

        var database = Describe(store.DataSource.ConnectionString);
        string databaseName, schema;
        int version;
        try
        {
            (databaseName, schema, version) = ReadAsync(store.DataSource).GetAwaiter().GetResult();
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e))
        {
            return ValidateOptionsResult.Fail($"The PostgreSQL store cannot reach its database ({database}): {e.Message}");
        }
        catch (Exception e) when (e is PostgresException or InvalidOperationException)
        {
            // The server answered and refused (no such database or role, a failed login), or the search path names no schema.
            return ValidateOptionsResult.Fail($"The PostgreSQL store cannot use its database ({database}): {e.Message}");
        }

        if (version == PostgreSqlBillingStore.SchemaVersion)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            version < PostgreSqlBillingStore.SchemaVersion
                ? $"The PostgreSQL store's schema '{schema}' ({database}) is at version {version}, this package needs {PostgreSqlBillingStore.SchemaVersion}: "
                    + "call PostgreSqlBillingStore.MigrateAsync() before the host starts."
                : SchemaMigrator.NewerMessage(databaseName, schema, version));
    }

    /// <summary>Where the store's database is, for messages: host, port and database, never the password.</summary>
    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"Host={builder.Host};Port={builder.Port};Database={builder.Database ?? builder.Username ?? "(the user's)"}";
    }

    private static async Task<(string Database, string Schema, int Version)> ReadAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var schema = await SchemaMigrator.RequireSchemaAsync(connection, CancellationToken.None).ConfigureAwait(false);
        return (connection.Database, schema, await SchemaMigrator.ReadVersionAsync(connection, CancellationToken.None).ConfigureAwait(false));
    }
}
