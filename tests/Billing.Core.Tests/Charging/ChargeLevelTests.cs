using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Tests.Charging;

public class ChargeLevelTests
{
    private static readonly LedgerOwner Owner = LedgerOwner.ForCustomer(CustomerId.From("CUS-1"));

    [Fact]
    public void Constructor_DefaultCurrency_IsRefused()
        => Should.Throw<ArgumentException>(() => new ChargeLevel(Owner, BalanceModel.Postpaid, default, null, BillingStatus.Active));

    [Fact]
    public void Constructor_CreditLimitOnPrepaid_IsARuleError()
        => Should.Throw<BillingRuleException>(() => new ChargeLevel(Owner, BalanceModel.Prepaid, Currency.GBP, 10m, BillingStatus.Active))
            .Field.ShouldBe("CreditLimit");

    [Fact]
    public void Constructor_NegativeCreditLimit_IsARuleError()
        => Should.Throw<BillingRuleException>(() => new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, -1m, BillingStatus.Active));

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
        var level = new ChargeLevel(Owner, model, Currency.GBP, null, BillingStatus.Suspended).WithFunds(funds);
        level.Balance.ShouldBe(Money.Of(balance, "GBP"));
        level.Owner.ShouldBe(Owner);
        level.Status.ShouldBe(BillingStatus.Suspended);
        level.Model.ShouldBe(model);
    }

    [Fact]
    public void WithFunds_KeepsTheCreditLimit()
        => new ChargeLevel(Owner, BalanceModel.Postpaid, Currency.GBP, 50m, BillingStatus.Active).WithFunds(-10m).CreditLimit.ShouldBe(50m);

    [Fact]
    public void WithFunds_OnDefault_IsRefused()
        => Should.Throw<InvalidOperationException>(() => default(ChargeLevel).WithFunds(0m));

    [Fact]
    public void ChargeOutcome_DeclinedWithAnApproval_IsRefused()
        => Should.Throw<ArgumentException>(() => ChargeOutcome.Declined(AuthorisationDecision.Approved));

    [Fact]
    public void LedgerHead_NegativeCount_IsRefused_AndBalanceFollowsTheModel()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new LedgerHead(Owner, Currency.GBP, 0m, -1));
        var head = new LedgerHead(Owner, Currency.GBP, -7.25m, 3);
        head.BalanceFor(BalanceModel.Prepaid).ShouldBe(Money.Of(-7.25m, "GBP"));
        head.BalanceFor(BalanceModel.Postpaid).ShouldBe(Money.Of(7.25m, "GBP"));
        Should.Throw<ArgumentOutOfRangeException>(() => head.BalanceFor((BalanceModel)7));
    }
}
