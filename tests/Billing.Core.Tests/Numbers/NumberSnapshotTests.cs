using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Numbers;

/// <summary><see cref="Number.ToSnapshot"/> and <see cref="Number.Restore"/>: round trips, value equality, and structure checked but format not.</summary>
public class NumberSnapshotTests
{
    private static readonly LocalDate Sold = new(2026, 1, 15);

    private static Feature Rental(LocalDate? start = null, string currency = "GBP")
        => Feature.Recurring(FeatureId.From("RENT"), "Line rental", Money.Of(12.50m, currency), start ?? Sold, new LocalDate(2026, 6, 30), quantity: 2, proration: Proration.None);

    private static NumberSnapshot Stored() => new()
    {
        Id = NumberId.From("N"),
        OwnerId = CustomerId.From("C"),
        Value = PhoneNumber.Parse("+441632960123"),
        Type = NumberType.Geographic,
        Tariff = "UK-STD",
        Currency = Currency.GBP,
        DateSold = Sold,
        Version = 0,
    };

    [Fact]
    public void Restore_SnapshotOfANumberWithEveryField_GivesTheSameNumberFieldByField()
    {
        var owner = EndCustomer();
        var number = Number.Create(NumberId.From("NUM-1"), owner, "01632 960123", "UK-GEO", Sold, NumberType.Geographic, AccountOf(owner), new LocalDate(2026, 12, 31), NumberingOptions.Default with { AllowDramaNumbers = true })
            .AttachFeature(Rental())
            .AttachFeature(Feature.OneOff(FeatureId.From("CONN"), "Connection", Gbp(30m), Sold))
            .WithVersion(2);
        var restored = Number.Restore(number.ToSnapshot());

        restored.ShouldNotBeSameAs(number);
        FieldByField.ShouldBeSame(number, restored);
    }

    [Property(MaxTest = 300)]
    public Property Restore_SnapshotOfAnyNumber_GivesTheSameNumberFieldByField()
        => Prop.ForAll(AggregateGenerators.Numbers, number =>
        {
            var restored = Number.Restore(number.ToSnapshot());
            FieldByField.ShouldBeSame(number, restored);
            restored.ToSnapshot().ShouldBe(number.ToSnapshot());
        });

    [Fact]
    public void Snapshots_WithEqualFeaturesInOtherLists_AreEqual()
    {
        var a = Stored() with { Features = [Rental().ToSnapshot()] };
        var b = Stored() with { Features = new List<FeatureSnapshot> { Rental().ToSnapshot() } };

        b.ShouldBe(a);
        b.GetHashCode().ShouldBe(a.GetHashCode());
        (a with { Features = [Rental().WithQuantity(3).ToSnapshot()] }).ShouldNotBe(a);
        (a with { Tariff = "UK-OTHER" }).ShouldNotBe(a);
    }

    [Fact]
    public void Restore_TariffTheCurrentFormatRuleRefuses_KeepsItExactlyAsStored()
    {
        var tariff = new string('t', 200);
        Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), EndCustomer(), "01632 960123", tariff, Sold, numbering: NumberingOptions.Default with { AllowDramaNumbers = true })).Field.ShouldBe("Number.Tariff");
        Number.Restore(Stored() with { Tariff = tariff }).Tariff.ShouldBe(tariff);
    }

    [Fact]
    public void Restore_TypeTheNumberingPlanWouldNotDetect_IsKeptAsStored()
    {
        NumberPlan.Detect(PhoneNumber.Parse("+441632960123"), NumberingOptions.Default with { AllowDramaNumbers = true }).ShouldBe(NumberType.Geographic);
        Number.Restore(Stored() with { Type = NumberType.Mobile }).Type.ShouldBe(NumberType.Mobile);
    }

    [Fact]
    public void Restore_CeasedBeforeSold_ThrowsNamingTheDateCeased()
        => Should.Throw<BillingRuleException>(() => Number.Restore(Stored() with { DateCeased = Sold.PlusDays(-1) })).Field.ShouldBe("Number.DateCeased");

    [Fact]
    public void Restore_DefaultsWhereAValueIsRequired_Throw()
    {
        Should.Throw<ArgumentException>(() => Number.Restore(Stored() with { Id = default }));
        Should.Throw<ArgumentException>(() => Number.Restore(Stored() with { OwnerId = default }));
        Should.Throw<ArgumentException>(() => Number.Restore(Stored() with { AccountId = default(AccountId) }));
        Should.Throw<ArgumentException>(() => Number.Restore(Stored() with { Value = default }));
        Should.Throw<BillingRuleException>(() => Number.Restore(Stored() with { Type = (NumberType)99 })).Field.ShouldBe("Number.Type");
        Should.Throw<BillingRuleException>(() => Number.Restore(Stored() with { Tariff = "" })).Field.ShouldBe("Number.Tariff");
    }

    [Fact]
    public void Restore_FeatureOutsideTheDatesOrInAnotherCurrency_Throws()
    {
        Should.Throw<BillingRuleException>(() => Number.Restore(Stored() with { Features = [Rental(Sold.PlusDays(-1)).ToSnapshot()] })).Field.ShouldBe("Number.Features");
        Should.Throw<BillingRuleException>(() => Number.Restore(Stored() with { DateCeased = Sold.PlusDays(5), Features = [Rental().ToSnapshot()] })).Field.ShouldBe("Number.Features");
        Should.Throw<BillingRuleException>(() => Number.Restore(Stored() with { Features = [Rental(currency: "EUR").ToSnapshot()] })).Field.ShouldBe("Number.Features");
    }
}
