using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Tests.Customers;
using FsCheck.Fluent;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Accounts;

public class AccountTests
{
    [Fact]
    public void Create_DefaultsToTheOwnersCurrency_PostpaidWithoutLimit()
    {
        var owner = EndCustomer();
        var a = Account.Create(AccountId.From("A"), owner, "Desk phone");
        a.OwnerId.ShouldBe(owner.Id);
        a.Currency.ShouldBe(owner.Currency);
        a.BalanceModel.ShouldBe(BalanceModel.Postpaid);
        a.CreditLimit.ShouldBeNull();
        a.Status.ShouldBe(BillingStatus.Active);
    }

    [Fact]
    public void Create_InAnotherCurrency_KeepsIt()
        => Account.Create(AccountId.From("A"), EndCustomer(), "Euro ledger", currency: Currency.EUR).Currency.ShouldBe(Currency.EUR);

    [Fact]
    public void Create_ForARootOrAClosedCustomer_Throws()
    {
        var (_, root, _, end) = Tree();
        Should.Throw<BillingRuleException>(() => Account.Create(AccountId.From("A"), root, "x")).Rule.ShouldContain("root");
        Should.Throw<BillingRuleException>(() => Account.Create(AccountId.From("A"), end.Close(), "x")).Rule.ShouldContain("closed");
    }

    [Fact]
    public void CreditLimit_OnPrepaidAccount_Throws()
    {
        var owner = EndCustomer();
        Should.Throw<BillingRuleException>(() => Account.Create(AccountId.From("CARD"), owner, "Card", balanceModel: BalanceModel.Prepaid, creditLimit: Gbp(5m)))
            .Message.ShouldContain("CARD is prepaid");
        Should.Throw<BillingRuleException>(() => AccountOf(owner).WithCreditLimit(Gbp(-1m)));
        Should.Throw<BillingRuleException>(() => AccountOf(owner).WithCreditLimit(Money.Of(1m, "USD")));
        AccountOf(owner).WithCreditLimit(Gbp(100m)).CreditLimit.ShouldBe(Gbp(100m));
    }

    [Fact]
    public void Alias_MustHaveNoWhiteSpace_AndBeUniqueIgnoringCase()
    {
        var owner = EndCustomer();
        Should.Throw<BillingRuleException>(() => AccountOf(owner).WithAlias("sip user"));
        Should.Throw<BillingRuleException>(() => AccountOf(owner).WithAlias(new string('a', 65)));
        var a = AccountOf(owner, "A").WithAlias("sip100");
        var b = AccountOf(owner, "B").WithAlias("SIP100");
        Should.Throw<BillingRuleException>(() => b.EnsureAliasUniqueAmong([a])).Field.ShouldBe("Account.Alias");
        Should.NotThrow(() => a.EnsureAliasUniqueAmong([a]));
        AccountOf(owner).WithAlias("  ").Alias.ShouldBeNull();
    }

    [Fact]
    public void Close_IsFinal()
    {
        var closed = AccountOf(EndCustomer()).Suspend().Close();
        Should.Throw<BillingRuleException>(() => closed.Activate());
    }

    [Fact]
    public void CustomCharges_MustBeInTheAccountsCurrency()
    {
        var a = AccountOf(EndCustomer());
        var fee = Feature.Recurring(FeatureId.From("F"), "Admin fee", Gbp(2m), new LocalDate(2026, 1, 1));
        var withFee = a.AttachFeature(fee);
        withFee.Features.ShouldHaveSingleItem().ShouldBe(fee);
        Should.Throw<BillingRuleException>(() => withFee.AttachFeature(fee)).Rule.ShouldContain("already attached");
        Should.Throw<BillingRuleException>(() => a.AttachFeature(Feature.Recurring(FeatureId.From("E"), "Euro fee", Money.Of(1m, "EUR"), new LocalDate(2026, 1, 1))))
            .Rule.ShouldContain("GBP");
        withFee.ReplaceFeature(fee.WithQuantity(2)).Features[0].Quantity.ShouldBe(2);
        withFee.DetachFeature(fee.Id).Features.ShouldBeEmpty();
        Should.Throw<BillingRuleException>(() => a.DetachFeature(fee.Id));
    }

    [Fact]
    public void Changes_KeepVersionAndFixedFields()
    {
        var a = AccountOf(EndCustomer()).WithVersion(4);
        var b = a.Rename("New").WithAlias("x1").Suspend().Activate();
        b.Version.ShouldBe(4);
        b.Id.ShouldBe(a.Id);
        b.Currency.ShouldBe(a.Currency);
        a.Name.ShouldBe("Main");
    }

    [Fact]
    public void Methods_FuzzedInput_ThrowOnlyDocumentedExceptions()
    {
        var owner = EndCustomer();
        var a = AccountOf(owner);
        var gen = from s in Fuzz.Strings from m in Fuzz.Monies from c in Fuzz.Currencies from i in Fuzz.Ints from d in Fuzz.Dates select (s, m, c, i, d);
        Fuzz.Check(gen, x =>
        {
            Fuzz.OnlyDocumentedExceptions(() => Account.Create(AccountId.From("Z"), owner, x.s!, x.s, x.c, (BalanceModel)(x.i & 3), (x.i & 4) == 0 ? null : x.m));
            Fuzz.OnlyDocumentedExceptions(() => a.Rename(x.s!));
            Fuzz.OnlyDocumentedExceptions(() => a.WithAlias(x.s));
            Fuzz.OnlyDocumentedExceptions(() => a.WithCreditLimit(x.m));
            Fuzz.OnlyDocumentedExceptions(() => a.WithVersion(x.i));
            Fuzz.OnlyDocumentedExceptions(() => a.AttachFeature(Feature.Recurring(FeatureId.From("F"), "f", x.m, x.d)));
        });
    }

    [Fact]
    public void Restore_UndefinedBalanceModelOrStatus_Throws()
    {
        var stored = new AccountSnapshot
        {
            Id = AccountId.From("A"), OwnerId = CustomerId.From("C"), Name = "A", Currency = Currency.GBP, BalanceModel = BalanceModel.Postpaid,
            Status = BillingStatus.Active, Version = 0,
        };
        Should.Throw<BillingRuleException>(() => Account.Restore(stored with { BalanceModel = (BalanceModel)0 })).Field.ShouldBe("Account.BalanceModel");
        Should.Throw<BillingRuleException>(() => Account.Restore(stored with { Status = (BillingStatus)9 })).Field.ShouldBe("Account.Status");
        Account.Restore(stored with { Alias = "alias", BalanceModel = BalanceModel.Prepaid, Status = BillingStatus.Suspended, Version = 3 }).Version.ShouldBe(3);
    }
}
