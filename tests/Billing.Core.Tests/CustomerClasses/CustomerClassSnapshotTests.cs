using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Core.Tests.CustomerClasses;

/// <summary><see cref="CustomerClass.ToSnapshot"/> and <see cref="CustomerClass.Restore"/>: round trips, value equality, and structure checked but format not.</summary>
public class CustomerClassSnapshotTests
{
    private static CustomFieldDefinition[] Fields() =>
    [
        CustomFieldDefinition.Create("VAT number", CustomFieldType.Text, mandatory: true),
        CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, choices: ["Gold", "Silver"]),
    ];

    private static CustomerClass EveryField()
        => CustomerClass.Create(
                CustomerClassId.From("BIZ"), "Business", ClassManager.Reseller(CustomerId.From("RES")), Currency.EUR, "For firms", "hosted-pbx",
                invoicesEnabled: false, archiveUsageRecords: false, taxation: Taxation.FlatPercentage(17.5m), gracePeriodDays: 14,
                invoiceTemplate: "tpl-1", notificationList: "ops", customFields: Fields())
            .WithVersion(3);

    private static CustomerClassSnapshot Stored() => new()
    {
        Id = CustomerClassId.From("K"),
        Name = "Retail",
        ManagedBy = ClassManager.Administrator,
        InvoicesEnabled = true,
        ArchiveUsageRecords = true,
        Taxation = Taxation.None,
        GracePeriodDays = 0,
        Version = 0,
    };

    [Fact]
    public void Restore_SnapshotOfAClassWithEveryField_GivesTheSameClassFieldByField()
    {
        var cls = EveryField();
        var restored = CustomerClass.Restore(cls.ToSnapshot());

        restored.ShouldNotBeSameAs(cls);
        FieldByField.ShouldBeSame(cls, restored);
    }

    [Property(MaxTest = 300)]
    public Property Restore_SnapshotOfAnyClass_GivesTheSameClassFieldByField()
        => Prop.ForAll(AggregateGenerators.Classes, cls =>
        {
            var restored = CustomerClass.Restore(cls.ToSnapshot());
            FieldByField.ShouldBeSame(cls, restored);
            restored.ToSnapshot().ShouldBe(cls.ToSnapshot());
        });

    [Fact]
    public void Snapshots_WithEqualDefinitionsBuiltSeparately_AreEqual()
    {
        var a = EveryField().ToSnapshot();
        var b = a with { CustomFields = Fields().ToList() };

        b.ShouldBe(a);
        b.GetHashCode().ShouldBe(a.GetHashCode());
        (a with { CustomFields = Fields().Reverse().ToList() }).ShouldNotBe(a);
        (a with { CustomFields = [Fields()[0], CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, choices: ["Silver", "Gold"])] }).ShouldNotBe(a);
        (a with { Taxation = Taxation.FlatPercentage(20m) }).ShouldNotBe(a);
    }

    [Fact]
    public void Restore_TextsTheCurrentFormatRulesRefuse_KeepsThemExactlyAsStored()
    {
        var (name, description) = (new string('n', 150), new string('d', 1500));
        Should.Throw<BillingRuleException>(() => EveryField().Rename(name)).Field.ShouldBe("CustomerClass.Name");
        Should.Throw<BillingRuleException>(() => EveryField().WithDescription(description)).Field.ShouldBe("CustomerClass.Description");

        var restored = CustomerClass.Restore(Stored() with { Name = name, Description = description });

        (restored.Name, restored.Description).ShouldBe((name, description));
    }

    [Fact]
    public void Restore_GracePeriodOutOfBounds_Throws()
        => Should.Throw<BillingRuleException>(() => CustomerClass.Restore(Stored() with { GracePeriodDays = CustomerClass.MaxGracePeriodDays + 1 }))
            .Field.ShouldBe("CustomerClass.GracePeriodDays");

    [Fact]
    public void Restore_TwoFieldsWithTheSameNameIgnoringCase_Throws()
        => Should.Throw<BillingRuleException>(() => CustomerClass.Restore(Stored() with
        {
            CustomFields = [CustomFieldDefinition.Create("Seats", CustomFieldType.Number), CustomFieldDefinition.Create("SEATS", CustomFieldType.Text)],
        })).Field.ShouldBe("CustomerClass.CustomFields");

    [Fact]
    public void Restore_DefaultIdOrCurrencyOrEmptyName_Throws()
    {
        Should.Throw<ArgumentException>(() => CustomerClass.Restore(Stored() with { Id = default }));
        Should.Throw<ArgumentException>(() => CustomerClass.Restore(Stored() with { Currency = default(Currency) }));
        Should.Throw<BillingRuleException>(() => CustomerClass.Restore(Stored() with { Name = " " })).Field.ShouldBe("CustomerClass.Name");
        Should.Throw<BillingRuleException>(() => CustomerClass.Restore(Stored() with { InvoiceTemplate = "" })).Field.ShouldBe("CustomerClass.InvoiceTemplate");
        Should.Throw<ArgumentNullException>(() => CustomerClass.Restore(Stored() with { CustomFields = [null!] }));
    }
}
