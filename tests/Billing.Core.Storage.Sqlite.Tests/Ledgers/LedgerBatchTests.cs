using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.Sqlite.Tests.Writing;
using NodaTime;

namespace Billing.Core.Storage.Sqlite.Tests.Ledgers;

/// <summary>
/// Writes decided together in one batch: each is decided against the ledgers as the earlier writes of the same batch left them,
/// and a batch that fails writes nothing and fails every caller in it.
/// </summary>
public sealed class LedgerBatchTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);
    private static readonly LedgerOwner Account = LedgerOwner.ForAccount(AccountId.From("ACC-1"));
    private static readonly LedgerOwner Customer = LedgerOwner.ForCustomer(CustomerId.From("CUS-1"));
    private readonly TempDatabase _file = new();
    private readonly SqliteBillingStore _store;

    public LedgerBatchTests() => _store = _file.NewMigratedStore();

    private ILedgerStore Ledgers => _store.Ledgers;

    [Fact]
    public async Task Charge_SameKeyTwiceInOneBatch_TheSecondReplaysTheFirst()
    {
        var chain = Chain(BalanceModel.Postpaid);
        var hold = await HoldWrite.HoldAsync(_store.Writer);
        var first = Ledgers.AuthoriseAndAppendAsync(Charge(10m, "k1"), chain).AsTask();
        var second = Ledgers.AuthoriseAndAppendAsync(Charge(99m, "k1"), chain).AsTask();
        hold.Release();

        var (a, b) = (await first, await second);

        a.IsReplay.ShouldBeFalse();
        b.IsReplay.ShouldBeTrue();
        b.Transaction!.Id.ShouldBe(a.Transaction!.Id);
        b.Transaction.Amount.ShouldBe(Gbp(10m));
        (await Ledgers.GetTransactionsAsync(Account)).Count.ShouldBe(1);
        (await Ledgers.GetHeadAsync(Customer))!.Value.Funds.ShouldBe(Gbp(-10m));
        _store.Writer.Batches.ShouldBe(2, "the hold, then both charges in one batch");
    }

    [Fact]
    public async Task Charge_EarlierChargesOfTheBatch_CountAgainstLaterOnes()
    {
        await Ledgers.AppendAsync(Account, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Gbp(10m), Now, "top-up"));
        var chain = new[] { Level(Account, BalanceModel.Prepaid) };
        var hold = await HoldWrite.HoldAsync(_store.Writer);
        var charges = new[] { 6m, 6m, 4m }.Select((amount, i) => Ledgers.AuthoriseAndAppendAsync(Charge(amount, "c" + i), chain).AsTask()).ToArray();
        hold.Release();

        var outcomes = await Task.WhenAll(charges);

        outcomes.Select(o => o.IsApproved).ShouldBe([true, false, true]);
        outcomes[1].Decision.Reason.ShouldBe(DeclineReason.InsufficientFunds);
        (await Ledgers.GetHeadAsync(Account)).ShouldBe(new LedgerHead(Account, Gbp(0m), 3));
    }

    [Fact]
    public async Task Post_KeyOfAChargeEarlierInTheBatch_IsAReplayOfThatCharge()
    {
        var chain = Chain(BalanceModel.Postpaid);
        var hold = await HoldWrite.HoldAsync(_store.Writer);
        var charge = Ledgers.AuthoriseAndAppendAsync(Charge(3m, "shared"), chain).AsTask();
        var posting = Ledgers.AppendAsync(Customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Gbp(5m), Now, "shared")).AsTask();
        var chargeOnParentKey = Ledgers.AuthoriseAndAppendAsync(Charge(1m, "paid"), [Level(LedgerOwner.ForAccount(AccountId.From("ACC-2")), BalanceModel.Postpaid), Level(Customer, BalanceModel.Postpaid)]).AsTask();
        var paid = Ledgers.AppendAsync(Customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Gbp(5m), Now, "paid")).AsTask();
        hold.Release();

        var replay = await posting;
        replay.IsReplay.ShouldBeTrue();
        replay.Transaction.Id.ShouldBe((await charge).Transaction!.Id);
        (await chargeOnParentKey).IsApproved.ShouldBeTrue("queued before the payment, it was decided first");
        (await paid).IsReplay.ShouldBeTrue("the customer's ledger already held the key, from the charge");
        (await Ledgers.GetHeadAsync(Customer))!.Value.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Batch_FailingForTheStorage_WritesNothingAndEveryCallerGetsStorageUnavailable()
    {
        var chain = Chain(BalanceModel.Postpaid);
        var hold = await HoldWrite.HoldAsync(_store.Writer);
        var charge = Ledgers.AuthoriseAndAppendAsync(Charge(10m, "lost"), chain).AsTask();
        var posting = Ledgers.AppendAsync(Customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Gbp(5m), Now, "p")).AsTask();
        var broken = _store.Writer.WriteAsync(new BrokenWrite());
        hold.Release();

        var chargeFailure = await Should.ThrowAsync<StorageUnavailableException>(charge);
        var postingFailure = await Should.ThrowAsync<StorageUnavailableException>(posting);
        await Should.ThrowAsync<StorageUnavailableException>(broken);

        chargeFailure.Operation.ShouldBe(nameof(ILedgerStore.AuthoriseAndAppendAsync));
        chargeFailure.OutcomeKnown.ShouldBeTrue();
        postingFailure.Operation.ShouldBe(nameof(ILedgerStore.AppendAsync));
        (await Ledgers.GetHeadAsync(Account)).ShouldBeNull();
        (await Ledgers.GetHeadAsync(Customer)).ShouldBeNull();

        // The retry with the same key writes it once.
        (await Ledgers.AuthoriseAndAppendAsync(Charge(10m, "lost"), chain)).IsReplay.ShouldBeFalse();
        (await Ledgers.GetHeadAsync(Customer)).ShouldBe(new LedgerHead(Customer, Gbp(-10m), 1));
    }

    [Fact]
    public async Task Charge_RefusedInTheMiddleOfABatch_LeavesTheOthersWritten()
    {
        var chain = Chain(BalanceModel.Postpaid);
        var hold = await HoldWrite.HoldAsync(_store.Writer);
        var before = Ledgers.AuthoriseAndAppendAsync(Charge(1m, "a"), chain).AsTask();
        var notACharge = Ledgers.AuthoriseAndAppendAsync(new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Gbp(1m), Now, "b"), chain).AsTask();
        var twice = Ledgers.AuthoriseAndAppendAsync(Charge(1m, "c"), [chain[0], chain[0]]).AsTask();
        var after = Ledgers.AuthoriseAndAppendAsync(Charge(2m, "d"), chain).AsTask();
        hold.Release();

        (await before).IsApproved.ShouldBeTrue();
        (await Should.ThrowAsync<BillingRuleException>(notACharge)).Field.ShouldBe("TransactionRequest.Kind");
        (await Should.ThrowAsync<BillingRuleException>(twice)).Field.ShouldBe("ChargeLevel.Owner");
        (await after).IsApproved.ShouldBeTrue();
        (await Ledgers.GetHeadAsync(Customer)).ShouldBe(new LedgerHead(Customer, Gbp(-3m), 2));
    }

    [Fact]
    public async Task Charge_CancelledBeforeQueued_ThrowsAndWritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await Ledgers.AuthoriseAndAppendAsync(Charge(1m, "x"), Chain(BalanceModel.Postpaid), cancelled.Token));

        (await Ledgers.GetHeadAsync(Account)).ShouldBeNull();
    }

    public void Dispose()
    {
        _store.Dispose();
        _file.Dispose();
    }

    private static Money Gbp(decimal amount) => new(amount, Currency.GBP);

    private static TransactionRequest Charge(decimal amount, string key) => new(TransactionId.New(), TransactionKind.Charge, Gbp(amount), Now, key);

    private static ChargeLevel Level(LedgerOwner owner, BalanceModel model) => new(owner, model, Currency.GBP, null, BillingStatus.Active);

    private static ChargeLevel[] Chain(BalanceModel model) => [Level(Account, model), Level(Customer, model)];
}
