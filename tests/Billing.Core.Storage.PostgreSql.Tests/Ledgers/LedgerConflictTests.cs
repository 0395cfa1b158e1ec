using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.PostgreSql.Ledgers;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using NodaTime;

namespace Billing.Core.Storage.PostgreSql.Tests.Ledgers;

/// <summary>
/// Writers of several processes (a batcher and a connection each) racing for the first entry of a new ledger, with no retry, so
/// that the losers report their conflict: it names the ledger, the version the loser read (0, none) and the version the winner
/// stored — not "does not exist", which the ledger no longer is.
/// </summary>
[PostgresTest]
public sealed class LedgerConflictTests
{
    private const int Processes = 6;

    [Fact]
    public async Task Post_ProcessesRacingForANewLedgerWithoutRetry_LosersAreToldTheVersionTheWinnerStored()
    {
        await using var store = await TestSchema.NewMigratedStoreAsync();
        var storages = Enumerable.Range(0, Processes).Select(_ => new PostgreSqlLedgerBatchStorage(store.DataSource)).ToArray();
        var batchers = storages.Select(s => new LedgerBatcher(s, maxBatchSize: 100, maxAttempts: 1)).ToArray();
        try
        {
            var conflicts = 0;
            for (var round = 0; round < 20 && conflicts == 0; round++)
            {
                var owner = LedgerOwner.ForCustomer(CustomerId.From($"CUS-{round}"));
                using var start = new Barrier(Processes);
                var posts = batchers.Select((batcher, i) => Task.Run(async () =>
                {
                    start.SignalAndWait();
                    try
                    {
                        await batcher.PostAsync(owner, Currency.GBP, TopUp($"r{round}-p{i}"), null, CancellationToken.None);
                        return null;
                    }
                    catch (Exception e)
                    {
                        return e;
                    }
                })).ToArray();
                var failures = (await Task.WhenAll(posts)).Where(e => e is not null).ToList();

                var head = (await store.Ledgers.GetHeadAsync(owner))!.Value;
                head.Count.ShouldBe(Processes - failures.Count, "every post that did not fail is written, once");
                foreach (var failure in failures)
                {
                    var conflict = failure.ShouldBeOfType<ConcurrencyConflictException>();
                    (conflict.EntityType, conflict.EntityId, conflict.ExpectedVersion).ShouldBe(("Ledger", owner.ToString(), 0L));
                    conflict.ActualVersion.ShouldNotBeNull();
                    conflict.ActualVersion.Value.ShouldBeInRange(1, head.Count);
                    conflict.Message.ShouldNotContain("does not exist");
                    conflicts++;
                }
            }

            conflicts.ShouldBeGreaterThan(0, "in twenty rounds some processes should have raced for a ledger's first entry");
        }
        finally
        {
            foreach (var batcher in batchers)
            {
                await batcher.DisposeAsync();
            }

            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }
        }
    }

    private static TransactionRequest TopUp(string key) => new(TransactionId.New(), TransactionKind.TopUp, Money.Of(1m, "GBP"), Instant.FromUtc(2026, 3, 19, 10, 0), key);
}
