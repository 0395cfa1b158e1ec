using Billing.Core.Ledgers;
using Billing.Core.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite.Tests.Schema;

public sealed class SqliteMigrationsTests : IDisposable
{
    private readonly TempDatabase _file = new();

    [Fact]
    public async Task MigrateAsync_NewFile_CreatesTheSchemaInWalModeAndRecordsItsVersion()
    {
        await using var store = new SqliteBillingStore(_file.Path);

        (await store.MigrateAsync()).ShouldBe(SqliteBillingStore.SchemaVersion);

        using var connection = Open();
        connection.Scalar<string>("PRAGMA journal_mode").ShouldBe("wal");
        SqliteMigrations.ReadVersion(connection).ShouldBe(SqliteBillingStore.SchemaVersion);
        Tables(connection).ShouldBe(["accounts", "customer_classes", "customers", "invoice_sequences", "invoices", "ledger_entries", "ledger_heads", "numbers", "schema_versions", "services"]);
    }

    [Fact]
    public async Task MigrateAsync_Again_AppliesNothingAndKeepsTheData()
    {
        await using (var first = new SqliteBillingStore(_file.Path))
        {
            await first.MigrateAsync();
            await first.Ledgers.AppendAsync(Owner, Monetary.Currency.GBP, TopUp("k"));
        }

        await using var second = new SqliteBillingStore(_file.Path);
        (await second.MigrateAsync()).ShouldBe(0);
        (await second.Ledgers.GetHeadAsync(Owner))!.Value.Count.ShouldBe(1);
    }

    [Fact]
    public async Task MigrateAsync_ManyStoresAtOnce_AppliesEachMigrationOnce()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => new SqliteBillingStore(_file.Path)).ToArray();
        try
        {
            using var start = new ManualResetEventSlim();
            var runs = stores.Select(s => Task.Run(async () =>
            {
                start.Wait();
                return await s.MigrateAsync();
            })).ToArray();
            start.Set();

            (await Task.WhenAll(runs)).Sum().ShouldBe(SqliteBillingStore.SchemaVersion);
            using var connection = Open();
            connection.Scalar<long>("SELECT count(*) FROM schema_versions").ShouldBe(SqliteBillingStore.SchemaVersion);
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
    public async Task MigrateAsync_NewerSchemaThanThePackageKnows_IsRefusedAndChangesNothing()
    {
        await using var store = new SqliteBillingStore(_file.Path);
        await store.MigrateAsync();
        using (var connection = Open())
        {
            connection.Execute($"INSERT INTO schema_versions (version, name) VALUES ({SqliteBillingStore.SchemaVersion + 1}, 'from the future')");
        }

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => store.MigrateAsync());

        refused.Message.ShouldContain($"schema version {SqliteBillingStore.SchemaVersion + 1}");
        using var after = Open();
        after.Scalar<long>("SELECT count(*) FROM schema_versions").ShouldBe(SqliteBillingStore.SchemaVersion + 1);
        await Should.ThrowAsync<InvalidOperationException>(async () => await store.Ledgers.GetHeadAsync(Owner));
    }

    [Fact]
    public async Task Store_NotMigrated_RefusesReadsAndWritesSayingToMigrate()
    {
        await using var store = new SqliteBillingStore(_file.Path);

        var read = await Should.ThrowAsync<InvalidOperationException>(async () => await store.Ledgers.GetHeadAsync(Owner));
        var write = await Should.ThrowAsync<InvalidOperationException>(async () => await store.Ledgers.AppendAsync(Owner, Monetary.Currency.GBP, TopUp("k")));

        read.Message.ShouldContain("MigrateAsync");
        write.Message.ShouldContain("MigrateAsync");
        await store.MigrateAsync();
        (await store.Ledgers.AppendAsync(Owner, Monetary.Currency.GBP, TopUp("k"))).IsReplay.ShouldBeFalse();
    }

    [Fact]
    public void Writer_Connection_IsDurableAndEnforcesForeignKeys()
    {
        var database = new SqliteDatabase(_file.Path, TimeSpan.FromSeconds(5));

        using var connection = database.OpenWriter(checkSchema: false);

        connection.Scalar<string>("PRAGMA journal_mode").ShouldBe("wal");
        connection.Scalar<long>("PRAGMA synchronous").ShouldBe(2, "2 is FULL: every commit is flushed to disk");
        connection.Scalar<long>("PRAGMA foreign_keys").ShouldBe(1);
        connection.Scalar<long>("PRAGMA busy_timeout").ShouldBe(5000);
    }

    [Fact]
    public void Migrations_AreNumberedWithoutGapsAndEndAtTheSchemaVersion()
    {
        SqliteMigrations.All.Select(m => m.Version).ShouldBe(Enumerable.Range(1, SqliteBillingStore.SchemaVersion));
        SqliteMigrations.All[0].Name.ShouldBe("0001_initial");
    }

    public void Dispose() => _file.Dispose();

    private static LedgerOwner Owner => LedgerOwner.ForCustomer(Customers.CustomerId.From("CUS-1"));

    private static TransactionRequest TopUp(string key)
        => new(TransactionId.New(), TransactionKind.TopUp, Monetary.Money.Of(1m, "GBP"), NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0), key);

    private static string[] Tables(SqliteConnection connection)
    {
        using var command = connection.Command("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        return connection;
    }
}
