using Billing.Core.Balances;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;
using static Billing.Core.Tests.Ledgers.LedgerTestData;

namespace Billing.Core.Tests.Ledgers;

public class PostingDecisionTests
{
    [Fact]
    public void Decide_NewKey_AppendsTheTransactionWithTheNewHead()
    {
        var head = new LedgerHead(Customer(), Gbp(10m), 3);

        var decision = PostingDecision.Decide(Request(TransactionKind.Payment, Gbp(2.5m), "p"), Customer(), Currency.GBP, head, existing: null);

        decision.Kind.ShouldBe(PostingDecisionKind.Append);
        decision.Transaction!.FundsEffect.ShouldBe(Money.Of(2.5m, "GBP"));
        decision.NewHead.ShouldBe(new LedgerHead(Customer(), Gbp(12.5m), 4));
        decision.Refusal.ShouldBeNull();
    }

    [Fact]
    public void Decide_NoLedgerYet_StartsFromZero()
        => PostingDecision.Decide(Request(TransactionKind.Debit, Gbp(4m), "d"), Customer(), Currency.GBP, head: null, existing: null)
            .NewHead.ShouldBe(new LedgerHead(Customer(), Gbp(-4m), 1));

    [Fact]
    public void Decide_KeyHeld_ReplaysTheOriginalWhateverTheRequestSays()
    {
        var original = LedgerTransaction.Record(Request(TransactionKind.TopUp, Gbp(5m), "k"), Customer(), Currency.GBP);

        var decision = PostingDecision.Decide(Request(TransactionKind.Debit, Money.Of(99m, "EUR"), "k"), Customer(), Currency.GBP, new LedgerHead(Customer(), Gbp(5m), 1), original);

        decision.Kind.ShouldBe(PostingDecisionKind.Replay);
        decision.Transaction.ShouldBeSameAs(original);
    }

    [Fact]
    public void Decide_ForeignCurrency_ConvertsWithTheRateInForceOrRefusesWithoutOne()
    {
        var rates = ExchangeRateTable.From([new ExchangeRate(Currency.EUR, Currency.GBP, 0.85m, T0 - Duration.FromDays(1))]);

        var converted = PostingDecision.Decide(Request(TransactionKind.TopUp, Money.Of(10m, "EUR"), "fx"), Customer(), Currency.GBP, null, null, rates);
        var missing = PostingDecision.Decide(Request(TransactionKind.TopUp, Money.Of(10m, "USD"), "usd"), Customer(), Currency.GBP, null, null, rates);

        converted.NewHead.Funds.ShouldBe(Gbp(8.5m));
        converted.Transaction!.ExchangeRate!.Value.Rate.ShouldBe(0.85m);
        missing.Kind.ShouldBe(PostingDecisionKind.Refuse);
        missing.Refusal.ShouldNotBeNull();
        missing.Transaction.ShouldBeNull();
    }

    [Fact]
    public void Decide_StoredLedgerInAnotherCurrency_IsRefused()
    {
        var decision = PostingDecision.Decide(Request(TransactionKind.TopUp, Gbp(1m), "k"), Customer(), Currency.GBP, new LedgerHead(Customer(), Money.Of(1m, "EUR"), 1), null);

        decision.Kind.ShouldBe(PostingDecisionKind.Refuse);
        decision.Refusal!.Field.ShouldBe("Ledger.Currency");
    }

    [Theory]
    [InlineData(TransactionKind.TopUp, 1)]
    [InlineData(TransactionKind.Debit, -1)]
    public void Decide_FundsBeyondTheBoundEitherWay_AreRefused(TransactionKind kind, int side)
    {
        var head = new LedgerHead(Customer(), Gbp(side * (Money.MaxAmount - 1m)), 7);

        PostingDecision.Decide(Request(kind, Gbp(1m), "ok"), Customer(), Currency.GBP, head, null).NewHead.Funds.ShouldBe(Gbp(side * Money.MaxAmount));
        var over = PostingDecision.Decide(Request(kind, Gbp(1.000001m), "over"), Customer(), Currency.GBP, head, null);

        over.Kind.ShouldBe(PostingDecisionKind.Refuse);
        over.Refusal!.Field.ShouldBe("Ledger.Funds");
        over.Refusal.Rule.ShouldContain("MaxAmount");
    }

    [Fact]
    public void Decide_WhatTheStoreReadDoesNotFit_IsAnArgumentError()
    {
        var request = Request(TransactionKind.TopUp, Gbp(1m), "k");
        var other = LedgerTransaction.Record(Request(TransactionKind.TopUp, Gbp(1m), "other"), Customer(), Currency.GBP);
        var elsewhere = LedgerTransaction.Record(request, Customer("X"), Currency.GBP);

        Should.Throw<ArgumentNullException>(() => PostingDecision.Decide(null!, Customer(), Currency.GBP, null, null));
        Should.Throw<ArgumentException>(() => PostingDecision.Decide(request, default, Currency.GBP, null, null));
        Should.Throw<ArgumentException>(() => PostingDecision.Decide(request, Customer(), default, null, null));
        Should.Throw<ArgumentException>(() => PostingDecision.Decide(request, Customer(), Currency.GBP, new LedgerHead(Customer("X"), Gbp(0m), 1), null)).ParamName.ShouldBe("head");
        Should.Throw<ArgumentException>(() => PostingDecision.Decide(request, Customer(), Currency.GBP, null, other)).ParamName.ShouldBe("existing");
        Should.Throw<ArgumentException>(() => PostingDecision.Decide(request, Customer(), Currency.GBP, null, elsewhere)).ParamName.ShouldBe("existing");
    }

    [Fact]
    public void LedgerAppend_BeyondTheBound_ThrowsAndLeavesTheLedgerAsItWas()
    {
        var ledger = Ledger.Create(Customer(), BalanceModel.Prepaid, Currency.GBP).Append(Request(TransactionKind.TopUp, Gbp(Money.MaxAmount), "max")).Ledger;

        Should.Throw<BillingRuleException>(() => ledger.Append(Request(TransactionKind.TopUp, Gbp(1m), "one-more"))).Field.ShouldBe("Ledger.Funds");

        ledger.Count.ShouldBe(1);
        ledger.Head.ShouldBe(new LedgerHead(Customer(), Gbp(Money.MaxAmount), 1));
        ledger.TryGetByIdempotencyKey("one-more", out _).ShouldBeFalse();
    }

    [Fact]
    public void LedgerRestore_FundsLeavingTheBound_IsRefused()
    {
        var up = LedgerTransaction.Record(Request(TransactionKind.TopUp, Gbp(Money.MaxAmount), "a"), Customer(), Currency.GBP);
        var more = LedgerTransaction.Record(Request(TransactionKind.TopUp, Gbp(1m), "b"), Customer(), Currency.GBP);

        Should.Throw<BillingRuleException>(() => Ledger.Restore(Customer(), BalanceModel.Prepaid, Currency.GBP, [up, more])).Field.ShouldBe("Ledger.Funds");
    }
}
