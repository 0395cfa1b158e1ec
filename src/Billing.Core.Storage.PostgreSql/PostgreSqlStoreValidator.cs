using Microsoft.Extensions.Options;

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
        var store = (PostgreSqlBillingStore)provider.GetService(typeof(PostgreSqlBillingStore))!;
        var database = store.DataSource.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("Host", StringComparison.OrdinalIgnoreCase)) ?? "Host=?";
        int version;
        try
        {
            version = store.GetSchemaVersionAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e) || e is InvalidOperationException)
        {
            return ValidateOptionsResult.Fail($"The PostgreSQL store cannot reach its database ({database}): {e.Message}");
        }

        return version == PostgreSqlBillingStore.SchemaVersion
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                version < PostgreSqlBillingStore.SchemaVersion
                    ? $"The PostgreSQL store's schema is at version {version}, this package needs {PostgreSqlBillingStore.SchemaVersion}: call PostgreSqlBillingStore.MigrateAsync() before the host starts."
                    : $"The PostgreSQL store's schema is at version {version}, newer than this package knows ({PostgreSqlBillingStore.SchemaVersion}): upgrade the package.");
    }
}
