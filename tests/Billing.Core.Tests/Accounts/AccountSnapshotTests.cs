using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Accounts;

/// <summary><see cref="Account.ToSnapshot"/> and <see cref="Account.Restore"/>: round trips, value equality, and structure checked but format not.</summary>
public class AccountSnapshotTests
{
    private static readonly LocalDate Day = new(2026, 1, 15);

    private static Feature Support(decimal amount = 19.99m, string currency = "EUR")
        => Feature.Recurring(FeatureId.From("FEAT-01"), "Support plan", Money.Of(amount, currency), Day, Day.PlusMonths(6), quantity: 3, proration: Proration.None);

    private static Feature SetUp() => Feature.OneOff(FeatureId.From("FEAT-02"), "Set-up fee", Money.Of(49m, "EUR"), Day, quantity: 2);

    private static Account EveryField()
        => Account.Create(AccountId.From("ACC-1"), EndCustomer(), "Head office PBX", "SIP-1001", Currency.EUR, BalanceModel.Postpaid, Money.Of(250.75m, "EUR"))
            .AttachFeature(Support())
            .AttachFeature(SetUp())
            .Suspend()
            .WithVersion(4);

    private static AccountSnapshot Stored() => new()
    {
        Id = AccountId.From("A"),
        OwnerId = CustomerId.From("C"),
        Name = "Main",
        Currency = Currency.EUR,
        BalanceModel = BalanceModel.Postpaid,
        Status = BillingStatus.Active,
        Version = 0,
    };

    [Fact]
    public void Restore_SnapshotOfAnAccountWithEveryField_GivesTheSameAccountFieldByField()
    {
        var account = EveryField();
        var restored = Account.Restore(account.ToSnapshot());

        restored.ShouldNotBeSameAs(account);
        FieldByField.ShouldBeSame(account, restored);
        restored.Features.Count.ShouldBe(2);
    }

    [Property(MaxTest = 300)]
    public Property Restore_SnapshotOfAnyAccount_GivesTheSameAccountFieldByField()
        => Prop.ForAll(AggregateGenerators.Accounts, account =>
        {
            var restored = Account.Restore(account.ToSnapshot());
            FieldByField.ShouldBeSame(account, restored);
            restored.ToSnapshot().ShouldBe(account.ToSnapshot());
        });

    [Fact]
    public void ToSnapshot_TwiceOrRebuiltFromAnotherList_GivesEqualSnapshots()
    {
        var first = EveryField().ToSnapshot();
        var rebuilt = first with { Features = new List<FeatureSnapshot> { Support().ToSnapshot(), SetUp().ToSnapshot() } };

        EveryField().ToSnapshot().ShouldBe(first);
        rebuilt.ShouldBe(first);
        rebuilt.GetHashCode().ShouldBe(first.GetHashCode());
        (first with { Features = [SetUp().ToSnapshot(), Support().ToSnapshot()] }).ShouldNotBe(first);
        (first with { Features = [Support(20m).ToSnapshot(), SetUp().ToSnapshot()] }).ShouldNotBe(first);
        (first with { Features = [Support().ToSnapshot()] }).ShouldNotBe(first);
    }

    [Fact]
    public void Features_AreACopyOfTheListGiven()
    {
        var list = new List<FeatureSnapshot> { Support().ToSnapshot() };
        var snapshot = Stored() with { Features = list };
        list.Add(SetUp().ToSnapshot());

        snapshot.Features.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("sip 1001")]
    [InlineData("an-alias-longer-than-sixty-four-characters-is-refused-by-the-current-rule")]
    public void Restore_AliasTheCurrentFormatRuleRefuses_KeepsItExactlyAsStored(string alias)
    {
        Should.Throw<BillingRuleException>(() => AccountOf(EndCustomer()).WithAlias(alias)).Field.ShouldBe("Account.Alias");
        Account.Restore(Stored() with { Alias = alias }).Alias.ShouldBe(alias);
    }

    [Fact]
    public void Restore_NameTheCurrentFormatRuleRefuses_KeepsItExactlyAsStored()
    {
        var name = new string('n', 250);
        Should.Throw<BillingRuleException>(() => AccountOf(EndCustomer()).Rename(name)).Field.ShouldBe("Account.Name");
        Account.Restore(Stored() with { Name = name }).Name.ShouldBe(name);
    }

    [Fact]
    public void Restore_PrepaidWithACreditLimit_ThrowsNamingTheCreditLimit()
        => Should.Throw<BillingRuleException>(() => Account.Restore(Stored() with { BalanceModel = BalanceModel.Prepaid, CreditLimit = Money.Of(1m, "EUR") }))
            .Field.ShouldBe("Account.CreditLimit");

    [Fact]
    public void Restore_DefaultIdsOrCurrency_Throw()
    {
        Should.Throw<ArgumentException>(() => Account.Restore(Stored() with { Id = default }));
        Should.Throw<ArgumentException>(() => Account.Restore(Stored() with { OwnerId = default }));
        Should.Throw<ArgumentException>(() => Account.Restore(Stored() with { Currency = default }));
    }

    [Fact]
    public void Restore_FeatureInAnotherCurrencyOrTwice_Throws()
    {
        Should.Throw<BillingRuleException>(() => Account.Restore(Stored() with { Features = [Support(currency: "GBP").ToSnapshot()] })).Field.ShouldBe("Account.Features");
        Should.Throw<BillingRuleException>(() => Account.Restore(Stored() with { Features = [Support().ToSnapshot(), Support(5m).ToSnapshot()] })).Field.ShouldBe("Account.Features");
    }

    [Fact]
    public void Restore_EmptyNameOrAlias_Throws()
    {
        Should.Throw<BillingRuleException>(() => Account.Restore(Stored() with { Name = " " })).Field.ShouldBe("Account.Name");
        Should.Throw<BillingRuleException>(() => Account.Restore(Stored() with { Alias = "" })).Field.ShouldBe("Account.Alias");
    }

    [Fact]
    public void Restore_NullNameFeaturesOrFeature_ThrowsArgumentNull()
    {
        Should.Throw<ArgumentNullException>(() => Account.Restore(Stored() with { Name = null! })).Message.ShouldContain("Account.Name");
        Should.Throw<ArgumentNullException>(() => Account.Restore(Stored() with { Features = null! })).Message.ShouldContain("Account.Features");
        Should.Throw<ArgumentNullException>(() => Account.Restore(Stored() with { Features = [null!] })).Message.ShouldContain("Account.Features");
        Should.Throw<ArgumentNullException>(() => Account.Restore(null!));
    }
}
