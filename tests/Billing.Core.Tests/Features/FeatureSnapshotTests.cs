using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Billing.Core.Tests.Features;

/// <summary><see cref="Feature.ToSnapshot"/> and <see cref="Feature.Restore"/>: round trips, value equality, and structure checked but format not.</summary>
public class FeatureSnapshotTests
{
    private static readonly LocalDate Jan1 = new(2026, 1, 1);

    private static FeatureSnapshot Stored() => new()
    {
        Id = FeatureId.From("F-1"),
        Name = "Line rental",
        UnitAmount = Money.Of(12.50m, "GBP"),
        Quantity = 1,
        Kind = FeatureKind.Recurring,
        StartDate = Jan1,
        Proration = Proration.ByDay,
    };

    [Property(MaxTest = 500)]
    public Property Restore_SnapshotOfAnyFeature_GivesTheSameFeatureFieldByField()
        => Prop.ForAll(AggregateGenerators.Features, feature =>
        {
            var restored = Feature.Restore(feature.ToSnapshot());
            restored.ShouldNotBeSameAs(feature);
            FieldByField.ShouldBeSame(feature, restored);
            restored.ToSnapshot().ShouldBe(feature.ToSnapshot());
        });

    [Fact]
    public void Restore_RecurringWithEveryFieldAndOneOff_GiveTheSameFeatures()
    {
        var recurring = Feature.Recurring(FeatureId.From("R"), "Rental", Money.Of(0.123456m, "BHD"), Jan1, Jan1.PlusDays(40), 7, Proration.None);
        var oneOff = Feature.OneOff(FeatureId.From("O"), "Set-up", Money.Of(49m, "JPY"), Jan1, 2);

        FieldByField.ShouldBeSame(recurring, Feature.Restore(recurring.ToSnapshot()));
        FieldByField.ShouldBeSame(oneOff, Feature.Restore(oneOff.ToSnapshot()));
    }

    [Fact]
    public void Restore_NameTheCurrentFormatRuleRefuses_KeepsItExactlyAsStored()
    {
        var name = "Rental\u0007" + new string('n', 250);
        Should.Throw<BillingRuleException>(() => Feature.Recurring(FeatureId.From("F"), name, Money.Of(1m, "GBP"), Jan1)).Field.ShouldBe("Feature.Name");
        Feature.Restore(Stored() with { Name = name }).Name.ShouldBe(name);
    }

    [Fact]
    public void Restore_UndefinedKind_ThrowsNamingTheKind()
        => Should.Throw<BillingRuleException>(() => Feature.Restore(Stored() with { Kind = 0 })).Field.ShouldBe("Feature.Kind");

    [Fact]
    public void Restore_StructuralRulesBroken_Throw()
    {
        Should.Throw<BillingRuleException>(() => Feature.Restore(Stored() with { Kind = FeatureKind.OneOff, EndDate = Jan1 })).Field.ShouldBe("Feature.EndDate");
        Should.Throw<BillingRuleException>(() => Feature.Restore(Stored() with { EndDate = Jan1.PlusDays(-1) })).Field.ShouldBe("Feature.EndDate");
        Should.Throw<ArgumentException>(() => Feature.Restore(Stored() with { Id = default }));
        Should.Throw<BillingRuleException>(() => Feature.Restore(Stored() with { Quantity = 0 })).Field.ShouldBe("Feature.Quantity");
        Should.Throw<BillingRuleException>(() => Feature.Restore(Stored() with { UnitAmount = Money.Of(-1m, "GBP") })).Field.ShouldBe("Feature.UnitAmount");
        Should.Throw<ArgumentException>(() => Feature.Restore(Stored() with { UnitAmount = default }));
        Should.Throw<BillingRuleException>(() => Feature.Restore(Stored() with { Proration = (Proration)7 })).Field.ShouldBe("Feature.Proration");
        Should.Throw<BillingRuleException>(() => Feature.Restore(Stored() with { Name = "" })).Field.ShouldBe("Feature.Name");
        Should.Throw<ArgumentNullException>(() => Feature.Restore(Stored() with { Name = null! }));
    }

    [Fact]
    public void Snapshots_OfEqualFeatures_AreEqualAndDifferWhenAFieldDoes()
    {
        Stored().ShouldBe(Stored());
        Stored().GetHashCode().ShouldBe(Stored().GetHashCode());
        (Stored() with { EndDate = Jan1 }).ShouldNotBe(Stored());
        (Stored() with { UnitAmount = Money.Of(12.50m, "EUR") }).ShouldNotBe(Stored());
    }
}
