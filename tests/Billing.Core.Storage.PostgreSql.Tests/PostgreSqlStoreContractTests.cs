using Billing.Core.Storage.PostgreSql.Schema;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Billing.Core.Storage.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL store against the shared storage contract: one migrated schema and one data source for the class (xunit runs
/// its tests one after another), every table emptied before each test.
/// </summary>
/// <remarks>
/// A new schema per test cost a migration and a pool of cold connections per test (each new backend loads its catalog caches
/// for the new schema's tables, 50–100 ms per first statement on this VM): twenty minutes for the suite. Emptying the tables
/// gives each test the same fresh, empty store on warm connections.
/// </remarks>
public sealed class PostgreSqlStoreContractTests : BillingStoreContract
{
    private const string EmptyEveryTable =
        "TRUNCATE ledger_entries, ledger_heads, invoice_sequences, invoices, services, numbers, accounts, customers, customer_classes RESTART IDENTITY CASCADE";

    private static readonly Lazy<NpgsqlDataSource> SharedSchema = new(() =>
    {
        var dataSource = NpgsqlDataSource.Create(PostgresServer.Shared.NewSchema());
        SchemaMigrator.MigrateAsync(dataSource, CancellationToken.None).GetAwaiter().GetResult();
        return dataSource;
    });

    protected override void AddStore(IServiceCollection services)
    {
        var dataSource = SharedSchema.Value;
        using (var empty = dataSource.CreateCommand(EmptyEveryTable))
        {
            empty.ExecuteNonQuery();
        }

        services.AddPostgreSqlBillingStore(dataSource);
    }
}
