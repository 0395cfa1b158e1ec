using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.PostgreSql.Schema;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using Npgsql;
using NodaTime;

namespace Billing.Core.Storage.PostgreSql.Tests.Schema;

[PostgresTest]
public sealed class SchemaMigratorTests
{
    private const string Tables =
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1";

    private const string Versions = "SELECT version || ' ' || name || ' ' || applied_at FROM billing_schema_versions ORDER BY version";

    private static readonly LedgerOwner Owner = LedgerOwner.ForCustomer(CustomerId.From("CUS-1"));

    [Fact]
    public async Task MigrateAsync_EmptySchema_CreatesEveryTableAndConstraintAndRecordsEachVersion()
    {
        await using var store = new PostgreSqlBillingStore(TestSchema.NewDataSource(), options: null, ownsDataSource: true);
        (await store.GetSchemaVersionAsync()).ShouldBe(0);

        (await store.MigrateAsync()).ShouldBe(PostgreSqlBillingStore.SchemaVersion);

        (await store.GetSchemaVersionAsync()).ShouldBe(PostgreSqlBillingStore.SchemaVersion);
        (await store.DataSource.ColumnAsync<string>(Tables)).ShouldBe(
            ["accounts", "billing_schema_versions", "customer_classes", "customers", "invoice_sequences", "invoices", "ledger_entries", "ledger_heads", "numbers", "services"]);
        (await store.DataSource.ColumnAsync<string>("SELECT version || ' ' || name FROM billing_schema_versions ORDER BY version"))
            .ShouldBe(["1 0001_ledgers", "2 0002_aggregates", "3 0003_invoices"]);

        // The store turns the database's refusals into the library's exceptions by these names.
        var constraints = await store.DataSource.ColumnAsync<string>(
            "SELECT conname::text FROM pg_constraint WHERE connamespace = current_schema()::regnamespace");
        foreach (var name in (string[])[
                     "customers_pkey", "customer_classes_pkey", "accounts_pkey", "numbers_pkey", "services_pkey",
                     "customers_name", "customer_classes_name", "accounts_alias", "numbers_active", "ledger_entries_key",
                     "customers_parent", "customers_class", "accounts_owner", "numbers_owner", "numbers_account", "services_owner",
                     "invoices_pkey", "invoice_sequences_pkey", "invoices_period", "invoices_customer"])
        {
            constraints.ShouldContain(name);
        }
    }

    [Fact]
    public async Task MigrateAsync_Again_ChangesNothingAndKeepsTheData()
    {
        await using var store = await TestSchema.NewMigratedStoreAsync();
        await store.Ledgers.AppendAsync(Owner, Currency.GBP, TopUp("k"));
        var versions = await store.DataSource.ColumnAsync<string>(Versions);
        var catalog = await store.DataSource.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace");

        (await store.MigrateAsync()).ShouldBe(PostgreSqlBillingStore.SchemaVersion);
        (await store.MigrateAsync()).ShouldBe(PostgreSqlBillingStore.SchemaVersion);

        (await store.DataSource.ColumnAsync<string>(Versions)).ShouldBe(versions);
        (await store.DataSource.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace")).ShouldBe(catalog);
        (await store.Ledgers.GetHeadAsync(Owner))!.Value.Count.ShouldBe(1);
    }

    [Fact]
    public async Task MigrateAsync_ManyProcessesAtOnce_AppliesEachMigrationOnceAndReleasesTheLock()
    {
        // Each store has a data source (a pool) of its own, as separate processes would.
        var connectionString = PostgresServer.Shared.NewSchema();
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgreSqlBillingStore(NpgsqlDataSource.Create(connectionString), null, ownsDataSource: true)).ToArray();
        try
        {
            foreach (var store in stores)
            {
                await store.DataSource.ScalarAsync<int>("SELECT 1"); // warm connections, so that the migrations start together
            }

            using var start = new Barrier(stores.Length);
            var runs = stores.Select(s => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await s.MigrateAsync();
            })).ToArray();

