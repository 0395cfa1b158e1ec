using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Services;
using Billing.Core.Tests.Customers;
using FsCheck.Fluent;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Services;

public class ServiceTests
{
    private static readonly LocalDate Start = new(2026, 2, 1);

    private static Service Support() => Service.Create(ServiceId.From("S-1"), EndCustomer(), "support", "Premium support", Start, "24/7 phone support");

    private static Feature Fee(LocalDate? start = null) => Feature.Recurring(FeatureId.From("FEE"), "Support fee", Gbp(99m), start ?? Start, proration: Proration.None);

    [Fact]
    public void Create_KeepsFieldsAndTheOwnersCurrency()
    {
        var s = Support();
        s.ServiceType.ShouldBe("support");
        s.Name.ShouldBe("Premium support");
        s.Description.ShouldBe("24/7 phone support");
        s.Currency.ShouldBe(Currency.GBP);
        s.StartDate.ShouldBe(Start);
        s.EndDate.ShouldBeNull();
    }

    [Fact]
    public void Create_ForARootOrClosedCustomer_OrEmptyName_Throws()
    {
        var (_, root, _, end) = Tree();
        Should.Throw<BillingRuleException>(() => Service.Create(ServiceId.From("S"), root, "t", "n", Start));
        Should.Throw<BillingRuleException>(() => Service.Create(ServiceId.From("S"), end.Close(), "t", "n", Start));
        Should.Throw<BillingRuleException>(() => Service.Create(ServiceId.From("S"), end, "t", " ", Start));
        Should.Throw<BillingRuleException>(() => Service.Create(ServiceId.From("S"), end, "", "n", Start));
    }

    [Fact]
    public void Create_EndBeforeStart_Throws()
        => Should.Throw<BillingRuleException>(() => Service.Create(ServiceId.From("S"), EndCustomer(), "t", "n", Start, endDate: Start.PlusDays(-1))).Field.ShouldBe("Service.EndDate");

    [Fact]
    public void Features_InOwnersCurrencyAndWithinDates()
    {
        var s = Support().AttachFeature(Fee());
        s.Features.ShouldHaveSingleItem().Proration.ShouldBe(Proration.None);
        Should.Throw<BillingRuleException>(() => Support().AttachFeature(Feature.OneOff(FeatureId.From("X"), "x", Money.Of(1m, "USD"), Start)));
        Should.Throw<BillingRuleException>(() => Support().AttachFeature(Fee(Start.PlusDays(-1))));
        Should.Throw<BillingRuleException>(() => s.WithStartDate(Start.PlusDays(1)));
    }

    [Fact]
    public void End_EndsRunningFeatures()
    {
        var ended = Support().AttachFeature(Fee()).End(new LocalDate(2026, 6, 30));
        ended.EndDate.ShouldBe(new LocalDate(2026, 6, 30));
        ended.Features[0].EndDate.ShouldBe(new LocalDate(2026, 6, 30));
        ended.IsActiveOn(new LocalDate(2026, 7, 1)).ShouldBeFalse();
        Should.Throw<BillingRuleException>(() => Support().End(Start.PlusDays(-1)));
    }

    [Fact]
    public void Changes_KeepVersionAndFixedFields()
    {
        var s = Support().WithVersion(2);
        var t = s.Rename("Gold support").WithDescription(null).WithServiceType("support-gold").WithStartDate(Start.PlusDays(-5));
        t.Version.ShouldBe(2);
        t.Id.ShouldBe(s.Id);
        t.OwnerId.ShouldBe(s.OwnerId);
        t.Description.ShouldBeNull();
        s.Name.ShouldBe("Premium support");
    }

    [Fact]
    public void Methods_FuzzedInput_ThrowOnlyDocumentedExceptions()
    {
        var owner = EndCustomer();
        var s = Support();
        var gen = from str in Fuzz.Strings from d in Fuzz.Dates from o in Fuzz.OptionalDates from m in Fuzz.Monies from i in Fuzz.Ints select (str, d, o, m, i);
        Fuzz.Check(gen, x =>
        {
            Fuzz.OnlyDocumentedExceptions(() => Service.Create(ServiceId.From("S"), owner, x.str!, x.str!, x.d, x.str, x.o));
            Fuzz.OnlyDocumentedExceptions(() => s.Rename(x.str!).WithDescription(x.str).WithServiceType(x.str!));
            Fuzz.OnlyDocumentedExceptions(() => s.WithStartDate(x.d));
            Fuzz.OnlyDocumentedExceptions(() => s.End(x.d));
            Fuzz.OnlyDocumentedExceptions(() => s.AttachFeature(Feature.OneOff(FeatureId.From("F"), "f", x.m, x.d, x.i)));
            Fuzz.OnlyDocumentedExceptions(() => Service.Restore(new ServiceSnapshot
            {
                Id = ServiceId.From("S"), OwnerId = owner.Id, ServiceType = x.str!, Name = x.str!, Description = x.str, Currency = x.m.Currency,
                StartDate = x.d, EndDate = x.o, Version = x.i,
            }));
        });
    }

    [Fact]
    public void End_BeforeStartWithFeatures_NamesTheEndDate()
        => Should.Throw<BillingRuleException>(() => Support().AttachFeature(Fee()).End(Start.PlusDays(-1))).Field.ShouldBe("Service.EndDate");

    [Fact]
    public void Restore_SameFeatureIdTwice_Throws()
        => Should.Throw<BillingRuleException>(() => Service.Restore(new ServiceSnapshot
        {
            Id = ServiceId.From("S"), OwnerId = CustomerId.From("C"), ServiceType = "t", Name = "n", Currency = Currency.GBP, StartDate = Start,
            Features = [Fee().ToSnapshot(), Fee().WithQuantity(2).ToSnapshot()], Version = 0,
        }))
            .Rule.ShouldContain("only once");
}
