using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Tests.Balances;

/// <summary><see cref="Balance"/>: a figure that says whether it is available funds or an amount owed.</summary>
public class BalanceTests
{
    private static readonly LedgerOwner Owner = LedgerOwner.ForCustomer(CustomerId.From("C-1"));

    [Fact]
    public void Funds_IsAvailableFundsAndNoAmountOwed()
    {
        var balance = Balance.Funds(Money.Of(12.50m, "GBP"));

        balance.Model.ShouldBe(BalanceModel.Prepaid);
        balance.IsAvailableFunds.ShouldBeTrue();
        balance.IsAmountOwed.ShouldBeFalse();
        balance.AvailableFunds.ShouldBe(Money.Of(12.50m, "GBP"));
        balance.AmountOwed.ShouldBeNull();
        balance.Amount.ShouldBe(Money.Of(12.50m, "GBP"));
        balance.Currency.ShouldBe(Currency.GBP);
        balance.ToString().ShouldBe("12.50 GBP available");
    }

    [Fact]
    public void Owed_IsAnAmountOwedAndNoAvailableFunds()
    {
        var balance = Balance.Owed(Money.Of(-3m, "EUR"));

        balance.Model.ShouldBe(BalanceModel.Postpaid);
        balance.IsAmountOwed.ShouldBeTrue();
        balance.IsAvailableFunds.ShouldBeFalse();
        balance.AmountOwed.ShouldBe(Money.Of(-3m, "EUR"), "a postpaid ledger in credit owes a negative amount");
        balance.AvailableFunds.ShouldBeNull();
        balance.ToString().ShouldBe("-3 EUR owed");
    }

    [Fact]
    public void Equality_NeedsTheSameModelAndAmount()
    {
        var ten = Money.Of(10m, "GBP");

        (Balance.Funds(ten) == Balance.Funds(Money.Of(10.00m, "GBP"))).ShouldBeTrue();
        (Balance.Funds(ten) != Balance.Owed(ten)).ShouldBeTrue("ten available is not ten owed");
        Balance.Funds(ten).Equals((object)Balance.Owed(ten)).ShouldBeFalse();
        Balance.Funds(ten).Equals((object)ten).ShouldBeFalse();
        Balance.Funds(ten).GetHashCode().ShouldBe(Balance.Funds(ten).GetHashCode());
        (Balance.Funds(ten) == Balance.Funds(Money.Of(10m, "EUR"))).ShouldBeFalse();
    }

    [Fact]
    public void Default_IsNoBalance_AndNotValidInput()
    {
        default(Balance).IsDefault.ShouldBeTrue();
        Balance.Funds(Money.Of(0m, "GBP")).IsDefault.ShouldBeFalse();
        default(Balance).ToString().ShouldBe("(no balance)");
        Should.Throw<ArgumentException>(() => Balance.Funds(default));
        Should.Throw<ArgumentException>(() => Balance.Owed(default));
        Should.Throw<ArgumentOutOfRangeException>(() => new Balance(0, Money.Of(1m, "GBP"))).ParamName.ShouldBe("model");
        Should.Throw<ArgumentOutOfRangeException>(() => new Balance((BalanceModel)3, Money.Of(1m, "GBP"))).ParamName.ShouldBe("model");
        Should.Throw<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Serialize(default(Balance))).Message.ShouldContain("default(Balance)");
    }

    [Fact]
    public void IsZero_WhenNothingIsAvailableOrOwed()
    {
        Balance.Owed(Money.Of(0m, "GBP")).IsZero.ShouldBeTrue();
        Balance.Funds(Money.Of(0.01m, "GBP")).IsZero.ShouldBeFalse();
    }

    [Fact]
    public void LedgerAndHead_SayWhichKindTheirBalanceIs()
    {
        var at = Instant.FromUtc(2026, 3, 1, 0, 0);
        var charge = new TransactionRequest(TransactionId.From("T-1"), TransactionKind.Charge, Money.Of(4m, "GBP"), at, "k-1");
        var prepaid = Ledger.Create(Owner, BalanceModel.Prepaid, Currency.GBP).Append(charge).Ledger;
        var postpaid = Ledger.Create(Owner, BalanceModel.Postpaid, Currency.GBP).Append(charge).Ledger;

        prepaid.Balance.ShouldBe(Balance.Funds(Money.Of(-4m, "GBP")), "a charge lowers prepaid funds");
        postpaid.Balance.ShouldBe(Balance.Owed(Money.Of(4m, "GBP")), "a charge raises the amount owed");
        postpaid.Head.BalanceFor(BalanceModel.Postpaid).ShouldBe(postpaid.Balance);
        postpaid.Head.BalanceFor(BalanceModel.Prepaid).ShouldBe(Balance.Funds(Money.Of(-4m, "GBP")));
    }

    [Fact]
    public void BalanceLevel_FromABalance_TakesItsModel()
    {
        var level = new Billing.Core.Charging.BalanceLevel(Owner, Balance.Owed(Money.Of(7m, "GBP")), Money.Of(10m, "GBP"), BillingStatus.Active);

        level.Model.ShouldBe(BalanceModel.Postpaid);
        level.Balance.ShouldBe(Balance.Owed(Money.Of(7m, "GBP")));
        Should.Throw<ArgumentException>(() => new Billing.Core.Charging.BalanceLevel(Owner, default(Balance), null, BillingStatus.Active));
    }
}
