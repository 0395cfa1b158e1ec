using Billing.Core.Storage.PostgreSql.Tests.Support;
using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Billing.Core.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL store against the shared storage contract, each test in a new, empty, migrated schema.</summary>
public sealed class PostgreSqlStoreContractTests : BillingStoreContract
{
    protected override void AddStore(IServiceCollection services)
    {
        var dataSource = NpgsqlDataSource.Create(PostgresServer.Shared.NewSchema());
        var store = new PostgreSqlBillingStore(dataSource, options: null, ownsDataSource: true);
        store.MigrateAsync().GetAwaiter().GetResult();
        services.AddSingleton(_ => store);
        services.AddSingleton(sp => sp.GetRequiredService<PostgreSqlBillingStore>().Ledgers);
        services.AddInMemoryBillingStore();
    }
}
