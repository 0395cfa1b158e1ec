using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using static Billing.Core.Tests.Ledgers.LedgerTestData;

namespace Billing.Core.Tests.Ledgers;

/// <summary>The public constructor a store uses to read a transaction back, and <see cref="LedgerTransaction.Record"/>'s own checks.</summary>
public class LedgerTransactionConstructorTests
{
    private static readonly ExchangeRate EurToGbp = new(Currency.EUR, Currency.GBP, 0.85m, T0);

    private static LedgerTransaction Create(
        Money amount,
        Money ledgerAmount,
        ExchangeRate? rate = null,
        TransactionId? id = null,
        LedgerOwner? owner = null,
        string key = "k",
        string? notes = null)
        => new(id ?? TransactionId.From("T"), owner ?? Account(), TransactionKind.Charge, amount, ledgerAmount, rate, T0, key, notes);

    [Fact]
    public void Constructor_DefaultIdOrOwner_AreArgumentErrorsNamingThem()
    {
        Should.Throw<ArgumentException>(() => Create(Gbp(1m), Gbp(1m), id: default(TransactionId))).ParamName.ShouldBe("id");
        var owner = Should.Throw<ArgumentException>(() => Create(Gbp(1m), Gbp(1m), owner: default(LedgerOwner)));
        owner.ParamName.ShouldBe("owner");
        owner.Message.ShouldContain("default(LedgerOwner)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Constructor_AmountNotPositive_IsRefusedNamingTheAmount(int amount)
    {
        var error = Should.Throw<BillingRuleException>(() => Create(Gbp(amount), Gbp(amount)));

        error.Field.ShouldBe("LedgerTransaction.Amount");
        error.Value.ShouldBe($"{amount} GBP");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t")]
    public void Constructor_BlankKey_IsRefusedNamingTheKey(string key)
        => Should.Throw<BillingRuleException>(() => Create(Gbp(1m), Gbp(1m), key: key)).Field.ShouldBe("LedgerTransaction.IdempotencyKey");

    [Fact]
    public void Constructor_DefaultLedgerAmount_IsAnArgumentErrorNamingIt()
    {
        var error = Should.Throw<ArgumentException>(() => Create(Money.Of(1m, "EUR"), default, EurToGbp));

        error.ParamName.ShouldBe("ledgerAmount");
        error.Message.ShouldContain("must have a currency");
    }

    [Fact]
    public void Constructor_LedgerAmountConvertedToZero_IsKept()
        => Create(Money.Of(0.001m, "EUR"), Gbp(0m), EurToGbp).FundsEffect.ShouldBe(Gbp(0m));

    [Fact]
    public void Constructor_NegativeLedgerAmount_IsRefusedNamingIt()
    {
        var error = Should.Throw<BillingRuleException>(() => Create(Money.Of(1m, "EUR"), Gbp(-1m), EurToGbp));

        error.Field.ShouldBe("LedgerTransaction.LedgerAmount");
        error.Value.ShouldBe("-1 GBP");
        error.Rule.ShouldContain("must not be negative");
    }

    [Fact]
    public void Constructor_RateForOtherCurrencies_IsRefusedNamingThePairNeeded()
    {
        var error = Should.Throw<BillingRuleException>(() => Create(Money.Of(1m, "USD"), Gbp(0.8m), EurToGbp));

        error.Field.ShouldBe("LedgerTransaction.ExchangeRate");
        error.Rule.ShouldContain("from USD to GBP");
    }

    [Fact]
    public void Constructor_NoRateButAnotherLedgerAmount_IsRefusedNamingTheAmount()
    {
        var error = Should.Throw<BillingRuleException>(() => Create(Money.Of(1m, "EUR"), Gbp(1m)));

        error.Field.ShouldBe("LedgerTransaction.LedgerAmount");
        error.Value.ShouldBe("1 GBP");
        error.Rule.ShouldContain("must equal the amount 1 EUR");
    }

    [Fact]
    public void Constructor_NoNotes_AreEmptyAndNotesAreKept()
    {
        Create(Gbp(1m), Gbp(1m)).Notes.ShouldBe(string.Empty);
        Create(Gbp(1m), Gbp(1m), notes: "call to 'x'").Notes.ShouldBe("call to 'x'");
    }

    [Fact]
    public void ToString_ShowsKindAmountsOwnerAndKey()
    {
        var text = Create(Money.Of(1m, "EUR"), Gbp(0.85m), EurToGbp, key: "cdr-7").ToString();

        text.ShouldContain("Charge");
        text.ShouldContain("1 EUR (0.85 GBP)");
        text.ShouldContain("Account ACC-1");
        text.ShouldContain("key 'cdr-7'");
    }

    [Fact]
    public void Record_BadArguments_NameTheArgumentAndWhatIsWrong()
    {
        var request = Request(TransactionKind.TopUp, Gbp(1m), "a");

        Should.Throw<ArgumentOutOfRangeException>(() => LedgerTransaction.Record(request, Account(), Currency.GBP, rounding: (MidpointRounding)9))
            .ParamName.ShouldBe("rounding");
        Should.Throw<ArgumentException>(() => LedgerTransaction.Record(request, default, Currency.GBP)).Message.ShouldContain("default(LedgerOwner)");
        var currency = Should.Throw<ArgumentException>(() => LedgerTransaction.Record(request, Account(), default));
        currency.ParamName.ShouldBe("ledgerCurrency");
        currency.Message.ShouldContain("default(Currency)");
    }
}