            (await Task.WhenAll(runs)).ShouldAllBe(v => v == PostgreSqlBillingStore.SchemaVersion);
            var check = stores[0].DataSource;
            (await check.ScalarAsync<long>("SELECT count(*) FROM billing_schema_versions")).ShouldBe(PostgreSqlBillingStore.SchemaVersion);
            (await check.ColumnAsync<string>(Tables)).Count.ShouldBe(10);
            (await check.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                .ShouldBe(0, "every migrator releases the advisory lock, though its pooled connection stays open");
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task MigrateAsync_SchemaNewerThanThePackage_IsRefusedNamingBothVersionsAndChangesNothing()
    {
        await using var store = await TestSchema.NewMigratedStoreAsync();
        var future = PostgreSqlBillingStore.SchemaVersion + 1;
        await store.DataSource.ExecuteAsync($"INSERT INTO billing_schema_versions (version, name) VALUES ({future}, '{future:0000}_from_the_future')");
        var versions = await store.DataSource.ColumnAsync<string>(Versions);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => store.MigrateAsync());

        refused.Message.ShouldContain($"version {future}");
        refused.Message.ShouldContain($"newer than this package knows ({PostgreSqlBillingStore.SchemaVersion})");
        (await store.DataSource.ColumnAsync<string>(Versions)).ShouldBe(versions);
        (await store.GetSchemaVersionAsync()).ShouldBe(future);
    }

    [Fact]
    public async Task MigrateAsync_MigrationTheDatabaseRefuses_KeepsTheEarlierOnesRollsThatOneBackWholeAndReleasesTheLock()
    {
        await using var store = new PostgreSqlBillingStore(TestSchema.NewDataSource(), options: null, ownsDataSource: true);
        await store.DataSource.ExecuteAsync("CREATE TABLE services (id text)"); // the second migration's last table is taken

        var refused = await Should.ThrowAsync<PostgresException>(() => store.MigrateAsync());

        refused.SqlState.ShouldBe(PostgresErrorCodes.DuplicateTable);
        (await store.GetSchemaVersionAsync()).ShouldBe(1);
        (await store.DataSource.ColumnAsync<string>(Tables)).ShouldBe(["billing_schema_versions", "ledger_entries", "ledger_heads", "services"]);
        await store.DataSource.ExecuteAsync("DROP TABLE services");
        (await store.MigrateAsync()).ShouldBe(PostgreSqlBillingStore.SchemaVersion);
    }

    [Fact]
    public async Task MigrateAsync_SearchPathNamingNoSchema_IsRefusedSayingWhatToDo()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.Shared.ConnectionString) { SearchPath = "no_such_schema" }.ConnectionString;
        await using var store = new PostgreSqlBillingStore(NpgsqlDataSource.Create(connectionString), null, ownsDataSource: true);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => store.MigrateAsync());

        refused.Message.ShouldContain("'no_such_schema'");
        refused.Message.ShouldContain("names no existing schema");
        refused.Message.ShouldContain("CREATE SCHEMA");
    }

    [Fact]
    public void Migrations_AreNumberedFromOneWithoutGapsAndEndAtTheSchemaVersion()
    {
        SchemaMigrator.Migrations.Select(m => m.Version).ShouldBe(Enumerable.Range(1, PostgreSqlBillingStore.SchemaVersion));
        SchemaMigrator.Migrations.ShouldAllBe(m => m.Name.StartsWith(m.Version.ToString("0000", System.Globalization.CultureInfo.InvariantCulture) + "_", StringComparison.Ordinal));
        SchemaMigrator.Migrations.ShouldAllBe(m => m.Sql.Length > 0);
    }

    private static TransactionRequest TopUp(string key) => new(TransactionId.New(), TransactionKind.TopUp, Money.Of(1m, "GBP"), Instant.FromUtc(2026, 1, 1, 0, 0), key);
}
