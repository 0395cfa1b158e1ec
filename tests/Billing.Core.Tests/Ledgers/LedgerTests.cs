using Billing.Core.Balances;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Ledgers.LedgerTestData;

namespace Billing.Core.Tests.Ledgers;

public class LedgerTests
{
    [Fact]
    public void Balance_PrepaidTopUpThenCharge_ShowsAvailableFunds()
    {
        var ledger = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP)
            .Append(Request(TransactionKind.TopUp, Gbp(20m), "k1")).Ledger
            .Append(Request(TransactionKind.Charge, Gbp(7.5m), "k2")).Ledger;

        ledger.Balance.Amount.ShouldBe(Gbp(12.5m));
        ledger.Count.ShouldBe(2);
    }

    [Fact]
    public void Balance_PostpaidChargeThenPayment_ShowsAmountOwed()
    {
        var ledger = Ledger.Create(Customer(), BalanceModel.Postpaid, Currency.GBP)
            .Append(Request(TransactionKind.Charge, Gbp(30m), "k1")).Ledger
            .Append(Request(TransactionKind.Payment, Gbp(10m), "k2")).Ledger;

        ledger.Balance.Amount.ShouldBe(Gbp(20m));
    }

    [Theory]
    [InlineData(TransactionKind.Charge, -5)]
    [InlineData(TransactionKind.Debit, -5)]
    [InlineData(TransactionKind.Refund, -5)]
    [InlineData(TransactionKind.Credit, 5)]
    [InlineData(TransactionKind.TopUp, 5)]
    [InlineData(TransactionKind.Payment, 5)]
    public void Append_EachKind_MovesPrepaidFundsAndPostpaidDebtInOppositeDirections(TransactionKind kind, int fundsChange)
    {
        var prepaid = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP).Append(Request(kind, Gbp(5m), "k")).Ledger;
        var postpaid = Ledger.Create(Account(), BalanceModel.Postpaid, Currency.GBP).Append(Request(kind, Gbp(5m), "k")).Ledger;

        prepaid.Balance.Amount.Amount.ShouldBe(fundsChange);
        postpaid.Balance.Amount.Amount.ShouldBe(-fundsChange);
    }

    [Fact]
    public void Append_SameCurrency_KeepsFullPrecisionAndRecordsNoRate()
    {
        var result = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP)
            .Append(Request(TransactionKind.Charge, Gbp(0.0012345m), "usage-1"));

        result.Outcome.Transaction.LedgerAmount.ShouldBe(Gbp(0.0012345m));
        result.Outcome.Transaction.ExchangeRate.ShouldBeNull();
        result.Ledger.Balance.Amount.ShouldBe(Gbp(-0.0012345m));
    }

    [Fact]
    public void Append_ForeignCurrency_ConvertsWithTheRateInForceRoundsAndRecordsTheRate()
    {
        var old = new ExchangeRate(Currency.EUR, Currency.GBP, 0.80m, T0);
        var current = new ExchangeRate(Currency.EUR, Currency.GBP, 0.85m, T0 + Duration.FromDays(10));
        var rates = ExchangeRateTable.From([old, current]);
        var ledger = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP);

        var early = ledger.Append(Request(TransactionKind.TopUp, Money.Of(10.01m, "EUR"), "a", T0 + Duration.FromDays(9)), rates);
        var late = early.Ledger.Append(Request(TransactionKind.TopUp, Money.Of(10.01m, "EUR"), "b", T0 + Duration.FromDays(10)), rates);

        early.Outcome.Transaction.LedgerAmount.ShouldBe(Gbp(8.01m)); // 10.01 × 0.80 = 8.008, rounded to the penny
        early.Outcome.Transaction.ExchangeRate.ShouldBe(old);
        early.Outcome.Transaction.Amount.ShouldBe(Money.Of(10.01m, "EUR"));
        late.Outcome.Transaction.LedgerAmount.ShouldBe(Gbp(8.51m)); // 8.5085 → 8.51
        late.Outcome.Transaction.ExchangeRate.ShouldBe(current);
        late.Ledger.Balance.Amount.ShouldBe(Gbp(16.52m));
    }

    [Fact]
    public void Append_ConversionExactlyHalfway_RoundsAwayFromZeroByDefaultOrAsTold()
    {
        var rates = ExchangeRateTable.From([new ExchangeRate(Currency.EUR, Currency.GBP, 0.5m, T0)]);
        var ledger = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP);
        var request = Request(TransactionKind.TopUp, Money.Of(0.05m, "EUR"), "k"); // 0.025 GBP

        ledger.Append(request, rates).Outcome.Transaction.LedgerAmount.ShouldBe(Gbp(0.03m));
        ledger.Append(request, rates, MidpointRounding.ToEven).Outcome.Transaction.LedgerAmount.ShouldBe(Gbp(0.02m));
    }

    [Fact]
    public void Append_NoRateInForce_ThrowsNamingPairAndInstantAndChangesNothing()
    {
        var rates = ExchangeRateTable.From([new ExchangeRate(Currency.EUR, Currency.GBP, 0.85m, T0 + Duration.FromDays(1))]);
        var ledger = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP);

        var ex = Should.Throw<BillingRuleException>(() => ledger.Append(Request(TransactionKind.TopUp, Money.Of(1m, "EUR"), "k"), rates));
        ex.Message.ShouldContain("EUR→GBP");
        ex.Message.ShouldContain("2026-01-01T00:00:00Z");
        Should.Throw<BillingRuleException>(() => ledger.Append(Request(TransactionKind.TopUp, Money.Of(1m, "USD"), "k")));
        ledger.Count.ShouldBe(0);
        ledger.TryGetByIdempotencyKey("k", out _).ShouldBeFalse();
    }

    [Fact]
    public void Append_KeyAlreadyInLedger_ReturnsOriginalAndChangesNothing()
    {
        var first = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP).Append(Request(TransactionKind.TopUp, Gbp(10m), "pay-42"));

        var replay = first.Ledger.Append(Request(TransactionKind.Charge, Gbp(999m), "pay-42"));

        replay.Outcome.IsReplay.ShouldBeTrue();
        first.Outcome.IsReplay.ShouldBeFalse();
        replay.Outcome.Transaction.ShouldBeSameAs(first.Outcome.Transaction);
        replay.Ledger.ShouldBeSameAs(first.Ledger);
        replay.Ledger.Balance.Amount.ShouldBe(Gbp(10m));
    }

    [Fact]
    public void Append_KeysDifferingOnlyInCase_AreDifferentKeys()
    {
        var ledger = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP)
            .Append(Request(TransactionKind.TopUp, Gbp(1m), "key")).Ledger
            .Append(Request(TransactionKind.TopUp, Gbp(1m), "KEY")).Ledger;

        ledger.Count.ShouldBe(2);
    }

    [Fact]
    public void Append_KeepsNotesReferenceTimestampAndOwner()
    {
        var at = T0 + Duration.FromHours(5);
        var t = Ledger.Create(Account("ACC-9"), BalanceModel.Postpaid, Currency.GBP)
            .Append(Request(TransactionKind.Charge, Gbp(1m), "k", at, "line rental", "INV-7")).Outcome.Transaction;

        t.Notes.ShouldBe("line rental");
        t.Reference.ShouldBe("INV-7");
        t.Timestamp.ShouldBe(at);
        t.Owner.ShouldBe(Account("ACC-9"));
        t.Id.ShouldBe(TransactionId.From("TXN-k"));
        t.Kind.ShouldBe(TransactionKind.Charge);
    }

    [Fact]
    public void Append_LeavesTheOriginalLedgerUnchanged()
    {
        var empty = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP);
        _ = empty.Append(Request(TransactionKind.TopUp, Gbp(5m), "k"));

        empty.Count.ShouldBe(0);
        empty.Balance.Amount.ShouldBe(Gbp(0m));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void TransactionRequest_AmountNotPositive_IsRefusedNamingTheField(int amount)
    {
        var ex = Should.Throw<BillingRuleException>(() => Request(TransactionKind.Charge, Gbp(amount), "k"));
        ex.Field.ShouldBe("LedgerTransaction.Amount");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TransactionRequest_BlankKey_IsRefused(string key)
        => Should.Throw<BillingRuleException>(() => new TransactionRequest(TransactionId.From("T"), TransactionKind.Charge, Gbp(1m), T0, key))
            .Field.ShouldBe("LedgerTransaction.IdempotencyKey");

    [Fact]
    public void TransactionRequest_BadArguments_Throw()
    {
        Should.Throw<BillingRuleException>(() => new TransactionRequest(TransactionId.From("T"), TransactionKind.Charge, Gbp(1m), T0, new string('k', 257)));
        Should.Throw<ArgumentException>(() => new TransactionRequest(default, TransactionKind.Charge, Gbp(1m), T0, "k"));
        Should.Throw<ArgumentOutOfRangeException>(() => new TransactionRequest(TransactionId.From("T"), (TransactionKind)99, Gbp(1m), T0, "k"));
        Should.Throw<ArgumentNullException>(() => new TransactionRequest(TransactionId.From("T"), TransactionKind.Charge, Gbp(1m), T0, null!));
        Should.Throw<BillingRuleException>(() => new TransactionRequest(TransactionId.From("T"), TransactionKind.Charge, Gbp(1m), T0, "k", reference: " "));
    }

    [Fact]
    public void LedgerTransaction_AmountsAndRateThatDoNotFit_AreRefused()
    {
        var eurGbp = new ExchangeRate(Currency.EUR, Currency.GBP, 0.85m, T0);
        Should.Throw<BillingRuleException>(() => new LedgerTransaction(TransactionId.From("T"), Account(), TransactionKind.Charge, Money.Of(1m, "EUR"), Gbp(1m), null, T0, "k"));
        Should.Throw<BillingRuleException>(() => new LedgerTransaction(TransactionId.From("T"), Account(), TransactionKind.Charge, Money.Of(1m, "USD"), Gbp(1m), eurGbp, T0, "k"));
        Should.Throw<BillingRuleException>(() => new LedgerTransaction(TransactionId.From("T"), Account(), TransactionKind.Charge, Money.Of(1m, "EUR"), Gbp(-1m), eurGbp, T0, "k"));
        Should.Throw<ArgumentException>(() => new LedgerTransaction(TransactionId.From("T"), default, TransactionKind.Charge, Gbp(1m), Gbp(1m), null, T0, "k"));
        new LedgerTransaction(TransactionId.From("T"), Account(), TransactionKind.Charge, Money.Of(1m, "EUR"), Gbp(0.85m), eurGbp, T0, "k")
            .FundsEffect.Amount.ShouldBe(-0.85m);
    }

    [Fact]
    public void Restore_RebuildsTheSameBalanceAndKeys()
    {
        var ledger = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP)
            .Append(Request(TransactionKind.TopUp, Gbp(10m), "a")).Ledger
            .Append(Request(TransactionKind.Charge, Gbp(3.3333m), "b")).Ledger;

        var restored = Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.GBP, ledger.Transactions);

        restored.Balance.ShouldBe(ledger.Balance);
        restored.Transactions.ShouldBe(ledger.Transactions);
        restored.Append(Request(TransactionKind.TopUp, Gbp(1m), "a")).Outcome.IsReplay.ShouldBeTrue();
    }

    [Fact]
    public void Restore_WrongOwnerCurrencyOrRepeatedKey_IsRefused()
    {
        var t = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP).Append(Request(TransactionKind.TopUp, Gbp(10m), "a")).Outcome.Transaction;

        Should.Throw<BillingRuleException>(() => Ledger.Restore(Account("OTHER"), BalanceModel.Prepaid, Currency.GBP, [t]));
        Should.Throw<BillingRuleException>(() => Ledger.Restore(Customer("ACC-1"), BalanceModel.Prepaid, Currency.GBP, [t]));
        Should.Throw<BillingRuleException>(() => Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.EUR, [t]));
        Should.Throw<BillingRuleException>(() => Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.GBP, [t, t]))
            .Message.ShouldContain("'a'");
    }

    [Fact]
    public void WithModel_ShowsTheSameTransactionsAsAmountOwed()
    {
        var prepaid = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP).Append(Request(TransactionKind.Charge, Gbp(4m), "a")).Ledger;

        prepaid.WithModel(BalanceModel.Postpaid).Balance.Amount.ShouldBe(Gbp(4m));
        prepaid.WithModel(BalanceModel.Prepaid).ShouldBeSameAs(prepaid);
    }

    [Fact]
    public void Create_BadArguments_NameTheArgumentAndWhatIsWrong()
    {
        var owner = Should.Throw<ArgumentException>(() => Ledger.Create(default, BalanceModel.Prepaid, Currency.GBP));
        owner.ParamName.ShouldBe("owner");
        owner.Message.ShouldContain("default(LedgerOwner)");
        var model = Should.Throw<ArgumentOutOfRangeException>(() => Ledger.Create(Account(), (BalanceModel)0, Currency.GBP));
        model.ParamName.ShouldBe("model");
        model.Message.ShouldContain("Not a defined balance model");
        var currency = Should.Throw<ArgumentException>(() => Ledger.Create(Account(), BalanceModel.Prepaid, default));
        currency.ParamName.ShouldBe("currency");
        currency.Message.ShouldContain("default(Currency)");
    }

    [Fact]
    public void Restore_NoTransactionsOrANullOne_AreArgumentErrorsNamingTheTransactions()
    {
        var t = LedgerTransaction.Record(Request(TransactionKind.TopUp, Gbp(1m), "a"), Account(), Currency.GBP);

        Should.Throw<ArgumentNullException>(() => Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.GBP, null!)).ParamName.ShouldBe("transactions");
        Should.Throw<ArgumentNullException>(() => Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.GBP, [t, null!])).ParamName.ShouldBe("transactions");
    }

    [Fact]
    public void Restore_RefusalsNameTheFieldTheValueAndTheRule()
    {
        var t = LedgerTransaction.Record(Request(TransactionKind.TopUp, Gbp(10m), "a"), Account(), Currency.GBP);

        var owner = Should.Throw<BillingRuleException>(() => Ledger.Restore(Account("OTHER"), BalanceModel.Prepaid, Currency.GBP, [t]));
        owner.Field.ShouldBe("LedgerTransaction.Owner");
        owner.Value.ShouldBe("Account ACC-1");
        owner.Rule.ShouldContain("another ledger than Account OTHER's");

        var currency = Should.Throw<BillingRuleException>(() => Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.EUR, [t]));
        currency.Field.ShouldBe("LedgerTransaction.LedgerAmount");
        currency.Value.ShouldBe("10 GBP");
        currency.Rule.ShouldContain("kept in EUR");

        var key = Should.Throw<BillingRuleException>(() => Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.GBP, [t, t]));
        key.Field.ShouldBe("LedgerTransaction.IdempotencyKey");
        key.Value.ShouldBe("a");
        key.Rule.ShouldContain("Account ACC-1 holds it twice");
    }

    [Fact]
    public void Restore_FundsAtTheBoundAreKept_AndBeyondItRefusedNamingTheFunds()
    {
        LedgerTransaction Record(TransactionKind kind, decimal amount, string key)
            => LedgerTransaction.Record(Request(kind, Gbp(amount), key), Account(), Currency.GBP);
        var charge = Record(TransactionKind.Charge, 1m, "c");
        var topUp = Record(TransactionKind.TopUp, Money.MaxAmount, "t");

        Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.GBP, [charge, topUp]).Head.Funds.ShouldBe(Gbp(Money.MaxAmount - 1m));
        Ledger.Restore(Account(), BalanceModel.Postpaid, Currency.GBP, [topUp]).Head.Funds.ShouldBe(Gbp(Money.MaxAmount));
        var beyond = Should.Throw<BillingRuleException>(
            () => Ledger.Restore(Account(), BalanceModel.Prepaid, Currency.GBP, [topUp, Record(TransactionKind.TopUp, 0.01m, "u")]));
        beyond.Field.ShouldBe("Ledger.Funds");
        beyond.Value.ShouldBe("1000000000000000000.01");
        beyond.Rule.ShouldContain("must lie within");
    }

    [Fact]
    public void AppendAndLookUp_BadArguments_AreArgumentErrorsNamingThem()
    {
        var ledger = Ledger.Create(Account(), BalanceModel.Prepaid, Currency.GBP);

        Should.Throw<ArgumentNullException>(() => ledger.Append(null!)).ParamName.ShouldBe("request");
        Should.Throw<ArgumentOutOfRangeException>(() => ledger.Append(Request(TransactionKind.TopUp, Gbp(1m), "a"), rounding: (MidpointRounding)9))
            .ParamName.ShouldBe("rounding");
        Should.Throw<ArgumentNullException>(() => ledger.TryGetByIdempotencyKey(null!, out _)).ParamName.ShouldBe("idempotencyKey");
        var model = Should.Throw<ArgumentOutOfRangeException>(() => ledger.WithModel((BalanceModel)7));
        model.ParamName.ShouldBe("model");
        model.Message.ShouldContain("Not a defined balance model");
    }

    [Fact]
    public void ToString_ShowsOwnerModelBalanceAndCount()
    {
        var text = Ledger.Create(Account(), BalanceModel.Postpaid, Currency.GBP)
            .Append(Request(TransactionKind.Charge, Gbp(2.5m), "a")).Ledger
            .Append(Request(TransactionKind.Charge, Gbp(1m), "b")).Ledger
            .ToString();

        text.ShouldContain("Account ACC-1");
        text.ShouldContain("Postpaid");
        text.ShouldContain("3.5 GBP");
        text.ShouldContain("2 transactions");
    }

    // ---- Properties -------------------------------------------------------------------------------------------

    /// <summary>One generated append: a kind, an amount, whether it is in EUR (converted) and a key from a small pool.</summary>
    public sealed record Step(TransactionKind Kind, decimal Amount, bool InEuros, int Day, int Key);

    private static readonly ExchangeRateTable EurToGbp = ExchangeRateTable.From(
    [
        new ExchangeRate(Currency.EUR, Currency.GBP, 0.8523m, T0),
        new ExchangeRate(Currency.EUR, Currency.GBP, 0.8611m, T0 + Duration.FromDays(5)),
    ]);

    // The rate schedule above, as a fact the test knows: from day 5 the second rate applies.
    private static decimal EurRateOnDay(int day) => day < 5 ? 0.8523m : 0.8611m;

    private static Gen<Step> StepGen =>
        from kind in Gen.Elements(AllKinds)
        from amount in PositiveAmount
        from inEuros in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from day in Gen.Choose(0, 9)
        from key in Gen.Choose(1, 40)
        select new Step(kind, amount, inEuros, day, key);

    private static IEnumerable<Step> ShrinkStep(Step step)
    {
        foreach (var amount in ShrinkPositive(step.Amount))
        {
            yield return step with { Amount = amount };
        }

        if (step.InEuros)
        {
            yield return step with { InEuros = false };
        }

        if (step.Kind != TransactionKind.Charge)
        {
            yield return step with { Kind = TransactionKind.Charge };
        }
    }

    private static Arbitrary<Step[]> Steps => Arb.From(StepGen.ArrayOf(), steps => ShrinkList(steps, ShrinkStep));

    private static TransactionRequest ToRequest(Step s)
        => Request(s.Kind, s.InEuros ? Money.Of(s.Amount, "EUR") : Gbp(s.Amount), "key-" + s.Key, T0 + Duration.FromDays(s.Day));

    [Property(MaxTest = 1000)]
    public Property Balance_AlwaysEqualsTheSignedSumOfTheLedger()
        => Prop.ForAll(Steps, Arb.From(Gen.Elements(BalanceModel.Prepaid, BalanceModel.Postpaid)), (steps, model) =>
        {
            var ledger = Ledger.Create(Account(), model, Currency.GBP);
            var expectedFunds = 0m;
            var seenKeys = new HashSet<int>();
            foreach (var step in steps)
            {
                ledger = ledger.Append(ToRequest(step), EurToGbp).Ledger;
                if (seenKeys.Add(step.Key))
                {
                    var gbp = step.InEuros
                        ? Math.Round(step.Amount * EurRateOnDay(step.Day), 2, MidpointRounding.AwayFromZero)
                        : step.Amount;
                    expectedFunds += DocumentedFundsSign(step.Kind) * gbp;
                }

                var expected = model == BalanceModel.Prepaid ? expectedFunds : -expectedFunds;
                if (ledger.Balance.Amount != Gbp(expected))
                {
                    return false;
                }
            }

            var summed = ledger.Transactions.Sum(t => DocumentedFundsSign(t.Kind) * t.LedgerAmount.Amount);
            return ledger.Count == seenKeys.Count
                && ledger.Balance.Amount.Amount == (model == BalanceModel.Prepaid ? summed : -summed);
        });

    [Property(MaxTest = 1000)]
    public Property Append_ReplayingAnyTransactionsKey_ChangesNothing()
        => Prop.ForAll(Steps.Filter(s => s.Length > 0), StepGen.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (steps, other, pick) =>
        {
            var ledger = Ledger.Create(Customer(), BalanceModel.Postpaid, Currency.GBP);
            foreach (var step in steps)
            {
                ledger = ledger.Append(ToRequest(step), EurToGbp).Ledger;
            }

            var original = ledger.Transactions[pick % ledger.Count];

            // Same key, otherwise a different request: kind, amount, currency and time all taken from another step.
            var replay = ledger.Append(
                new TransactionRequest(TransactionId.From("OTHER"), other.Kind, other.InEuros ? Money.Of(other.Amount, "EUR") : Gbp(other.Amount), T0, original.IdempotencyKey),
                EurToGbp);

            return replay.Outcome.IsReplay
                && ReferenceEquals(replay.Outcome.Transaction, original)
                && ReferenceEquals(replay.Ledger, ledger)
                && replay.Ledger.Count == ledger.Count
                && replay.Ledger.Balance == ledger.Balance
                && replay.Ledger.Transactions.SequenceEqual(ledger.Transactions);
        });
}
