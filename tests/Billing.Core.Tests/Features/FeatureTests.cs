using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Tests.Customers;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Core.Tests.Features;

public class FeatureTests
{
    private static readonly LocalDate Jan1 = new(2026, 1, 1);
    private static readonly FeatureId Id = FeatureId.From("F-1");

    private static Feature Rental() => Feature.Recurring(Id, "Line rental", Money.Of(12.50m, "GBP"), Jan1);

    [Fact]
    public void Recurring_Defaults_AreQuantityOneAndProrationByDay()
    {
        var f = Rental();
        f.Kind.ShouldBe(FeatureKind.Recurring);
        f.Quantity.ShouldBe(1);
        f.Proration.ShouldBe(Proration.ByDay);
        f.EndDate.ShouldBeNull();
        f.LastDay.ShouldBeNull();
        f.Currency.ShouldBe(Currency.GBP);
    }

    [Fact]
    public void OneOff_IsChargedOnItsStartDate_AndHasNoEndDate()
    {
        var f = Feature.OneOff(Id, "Set-up", Money.Of(50m, "GBP"), Jan1, quantity: 2);
        f.Kind.ShouldBe(FeatureKind.OneOff);
        f.LastDay.ShouldBe(Jan1);
        Should.Throw<BillingRuleException>(() => f.WithEndDate(Jan1.PlusDays(3))).Field.ShouldBe("Feature.EndDate");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Feature.MaxQuantity + 1)]
    public void Quantity_OutOfRange_Throws(int quantity)
        => Should.Throw<BillingRuleException>(() => Rental().WithQuantity(quantity)).Field.ShouldBe("Feature.Quantity");

    [Fact]
    public void EndDate_BeforeStart_Throws_SameDayIsAllowed()
    {
        Should.Throw<BillingRuleException>(() => Rental().WithEndDate(Jan1.PlusDays(-1)));
        Rental().WithEndDate(Jan1).EndDate.ShouldBe(Jan1);
        Should.Throw<BillingRuleException>(() => Rental().WithEndDate(Jan1).WithStartDate(Jan1.PlusDays(1)));
    }

    [Fact]
    public void UnitAmount_NegativeOrTooLarge_Throws()
    {
        Should.Throw<BillingRuleException>(() => Rental().WithUnitAmount(Money.Of(-0.01m, "GBP")));
        Should.Throw<BillingRuleException>(() => Rental().WithUnitAmount(Money.Of(Feature.MaxUnitAmount + 1m, "GBP")));
        Rental().WithUnitAmount(Money.Of(0m, "GBP")).UnitAmount.IsZero.ShouldBeTrue();
    }

    [Fact]
    public void WithUnitAmount_AnotherCurrency_Throws()
        => Should.Throw<BillingRuleException>(() => Rental().WithUnitAmount(Money.Of(1m, "EUR"))).Rule.ShouldContain("GBP");

    [Fact]
    public void Proration_Undefined_Throws() => Should.Throw<BillingRuleException>(() => Rental().WithProration((Proration)7));

    [Fact]
    public void Changes_ReturnNewInstances()
    {
        var f = Rental();
        var g = f.Rename("Rental").WithQuantity(3).WithProration(Proration.None).WithStartDate(Jan1.PlusDays(1)).WithEndDate(Jan1.PlusDays(40));
        f.Name.ShouldBe("Line rental");
        f.Quantity.ShouldBe(1);
        g.Quantity.ShouldBe(3);
        g.Proration.ShouldBe(Proration.None);
        g.Id.ShouldBe(f.Id);
    }

    [Fact]
    public void Factories_FuzzedInput_ThrowOnlyDocumentedExceptions()
    {
        var gen = from s in Fuzz.Strings from m in Fuzz.Monies from q in Fuzz.Ints from a in Fuzz.Dates from b in Fuzz.OptionalDates from p in Gen.Choose(-1, 3) select (s, m, q, a, b, p);
        Fuzz.Check(gen, x =>
        {
            Fuzz.OnlyDocumentedExceptions(() => Feature.Recurring(Id, x.s!, x.m, x.a, x.b, x.q, (Proration)x.p));
            Fuzz.OnlyDocumentedExceptions(() => Feature.OneOff(Id, x.s!, x.m, x.a, x.q));
            Fuzz.OnlyDocumentedExceptions(() => Rental().Rename(x.s!).WithUnitAmount(x.m).WithQuantity(x.q).WithStartDate(x.a).WithEndDate(x.b).WithProration((Proration)x.p));
        });
    }

    [Fact]
    public void LargestLine_UnitTimesQuantity_StaysWithinTheMoneyBound()
    {
        var largest = Feature.OneOff(Id, "Largest", Money.Of(Feature.MaxUnitAmount, "CLF"), Jan1, Feature.MaxQuantity);
        var line = largest.UnitAmount * largest.Quantity;
        line.Amount.ShouldBe(Feature.MaxUnitAmount * Feature.MaxQuantity);
        Math.Abs(line.Amount).ShouldBeLessThanOrEqualTo(Money.MaxAmount);
        Should.Throw<BillingRuleException>(() => largest.WithUnitAmount(Money.Of(Feature.MaxUnitAmount + 0.0001m, "CLF"))).Field.ShouldBe("Feature.UnitAmount");
    }

    [Fact]
    public void Factories_DefaultIdOrAmount_AreArgumentErrorsNamingThem()
    {
        Should.Throw<ArgumentException>(() => Feature.Recurring(default, "n", Money.Of(1m, "GBP"), Jan1)).ParamName.ShouldBe("id");
        Should.Throw<ArgumentException>(() => Feature.OneOff(Id, "n", default, Jan1)).ParamName.ShouldBe("unitAmount");
        Should.Throw<ArgumentException>(() => Rental().WithUnitAmount(default)).ParamName.ShouldBe("unitAmount");
    }
}
