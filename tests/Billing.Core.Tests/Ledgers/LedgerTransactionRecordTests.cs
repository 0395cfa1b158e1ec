using Billing.Core.Accounts;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Tests.Ledgers;

public class LedgerTransactionRecordTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 12, 0);
    private static readonly LedgerOwner Owner = LedgerOwner.ForAccount(AccountId.From("ACC-1"));

    private static TransactionRequest Request(Money amount) => new(TransactionId.From("T1"), TransactionKind.TopUp, amount, At, "key", "notes", "ref");

    [Fact]
    public void Record_SameCurrency_KeepsTheAmountAndRecordsNoRate()
    {
        var t = LedgerTransaction.Record(Request(Money.Of(1.005m, "GBP")), Owner, Currency.GBP);
        t.LedgerAmount.ShouldBe(Money.Of(1.005m, "GBP"));
        t.ExchangeRate.ShouldBeNull();
        (t.Id, t.Owner, t.Kind, t.Timestamp, t.IdempotencyKey, t.Notes, t.Reference)
            .ShouldBe((TransactionId.From("T1"), Owner, TransactionKind.TopUp, At, "key", "notes", "ref"));
    }

    [Fact]
    public void Record_OtherCurrency_ConvertsWithTheRateInForceAndRoundsOnce()
    {
        var rates = ExchangeRateTable.From([new ExchangeRate(Currency.USD, Currency.JPY, 150.5m, At - Duration.FromDays(1))]);
        var t = LedgerTransaction.Record(Request(Money.Of(1.01m, "USD")), Owner, Currency.JPY, rates);
        t.LedgerAmount.ShouldBe(Money.Of(152m, "JPY")); // 152.005 → 152
        t.ExchangeRate!.Value.Rate.ShouldBe(150.5m);
        t.Amount.ShouldBe(Money.Of(1.01m, "USD"));
    }

    [Fact]
    public void Record_MissingRateOrDefaults_AreRefused()
    {
        Should.Throw<BillingRuleException>(() => LedgerTransaction.Record(Request(Money.Of(1m, "USD")), Owner, Currency.GBP));
        Should.Throw<ArgumentException>(() => LedgerTransaction.Record(Request(Money.Of(1m, "GBP")), default, Currency.GBP));
        Should.Throw<ArgumentException>(() => LedgerTransaction.Record(Request(Money.Of(1m, "GBP")), Owner, default));
        Should.Throw<ArgumentNullException>(() => LedgerTransaction.Record(null!, Owner, Currency.GBP));
    }

    [Fact]
    public void Equality_IsByEveryMember()
    {
        var rates = ExchangeRateTable.From([new ExchangeRate(Currency.USD, Currency.GBP, 0.8m, At - Duration.FromDays(1))]);
        var t = LedgerTransaction.Record(Request(Money.Of(2m, "USD")), Owner, Currency.GBP, rates);
        var same = new LedgerTransaction(t.Id, t.Owner, t.Kind, t.Amount, t.LedgerAmount, t.ExchangeRate, t.Timestamp, t.IdempotencyKey, t.Notes, t.Reference);

        same.ShouldNotBeSameAs(t);
        same.Equals(t).ShouldBeTrue();
        same.Equals((object)t).ShouldBeTrue();
        same.GetHashCode().ShouldBe(t.GetHashCode());
        t.Equals(null).ShouldBeFalse();

        LedgerTransaction[] different =
        [
            new(TransactionId.From("T2"), t.Owner, t.Kind, t.Amount, t.LedgerAmount, t.ExchangeRate, t.Timestamp, t.IdempotencyKey, t.Notes, t.Reference),
            new(t.Id, LedgerOwner.ForAccount(AccountId.From("ACC-2")), t.Kind, t.Amount, t.LedgerAmount, t.ExchangeRate, t.Timestamp, t.IdempotencyKey, t.Notes, t.Reference),
            new(t.Id, t.Owner, TransactionKind.Payment, t.Amount, t.LedgerAmount, t.ExchangeRate, t.Timestamp, t.IdempotencyKey, t.Notes, t.Reference),
            new(t.Id, t.Owner, t.Kind, Money.Of(2.5m, "USD"), Money.Of(2m, "GBP"), t.ExchangeRate, t.Timestamp, t.IdempotencyKey, t.Notes, t.Reference),
            new(t.Id, t.Owner, t.Kind, t.Amount, Money.Of(1.61m, "GBP"), t.ExchangeRate, t.Timestamp, t.IdempotencyKey, t.Notes, t.Reference),
            new(t.Id, t.Owner, t.Kind, t.Amount, t.LedgerAmount, new ExchangeRate(Currency.USD, Currency.GBP, 0.81m, At), t.Timestamp, t.IdempotencyKey, t.Notes, t.Reference),
            new(t.Id, t.Owner, t.Kind, t.Amount, t.LedgerAmount, t.ExchangeRate, t.Timestamp + Duration.FromSeconds(1), t.IdempotencyKey, t.Notes, t.Reference),
            new(t.Id, t.Owner, t.Kind, t.Amount, t.LedgerAmount, t.ExchangeRate, t.Timestamp, "other", t.Notes, t.Reference),
            new(t.Id, t.Owner, t.Kind, t.Amount, t.LedgerAmount, t.ExchangeRate, t.Timestamp, t.IdempotencyKey, "other", t.Reference),
            new(t.Id, t.Owner, t.Kind, t.Amount, t.LedgerAmount, t.ExchangeRate, t.Timestamp, t.IdempotencyKey, t.Notes, null),
        ];
        foreach (var other in different)
        {
            other.Equals(t).ShouldBeFalse(other.ToString());
        }
    }
}
