using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Tests.Charging;

public class ChargeLevelTests
{
    private static readonly LedgerOwner Owner = LedgerOwner.ForCustomer(CustomerId.From("CUS-1"));

    private static Money Gbp(decimal amount) => new(amount, Currency.GBP);

    [Fact]
    public void Constructor_DefaultCurrency_IsRefused()
        => Should.Throw<ArgumentException>(() => new ChargeLevel(Owner, BalanceModel.Postpaid, default, null, BillingStatus.Active));

    [Fact]
    public void Constructor_CreditLimitOnPrepaid_IsARuleError()
        => Should.Throw<BillingRuleException>(() => new ChargeLevel(Owner, BalanceModel.Prepaid, Currency.GBP, Gbp(10m), BillingStatus.Active))
            .Field.ShouldBe("ChargeLevel.CreditLimit");

    [Fact]
    public void Constructor_NegativeCreditLimit_IsARuleError()
        => Should.Throw<BillingRuleException>(() => new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, Gbp(-1m), BillingStatus.Active))
            .Rule.ShouldContain("negative");

    [Fact]
    public void Constructor_CreditLimitInAnotherCurrency_IsARuleErrorNamingTheLevelsCurrency()
    {
        var error = Should.Throw<BillingRuleException>(() => new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, Money.Of(10m, "EUR"), BillingStatus.Active));

        error.Field.ShouldBe("ChargeLevel.CreditLimit");
        error.Value.ShouldBe("10 EUR");
        error.Rule.ShouldContain("currency GBP");
    }

    [Fact]
    public void Constructor_CreditLimitAtTheBound_IsKept()
        => new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, Gbp(Money.MaxAmount), BillingStatus.Active).CreditLimit.ShouldBe(Gbp(Money.MaxAmount));

    [Fact]
    public void Constructor_DefaultOwnerOrUndefinedEnums_AreRefused()
    {
        Should.Throw<ArgumentException>(() => new ChargeLevel(default, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active));
        Should.Throw<ArgumentOutOfRangeException>(() => new ChargeLevel(Owner, (BalanceModel)9, Currency.GBP, null, BillingStatus.Active));
        Should.Throw<ArgumentOutOfRangeException>(() => new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, null, (BillingStatus)9));
    }

    [Theory]
    [InlineData(BalanceModel.Prepaid, 12.5, 12.5)]
    [InlineData(BalanceModel.Postpaid, -12.5, 12.5)]
    [InlineData(BalanceModel.Postpaid, 3, -3)]
    public void WithFunds_ShowsFundsAsTheModelDoes(BalanceModel model, decimal funds, decimal balance)
    {
        var level = new ChargeLevel(Owner, model, Currency.GBP, null, BillingStatus.Suspended).WithFunds(Gbp(funds));
        level.Balance.Amount.ShouldBe(Money.Of(balance, "GBP"));
        level.Owner.ShouldBe(Owner);
        level.Status.ShouldBe(BillingStatus.Suspended);
        level.Model.ShouldBe(model);
    }

    [Fact]
    public void WithFunds_KeepsTheCreditLimit()
        => new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, Gbp(50m), BillingStatus.Active).WithFunds(Gbp(-10m)).CreditLimit.ShouldBe(Gbp(50m));

    [Fact]
    public void WithFunds_InAnotherCurrency_IsARuleErrorAndTheBoundIsKept()
    {
        var level = new ChargeLevel(Owner, BalanceModel.Prepaid, Currency.GBP, null, BillingStatus.Active);
        Should.Throw<BillingRuleException>(() => level.WithFunds(Money.Of(1m, "EUR"))).Field.ShouldBe("LedgerHead.Funds");
        level.WithFunds(Gbp(-Money.MaxAmount)).Balance.Amount.ShouldBe(Gbp(-Money.MaxAmount));
    }

    [Fact]
    public void WithFunds_OnDefault_IsRefused()
        => Should.Throw<InvalidOperationException>(() => default(ChargeLevel).WithFunds(Gbp(0m)));

    [Fact]
    public void Equality_ComparesEveryMemberIncludingTheLimit()
    {
        var a = new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, Gbp(50m), BillingStatus.Active);
        (a == new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, Gbp(50m), BillingStatus.Active)).ShouldBeTrue();
        (a != new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, Gbp(51m), BillingStatus.Active)).ShouldBeTrue();
        (a != new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active)).ShouldBeTrue();
        (a != new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, Gbp(50m), BillingStatus.Closed)).ShouldBeTrue();
        a.ToString().ShouldBe("Customer CUS-1 Postpaid Active GBP, limit 50 GBP");
    }

    [Fact]
    public void ChargeOutcome_DeclinedWithAnApproval_IsRefused()
        => Should.Throw<ArgumentException>(() => ChargeOutcome.Declined(AuthorisationDecision.Approved));

    [Fact]
    public void LedgerHead_NegativeCount_IsRefused_AndBalanceFollowsTheModel()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new LedgerHead(Owner, Gbp(0m), -1));
        var head = new LedgerHead(Owner, Gbp(-7.25m), 3);
        head.BalanceFor(BalanceModel.Prepaid).Amount.ShouldBe(Money.Of(-7.25m, "GBP"));
        head.BalanceFor(BalanceModel.Postpaid).Amount.ShouldBe(Money.Of(7.25m, "GBP"));
        Should.Throw<ArgumentOutOfRangeException>(() => head.BalanceFor((BalanceModel)7));
    }

    [Fact]
    public void LedgerHead_Defaults_AreRefused()
    {
        Should.Throw<ArgumentException>(() => new LedgerHead(default, Gbp(0m), 0));
        Should.Throw<ArgumentException>(() => new LedgerHead(Owner, default, 0));
        new LedgerHead(Owner, Gbp(-Money.MaxAmount), 1).Funds.ShouldBe(Gbp(-Money.MaxAmount));
        LedgerHead.Empty(Owner, Currency.GBP).ShouldBe(new LedgerHead(Owner, Gbp(0m), 0));
        Should.Throw<ArgumentException>(() => LedgerHead.Empty(Owner, default));
    }
}
