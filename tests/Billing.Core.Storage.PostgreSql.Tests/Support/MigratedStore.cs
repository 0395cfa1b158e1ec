namespace Billing.Core.Storage.PostgreSql.Tests.Support;

/// <summary>
/// One migrated schema and its store for a whole test class (an xunit class fixture): the tests of the class write under ids of
/// their own (<see cref="NextId"/>) instead of paying for a schema and cold connections each.
/// </summary>
public sealed class MigratedStore : IAsyncLifetime
{
    private int _ids;
    private PostgreSqlBillingStore? _store;

    /// <summary>The store.</summary>
    public PostgreSqlBillingStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The schema the store uses.</summary>
    public string Schema => new Npgsql.NpgsqlConnectionStringBuilder(Store.DataSource.ConnectionString).SearchPath!;

    /// <summary>A number no other test of the class got, for ids and names.</summary>
    public int NextId() => Interlocked.Increment(ref _ids);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is null)
        {
            _store = await TestSchema.NewMigratedStoreAsync();
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
