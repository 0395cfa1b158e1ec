using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using NodaTime;

namespace Billing.Core.Storage.PostgreSql.Tests.Ledgers;

/// <summary>
/// The writer's statements keep finding rows by key after the tables they were first planned on have grown: the plan
/// PostgreSQL caches for a prepared statement is made once, and one made on an empty ledger would scan every row of
/// <c>ledger_entries</c> and <c>ledger_heads</c>, or every entry of a ledger through the primary key's (owner, position) prefix,
/// in every later batch. Read from the server's statistics: sequential scans of the two tables, and scans of
/// <c>ledger_entries_pkey</c> (the key read must use <c>ledger_entries_key</c>), while the writer charges.
/// </summary>
[PostgresTest]
public sealed class LedgerPlanTests
{
    private const string Tables = "FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname IN ('ledger_entries', 'ledger_heads')";

    private static readonly Instant At = Instant.FromUtc(2026, 3, 19, 10, 0);

    [Fact]
    public async Task Charges_AfterTheLedgerTablesGrew_FindTheirRowsByIndexNotByScanningTheTables()
    {
        await using var store = await TestSchema.NewMigratedStoreAsync(new PostgreSqlBillingStoreOptions { LedgerWriters = 1 });
        ChargeLevel[] chain = [Level(LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-1"))), Level(LedgerOwner.ForCustomer(CustomerId.From("CUS-1"))), Level(LedgerOwner.ForCustomer(CustomerId.From("RES-1")))];

        // Enough batches on near-empty tables for PostgreSQL to settle on generic plans of the writer's statements.
        await ChargeAsync(store, chain, "early", 12);
        await store.DataSource.ExecuteAsync("""
            INSERT INTO ledger_heads (owner_kind, owner_id, currency, funds, entry_count)
                SELECT 2, 'OTHER-' || i, 'GBP', 1, 1 FROM generate_series(1, 20000) i;
            INSERT INTO ledger_entries (owner_kind, owner_id, position, transaction_id, kind, amount, amount_currency, ledger_amount,
                    ledger_currency, at_us, at_ns, idempotency_key, notes)
                SELECT 2, 'OTHER-' || i, 1, 'T-' || i, 2, 1, 'GBP', 1, 'GBP', 0, 0, 'k-' || i, '' FROM generate_series(1, 20000) i;
            """);
        var before = await FlushedScansAsync(store, after: (0, 0, 0));

        await ChargeAsync(store, chain, "late", 12);
        var after = await FlushedScansAsync(store, before);

        (after.Sequential - before.Sequential).ShouldBe(0, $"no batch scans the grown tables: before {before}, after {after}");
        (after.ByPosition - before.ByPosition).ShouldBe(0, $"no key is looked for among a ledger's positions: before {before}, after {after}");
        (await store.Ledgers.GetHeadAsync(chain[2].Owner))!.Value.Count.ShouldBe(24);
    }

    private static async Task ChargeAsync(PostgreSqlBillingStore store, ChargeLevel[] chain, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var charge = new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(1m, "GBP"), At, $"{prefix}-{i}");
            (await store.Ledgers.AuthoriseAndAppendAsync(charge, chain)).IsApproved.ShouldBeTrue();
        }
    }

    /// <summary>
    /// The two tables' scan counts once the writer's statistics have reached the server (a backend reports them when idle, at
    /// most once a second): waits until the index scans moved past <paramref name="after"/>'s.
    /// </summary>
    private static async Task<(long Sequential, long Index, long ByPosition)> FlushedScansAsync(PostgreSqlBillingStore store, (long Sequential, long Index, long ByPosition) after)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Task.Delay(1_500);
            var index = await store.DataSource.ScalarAsync<long>($"SELECT coalesce(sum(idx_scan), 0)::bigint {Tables}");
            var sequential = await store.DataSource.ScalarAsync<long>($"SELECT coalesce(sum(seq_scan), 0)::bigint {Tables}");
            var byPosition = await store.DataSource.ScalarAsync<long>(
                "SELECT coalesce(sum(idx_scan), 0)::bigint FROM pg_stat_user_indexes WHERE schemaname = current_schema() AND indexrelname = 'ledger_entries_pkey'");
            if (index > after.Index || attempt == 12)
            {
                return (sequential, index, byPosition);
            }
        }
    }

    private static ChargeLevel Level(LedgerOwner owner) => new(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);
}
