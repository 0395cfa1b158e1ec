using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Storage.InMemory.Tests;

public class InMemoryLedgerStoreTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);
    private static readonly LedgerOwner Account = LedgerOwner.ForAccount(AccountId.From("ACC-1"));
    private static readonly LedgerOwner Customer = LedgerOwner.ForCustomer(CustomerId.From("CUS-1"));

    private static ChargeLevel Postpaid(LedgerOwner owner) => new(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);

    private static TransactionRequest Charge(string key) => new(TransactionId.New(), TransactionKind.Charge, Money.Of(2.5m, "GBP"), Now, key, "call", "CDR-1");

    [Fact]
    public async Task AuthoriseAndAppend_SameOwnerTwiceInTheChain_IsRefusedAndWritesNothing()
    {
        var store = new InMemoryLedgerStore();
        (await Should.ThrowAsync<BillingRuleException>(async () => await store.AuthoriseAndAppendAsync(Charge("k"), [Postpaid(Account), Postpaid(Account)]))).Field.ShouldBe("ChargeLevel.Owner");
        (await store.GetHeadAsync(Account)).ShouldBeNull();
    }

    [Fact]
    public async Task AuthoriseAndAppend_EveryLevelReadsBackTheChargeUnderItsOwnOwner()
    {
        var store = new InMemoryLedgerStore();
        var outcome = await store.AuthoriseAndAppendAsync(Charge("k"), [Postpaid(Account), Postpaid(Customer)]);

        var atAccount = (await store.FindByIdempotencyKeyAsync(Account, "k"))!;
        var atCustomer = (await store.GetTransactionsAsync(Customer)).ShouldHaveSingleItem();
        atAccount.ShouldBe(outcome.Transaction);
        atCustomer.Owner.ShouldBe(Customer);
        atAccount.Owner.ShouldBe(Account);
        foreach (var t in new[] { atAccount, atCustomer })
        {
            t.Id.ShouldBe(outcome.Transaction!.Id);
            t.Kind.ShouldBe(TransactionKind.Charge);
            t.Amount.ShouldBe(Money.Of(2.5m, "GBP"));
            t.FundsEffect.Amount.ShouldBe(-2.5m);
            t.Timestamp.ShouldBe(Now);
            t.Notes.ShouldBe("call");
            t.Reference.ShouldBe("CDR-1");
        }

        (await store.GetHeadAsync(Customer))!.Value.Funds.ShouldBe(Money.Of(-2.5m, "GBP"));
    }

    [Fact]
    public async Task AuthoriseAndAppend_NonChargeOrEmptyChain_IsRefusedAndWritesNothing()
    {
        var store = new InMemoryLedgerStore();
        var topUp = new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(1m, "GBP"), Now, "t");
        (await Should.ThrowAsync<BillingRuleException>(async () => await store.AuthoriseAndAppendAsync(topUp, [Postpaid(Account)])))
            .Field.ShouldBe("TransactionRequest.Kind");
        await Should.ThrowAsync<ArgumentException>(async () => await store.AuthoriseAndAppendAsync(Charge("k"), []));
        (await store.GetHeadAsync(Account)).ShouldBeNull();
    }

    [Fact]
    public async Task KeyIndexFull_AppendsAndChargesAreRefusedAndWriteNothing()
    {
        // 16 slots hold 8 keys at most half full; the ninth key needs a larger index than allowed.
        var store = new InMemoryLedgerStore(maxKeySlots: 16);
        for (var i = 0; i < 8; i++)
        {
            await store.AppendAsync(Customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Money.Of(1m, "GBP"), Now, $"p{i}"));
        }

        await Should.ThrowAsync<InvalidOperationException>(async () =>
            await store.AppendAsync(Customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Money.Of(1m, "GBP"), Now, "p8")));
        await Should.ThrowAsync<InvalidOperationException>(async () => await store.AuthoriseAndAppendAsync(Charge("c"), [Postpaid(Account), Postpaid(Customer)]));

        (await store.GetHeadAsync(Customer)).ShouldBe(new LedgerHead(Customer, new Money(8m, Currency.GBP), 8));
        (await store.GetHeadAsync(Account)).ShouldBeNull();
        (await store.FindByIdempotencyKeyAsync(Customer, "p7")).ShouldNotBeNull();
        (await store.AppendAsync(Customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Money.Of(5m, "GBP"), Now, "p3"))).IsReplay.ShouldBeTrue();
    }

    [Fact]
    public async Task AuthoriseAndAppend_LevelInAnotherCurrencyThanItsLedger_IsRefusedAlsoRightAfterACharge()
    {
        var store = new InMemoryLedgerStore();
        (await store.AuthoriseAndAppendAsync(Charge("k1"), [Postpaid(Account), Postpaid(Customer)])).IsApproved.ShouldBeTrue();
        var euroCustomer = new ChargeLevel(Customer, BalanceModel.Postpaid, Currency.EUR, null, BillingStatus.Active);
        var euroCharge = new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(1m, "EUR"), Now, "k2");

        (await Should.ThrowAsync<BillingRuleException>(async () => await store.AuthoriseAndAppendAsync(euroCharge, [Postpaid(Account), euroCustomer])))
            .Field.ShouldBe("Ledger.Currency");
        (await store.GetHeadAsync(Customer))!.Value.Count.ShouldBe(1);
    }
}
