using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.InMemory;
using Billing.Core.Storage.PostgreSql.Ledgers;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Core.Storage.PostgreSql.Tests.Ledgers;

public class LedgerBatcherTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 19, 10, 0);
    private static readonly LedgerOwner Account = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-1"));
    private static readonly LedgerOwner Customer = LedgerOwner.ForCustomer(CustomerId.From("CUS-1"));
    private static readonly LedgerOwner Reseller = LedgerOwner.ForCustomer(CustomerId.From("RES-1"));

    [Fact]
    public async Task ChargeAsync_CallersArrivingDuringACommit_ShareTheNextTransaction()
    {
        var storage = new FakeBatchStorage().HoldFirstBatch();
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100);

        var first = batcher.ChargeAsync(Charge("c0", 1m), PostpaidChain(), CancellationToken.None);
        await WaitUntilAsync(() => storage.Begun == 1);
        var rest = Enumerable.Range(1, 20).Select(i => batcher.ChargeAsync(Charge($"c{i}", 1m), PostpaidChain(), CancellationToken.None)).ToArray();
        storage.Release();
        var outcomes = await Task.WhenAll([first, .. rest]);

        outcomes.ShouldAllBe(o => o.IsApproved && !o.IsReplay);
        storage.CommittedBatches.ShouldBe([3, 60]); // one charge, then twenty, each written to three ledgers
        storage.Heads[Reseller].ShouldBe(new LedgerHead(Reseller, Money.Of(-21m, "GBP"), 21));
    }

    /// <summary>
    /// Callers that each wait for their charge before sending the next: the loop waits for the callers it has just answered, so
    /// they join the callers that queued during the commit, and the batches hold all of them instead of about half taking turns.
    /// </summary>
    [Fact]
    public async Task ChargeAsync_CallersWaitingForEachCharge_ShareEachTransaction()
    {
        const int callers = 8, each = 20;
        var storage = new FakeBatchStorage { CommitDelay = TimeSpan.FromMilliseconds(5) };
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100);

        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                (await batcher.ChargeAsync(Charge($"c{caller}-{i}", 1m), PostpaidChain(), CancellationToken.None)).IsApproved.ShouldBeTrue();
            }
        })));

        storage.Heads[Reseller].Count.ShouldBe(callers * each);
        var full = storage.CommittedBatches.Count(entries => entries == callers * 3);
        full.ShouldBeGreaterThan(storage.CommittedBatches.Count / 2, $"batches (entries): {string.Join(", ", storage.CommittedBatches)}");
    }

    [Fact]
    public async Task ChargeAsync_KeyWrittenEarlierInTheSameBatch_IsAReplayOfThatCharge()
    {
        var storage = new FakeBatchStorage().HoldFirstBatch();
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100);

        var opener = batcher.ChargeAsync(Charge("opener", 1m), PostpaidChain(), CancellationToken.None);
        await WaitUntilAsync(() => storage.Begun == 1);
        var original = batcher.ChargeAsync(Charge("same", 5m), PostpaidChain(), CancellationToken.None);
        var again = batcher.ChargeAsync(Charge("same", 7m), PostpaidChain(), CancellationToken.None);
        storage.Release();
        await opener;

        var (o, a) = (await original, await again);
        o.IsReplay.ShouldBeFalse();
        a.IsReplay.ShouldBeTrue();
        a.Transaction!.Id.ShouldBe(o.Transaction!.Id);
        a.Transaction.Amount.ShouldBe(Money.Of(5m, "GBP"));
        storage.CommittedBatches.ShouldBe([3, 3]);
        storage.Heads[Account].Funds.ShouldBe(Money.Of(-6m, "GBP"));
    }

    [Fact]
    public async Task ChargeAsync_LaterChargesOfABatch_AreDecidedOnTheFundsEarlierOnesLeft()
    {
        var storage = new FakeBatchStorage().HoldFirstBatch();
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100);
        var topUp = batcher.PostAsync(Account, Currency.GBP, Request(TransactionKind.TopUp, "top-up", 10m), null, CancellationToken.None);
        await WaitUntilAsync(() => storage.Begun == 1);
        var charges = Enumerable.Range(0, 3).Select(i => batcher.ChargeAsync(Charge($"c{i}", 4m), [Level(Account, BalanceModel.Prepaid)], CancellationToken.None)).ToArray();
        storage.Release();
        await topUp;

        var outcomes = await Task.WhenAll(charges);

        outcomes.Select(o => o.IsApproved).ShouldBe([true, true, false]);
        outcomes[2].Decision.Reason.ShouldBe(DeclineReason.InsufficientFunds);
        storage.Heads[Account].ShouldBe(new LedgerHead(Account, Money.Of(2m, "GBP"), 3));
    }

    [Fact]
    public async Task Batch_CommitFailing_FailsEveryCallerWithTheStorageErrorAndWritesNothing()
    {
        var storage = new FakeBatchStorage().HoldFirstBatch();
        var lost = new StorageUnavailableException("a ledger write", outcomeKnown: false, new IOException("connection reset"));
        storage.CommitFailures.Enqueue(null);
        storage.CommitFailures.Enqueue(lost);
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100);
        var opener = batcher.ChargeAsync(Charge("opener", 1m), PostpaidChain(), CancellationToken.None);
        await WaitUntilAsync(() => storage.Begun == 1);
        var failing = Enumerable.Range(0, 5).Select(i => batcher.ChargeAsync(Charge($"c{i}", 1m), PostpaidChain(), CancellationToken.None)).ToArray();
        storage.Release();
        await opener;

        foreach (var charge in failing)
        {
            (await Should.ThrowAsync<StorageUnavailableException>(charge)).ShouldBeSameAs(lost);
        }

        storage.Heads[Account].Count.ShouldBe(1);
        storage.Entries.Keys.Select(k => k.Key).Distinct().ShouldBe(["opener"]);

        // The loop goes on: retrying with the same keys writes each charge once.
        var retried = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => batcher.ChargeAsync(Charge($"c{i}", 1m), PostpaidChain(), CancellationToken.None)));
        retried.ShouldAllBe(o => o.IsApproved && !o.IsReplay);
        storage.Heads[Account].Count.ShouldBe(6);
    }

    [Fact]
    public async Task Batch_ConflictWithAnotherWriter_IsRetriedFromAFreshReadThenReportedAsAConflict()
    {
        var storage = new FakeBatchStorage();
        static Exception Conflict() => new LedgerBatchConflictException("taken", new InvalidOperationException());
        storage.CommitFailures.Enqueue(Conflict());
        storage.CommitFailures.Enqueue(Conflict());
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100, maxAttempts: 3);

        (await batcher.ChargeAsync(Charge("c1", 1m), PostpaidChain(), CancellationToken.None)).IsApproved.ShouldBeTrue();
        storage.Begun.ShouldBe(3);

        storage.CommitFailures.Enqueue(Conflict());
        storage.CommitFailures.Enqueue(Conflict());
        storage.CommitFailures.Enqueue(Conflict());
        var e = await Should.ThrowAsync<ConcurrencyConflictException>(batcher.ChargeAsync(Charge("c2", 1m), PostpaidChain(), CancellationToken.None));
        e.EntityId.ShouldBe(Account.ToString());
        e.ExpectedVersion.ShouldBe(1);
        storage.Heads[Account].Count.ShouldBe(1);
    }

    [Fact]
    public async Task Batch_ConflictPersisting_NamesTheLedgerAnotherWriterMovedWithTheVersionStoredNow()
    {
        var storage = new FakeBatchStorage();
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100, maxAttempts: 3);
        (await batcher.ChargeAsync(Charge("c1", 1m), PostpaidChain(), CancellationToken.None)).IsApproved.ShouldBeTrue();
        var commits = 0;
        storage.BeforeCommit = () =>
        {
            // Another process charges the reseller four times while this batch is decided for the third time.
            if (++commits == 3)
            {
                storage.Heads[Reseller] = new LedgerHead(Reseller, Money.Of(-5m, "GBP"), 5);
            }
        };
        for (var i = 0; i < 3; i++)
        {
            storage.CommitFailures.Enqueue(new LedgerBatchConflictException("taken", new InvalidOperationException()));
        }

        var moved = await Should.ThrowAsync<ConcurrencyConflictException>(batcher.ChargeAsync(Charge("c2", 1m), PostpaidChain(), CancellationToken.None));
        var unmoved = await Should.ThrowAsync<ConcurrencyConflictException>(ChargeMeetingThreeConflictsAsync());

        (moved.EntityType, moved.EntityId, moved.ExpectedVersion, moved.ActualVersion).ShouldBe(("Ledger", Reseller.ToString(), 1L, (long?)5));
        moved.Message.ShouldNotContain("does not exist");
        (unmoved.EntityId, unmoved.ExpectedVersion, unmoved.ActualVersion).ShouldBe((Account.ToString(), 1L, (long?)null), "no ledger moved: the account's");
        unmoved.Message.ShouldBe($"Ledger {Account} changed after version 1 was read: other writers wrote to its ledgers at the same time, 3 times in a row; read again and retry. Nothing was written.");
        storage.Heads[Account].Count.ShouldBe(1);

        Task<ChargeOutcome> ChargeMeetingThreeConflictsAsync()
        {
            for (var i = 0; i < 3; i++)
            {
                storage.CommitFailures.Enqueue(new LedgerBatchConflictException("deadlock", new InvalidOperationException()));
            }

            return batcher.ChargeAsync(Charge("c3", 1m), PostpaidChain(), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Batch_OneRefusedCharge_FailsOnlyItsCaller()
    {
        var storage = new FakeBatchStorage().HoldFirstBatch();
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100);
        var payment = batcher.PostAsync(Customer, Currency.GBP, Request(TransactionKind.Payment, "shared", 3m), null, CancellationToken.None);
        await WaitUntilAsync(() => storage.Begun == 1);
        var refused = batcher.ChargeAsync(Charge("shared", 1m), PostpaidChain(), CancellationToken.None);
        var fine = batcher.ChargeAsync(Charge("fine", 1m), PostpaidChain(), CancellationToken.None);
        storage.Release();
        await payment;

        (await Should.ThrowAsync<BillingRuleException>(refused)).Field.ShouldBe("TransactionRequest.IdempotencyKey");
        (await fine).IsApproved.ShouldBeTrue();
        storage.Heads[Account].Count.ShouldBe(1);
    }

    [Fact]
    public async Task ChargeAsync_CancelledWhileQueued_IsCancelledAndWritesNothing()
    {
        var storage = new FakeBatchStorage().HoldFirstBatch();
        await using var batcher = new LedgerBatcher(storage, maxBatchSize: 100);
        var opener = batcher.ChargeAsync(Charge("opener", 1m), PostpaidChain(), CancellationToken.None);
        await WaitUntilAsync(() => storage.Begun == 1);
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.ChargeAsync(Charge("cancelled", 1m), PostpaidChain(), cancel.Token);
        await cancel.CancelAsync();
        storage.Release();
        await opener;

        await Should.ThrowAsync<OperationCanceledException>(cancelled);
        storage.Entries.ContainsKey((Account, "cancelled")).ShouldBeFalse();
    }

    [Fact]
    public async Task DisposeAsync_FinishesQueuedWritesThenRefusesNewOnes()
    {
        var storage = new FakeBatchStorage();
        var batcher = new LedgerBatcher(storage, maxBatchSize: 2);
        var queued = Enumerable.Range(0, 5).Select(i => batcher.ChargeAsync(Charge($"c{i}", 1m), PostpaidChain(), CancellationToken.None)).ToArray();

        await batcher.DisposeAsync();

        (await Task.WhenAll(queued)).ShouldAllBe(o => o.IsApproved);
        Should.Throw<ObjectDisposedException>(() => batcher.ChargeAsync(Charge("late", 1m), PostpaidChain(), CancellationToken.None));
    }

    /// <summary>
    /// Whatever the batch size, a sequence of charges and postings over ledgers that share ancestors has exactly the outcomes and
    /// the final heads it has in the in-memory store, which serialises every write under one lock.
    /// </summary>
    [Fact]
    public void Writes_AnyBatchSize_HaveTheOutcomesOfOneAtATime()
    {
        var owners = new[] { Account, Customer, Reseller, LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-2")) };
        var write = Gen.Choose(0, 9).SelectMany(kind => Gen.Choose(1, 40).SelectMany(amount => Gen.Choose(0, 12).Select(key => (kind, amount, key))));
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(60),
            Prop.ForAll(Gen.ListOf(write, 40).ToArbitrary(), Gen.Choose(1, 7).ToArbitrary(), (writes, batchSize) =>
            {
                var expected = Run(new InMemoryLedgerStore(), writes, owners);
                var storage = new FakeBatchStorage().HoldFirstBatch();
                var actual = RunBatched(storage, batchSize, writes, owners);
                actual.ShouldBe(expected);
                foreach (var owner in owners)
                {
                    var sum = storage.Entries.Where(e => e.Key.Owner == owner).Sum(e => e.Value.FundsEffect.Amount);
                    (storage.Heads.TryGetValue(owner, out var head) ? head.Funds.Amount : 0m).ShouldBe(sum);
                }
            }));
    }

    private static string[] RunBatched(FakeBatchStorage storage, int batchSize, IEnumerable<(int Kind, int Amount, int Key)> writes, LedgerOwner[] owners)
    {
        var batcher = new LedgerBatcher(storage, batchSize);
        var store = new BatchedStore(batcher);
        var tasks = writes.Select(w => Describe(store.Write(w, owners))).ToArray();
        storage.Release();
        var results = Task.WhenAll(tasks).GetAwaiter().GetResult();
        batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return results;
    }

    private static string[] Run(ILedgerStore store, IEnumerable<(int Kind, int Amount, int Key)> writes, LedgerOwner[] owners)
        => [.. writes.Select(w => Describe(new DirectStore(store).Write(w, owners)).GetAwaiter().GetResult())];

    private static async Task<string> Describe(Task<object> write)
    {
        try
        {
            return await write switch
            {
                ChargeOutcome c => $"{(c.IsApproved ? "approved" : c.Decision.Reason.ToString())} {c.IsReplay} {c.Transaction?.Amount}",
                LedgerAppendOutcome p => $"posted {p.IsReplay} {p.Transaction.Amount}",
                var other => other.ToString()!,
            };
        }
        catch (BillingRuleException e)
        {
            return "refused " + e.Field;
        }
    }

    private abstract class WriteTarget
    {
        public Task<object> Write((int Kind, int Amount, int Key) w, LedgerOwner[] owners)
        {
            var key = "k" + w.Key;
            var amount = w.Amount / 4m;
            return w.Kind switch
            {
                < 6 => Charge(LedgerBatcherTests.Charge(key, amount), w.Kind % 2 == 0
                    ? [Level(owners[0], BalanceModel.Prepaid), Level(owners[1], BalanceModel.Postpaid, 30m), Level(owners[2], BalanceModel.Postpaid, 50m)]
                    : [Level(owners[3], BalanceModel.Postpaid, 20m), Level(owners[2], BalanceModel.Postpaid, 50m)]),
                < 9 => Post(owners[w.Kind - 6], Request(TransactionKind.TopUp, key, amount)),
                _ => Post(owners[2], Request(TransactionKind.Payment, key, amount)),
            };
        }

        protected abstract Task<object> Charge(TransactionRequest charge, ChargeLevel[] chain);

        protected abstract Task<object> Post(LedgerOwner owner, TransactionRequest request);
    }

    private sealed class BatchedStore(LedgerBatcher batcher) : WriteTarget
    {
        protected override async Task<object> Charge(TransactionRequest charge, ChargeLevel[] chain) => await batcher.ChargeAsync(charge, chain, CancellationToken.None);

        protected override async Task<object> Post(LedgerOwner owner, TransactionRequest request) => await batcher.PostAsync(owner, Currency.GBP, request, null, CancellationToken.None);
    }

    private sealed class DirectStore(ILedgerStore store) : WriteTarget
    {
        protected override async Task<object> Charge(TransactionRequest charge, ChargeLevel[] chain) => await store.AuthoriseAndAppendAsync(charge, chain);

        protected override async Task<object> Post(LedgerOwner owner, TransactionRequest request) => await store.AppendAsync(owner, Currency.GBP, request);
    }

    private static TransactionRequest Charge(string key, decimal amount) => Request(TransactionKind.Charge, key, amount);

    private static TransactionRequest Request(TransactionKind kind, string key, decimal amount) => new(TransactionId.New(), kind, Money.Of(amount, "GBP"), At, key);

    private static ChargeLevel[] PostpaidChain()
        => [Level(Account, BalanceModel.Postpaid), Level(Customer, BalanceModel.Postpaid), Level(Reseller, BalanceModel.Postpaid)];

    private static ChargeLevel Level(LedgerOwner owner, BalanceModel model, decimal? limit = null)
        => new(owner, model, Currency.GBP, limit is { } l ? Money.Of(l, "GBP") : null, BillingStatus.Active);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue();
    }
}
