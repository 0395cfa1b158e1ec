using System.Collections.Immutable;
using Billing.Core.Features;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Tests.Features;

/// <summary>The feature rules every owner shares, checked directly (owners reach them from their constructors).</summary>
public class FeatureListTests
{
    private static readonly LocalDate Jan1 = new(2026, 1, 1);
    private static readonly LocalDate Dec31 = new(2026, 12, 31);

    private static Feature Rental(string id, LocalDate start, LocalDate? end = null, string currency = "GBP")
        => Feature.Recurring(FeatureId.From(id), "Line rental", Money.Of(12.50m, currency), start, end);

    private static void Validate(params Feature[] features)
        => FeatureList.Validate([.. features], "Number.Features", Currency.GBP, Jan1, Dec31);

    [Fact]
    public void Validate_FeaturesInsideTheOwnersRange_Pass()
        => Validate(Rental("F-1", Jan1, Dec31), Rental("F-2", new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 30)));

    [Fact]
    public void Validate_BrokenRules_NameTheOwnersFeaturesAndTheFeature()
    {
        Should.Throw<BillingRuleException>(() => Validate(Rental("F-1", Jan1, Dec31), Rental("F-1", Jan1, Dec31))).Value.ShouldBe("F-1");
        Should.Throw<BillingRuleException>(() => Validate(Rental("F-1", Jan1, Dec31, "EUR"))).Value.ShouldBe("F-1 12.50 EUR");
        Should.Throw<BillingRuleException>(() => Validate(Rental("F-1", new LocalDate(2025, 12, 31), Dec31))).Value.ShouldBe("F-1 from 2025-12-31");
        Should.Throw<BillingRuleException>(() => Validate(Rental("F-1", Jan1))).Value.ShouldBe("F-1 to open end");
        var late = Should.Throw<BillingRuleException>(() => Validate(Rental("F-1", Jan1, new LocalDate(2027, 1, 1))));
        (late.Field, late.Value).ShouldBe(("Number.Features", "F-1 to 2027-01-01"));
    }

    [Fact]
    public void Validate_NullFeatureOrDefaultList_IsRefused()
    {
        Should.Throw<ArgumentNullException>(() => Validate(Rental("F-1", Jan1, Dec31), null!));
        Should.Throw<ArgumentNullException>(() => FeatureList.Validate(default, "Number.Features", Currency.GBP, null, null));
    }

    [Fact]
    public void EndBy_EndsRunningFeaturesAndRefusesOnesStartingLater()
    {
        var ended = FeatureList.EndBy([Rental("F-1", Jan1)], new LocalDate(2026, 3, 31), "Number");
        ended[0].EndDate.ShouldBe(new LocalDate(2026, 3, 31));
        Should.Throw<BillingRuleException>(() => FeatureList.EndBy([Rental("F-2", new LocalDate(2026, 4, 1))], new LocalDate(2026, 3, 31), "Number"))
            .Value.ShouldBe("F-2 from 2026-04-01");
    }
}
