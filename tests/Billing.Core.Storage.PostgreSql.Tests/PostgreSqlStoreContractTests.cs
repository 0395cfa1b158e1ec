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
        var connectionString = PostgresServer.Shared.NewSchema();
        using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            Schema.SchemaMigrator.MigrateAsync(dataSource, CancellationToken.None).GetAwaiter().GetResult();
        }

        services.AddPostgreSqlBillingStore(connectionString);
    }
}
