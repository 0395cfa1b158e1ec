using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Services;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Services;

/// <summary><see cref="Service.ToSnapshot"/> and <see cref="Service.Restore"/>: round trips, value equality, and structure checked but format not.</summary>
public class ServiceSnapshotTests
{
    private static readonly LocalDate Start = new(2026, 2, 1);

    private static Feature Fee(LocalDate? start = null) => Feature.Recurring(FeatureId.From("FEE"), "Support fee", Gbp(99m), start ?? Start, proration: Proration.None);

    private static ServiceSnapshot Stored() => new()
    {
        Id = ServiceId.From("S"),
        OwnerId = CustomerId.From("C"),
        ServiceType = "support",
        Name = "Premium support",
        Currency = Currency.GBP,
        StartDate = Start,
        Version = 0,
    };

    [Fact]
    public void Restore_SnapshotOfAServiceWithEveryField_GivesTheSameServiceFieldByField()
    {
        var service = Service.Create(ServiceId.From("S-1"), EndCustomer(), "hosting", "Web hosting", Start, "Two virtual machines", new LocalDate(2027, 1, 31))
            .AttachFeature(Fee().WithEndDate(new LocalDate(2027, 1, 31)))
            .AttachFeature(Feature.OneOff(FeatureId.From("MIG"), "Migration", Gbp(150m), Start.PlusDays(3)))
            .WithVersion(5);
        var restored = Service.Restore(service.ToSnapshot());

        restored.ShouldNotBeSameAs(service);
        FieldByField.ShouldBeSame(service, restored);
    }

    [Property(MaxTest = 300)]
    public Property Restore_SnapshotOfAnyService_GivesTheSameServiceFieldByField()
        => Prop.ForAll(AggregateGenerators.Services, service =>
        {
            var restored = Service.Restore(service.ToSnapshot());
            FieldByField.ShouldBeSame(service, restored);
            restored.ToSnapshot().ShouldBe(service.ToSnapshot());
        });

    [Fact]
    public void Snapshots_WithEqualFeaturesInOtherLists_AreEqual()
    {
        var a = Stored() with { Features = [Fee().ToSnapshot()] };
        var b = Stored() with { Features = new[] { Fee().ToSnapshot() } };

        b.ShouldBe(a);
        b.GetHashCode().ShouldBe(a.GetHashCode());
        (a with { Features = [] }).ShouldNotBe(a);
        (a with { Description = "x" }).ShouldNotBe(a);
    }

    [Fact]
    public void Restore_TextsTheCurrentFormatRulesRefuse_KeepsThemExactlyAsStored()
    {
        var (type, name, description) = (new string('t', 100), new string('n', 300), new string('d', 3000));
        var live = Service.Create(ServiceId.From("S"), EndCustomer(), "support", "Support", Start);
        Should.Throw<BillingRuleException>(() => live.WithServiceType(type)).Field.ShouldBe("Service.ServiceType");
        Should.Throw<BillingRuleException>(() => live.Rename(name)).Field.ShouldBe("Service.Name");
        Should.Throw<BillingRuleException>(() => live.WithDescription(description)).Field.ShouldBe("Service.Description");

        var restored = Service.Restore(Stored() with { ServiceType = type, Name = name, Description = description });

        (restored.ServiceType, restored.Name, restored.Description).ShouldBe((type, name, description));
    }

    [Fact]
    public void Restore_EndBeforeStart_ThrowsNamingTheEndDate()
        => Should.Throw<BillingRuleException>(() => Service.Restore(Stored() with { EndDate = Start.PlusDays(-1) })).Field.ShouldBe("Service.EndDate");

    [Fact]
    public void Restore_DefaultsOrEmptyTexts_Throw()
    {
        Should.Throw<ArgumentException>(() => Service.Restore(Stored() with { Id = default }));
        Should.Throw<ArgumentException>(() => Service.Restore(Stored() with { OwnerId = default }));
        Should.Throw<ArgumentException>(() => Service.Restore(Stored() with { Currency = default }));
        Should.Throw<BillingRuleException>(() => Service.Restore(Stored() with { Name = "" })).Field.ShouldBe("Service.Name");
        Should.Throw<BillingRuleException>(() => Service.Restore(Stored() with { Description = " " })).Field.ShouldBe("Service.Description");
        Should.Throw<ArgumentNullException>(() => Service.Restore(Stored() with { ServiceType = null! })).Message.ShouldContain("Service.ServiceType");
    }

    [Fact]
    public void Restore_FeatureStartingBeforeTheService_Throws()
        => Should.Throw<BillingRuleException>(() => Service.Restore(Stored() with { Features = [Fee(Start.PlusDays(-1)).ToSnapshot()] })).Field.ShouldBe("Service.Features");
}
