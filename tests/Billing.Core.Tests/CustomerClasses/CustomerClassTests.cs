using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Tests.Customers;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Core.Tests.CustomerClasses;

public class CustomerClassTests
{
    private static CustomerClass Business(params CustomFieldDefinition[] fields)
        => CustomerClass.Create(CustomerClassId.From("BIZ"), "Business", ClassManager.Administrator, Currency.GBP, customFields: fields);

    [Fact]
    public void Create_KeepsEverySetting()
    {
        var cls = CustomerClass.Create(
            CustomerClassId.From("BIZ"), " Business ", ClassManager.Reseller(CustomerId.From("RES")), Currency.EUR, "For firms", "hosted-pbx",
            invoicesEnabled: false, archiveUsageRecords: false, taxation: Taxation.FlatPercentage(20m), gracePeriodDays: 14,
            invoiceTemplate: "tpl-1", notificationList: "ops");

        cls.Name.ShouldBe("Business");
        cls.ManagedBy.ResellerId.ShouldBe(CustomerId.From("RES"));
        cls.Currency.ShouldBe(Currency.EUR);
        cls.Description.ShouldBe("For firms");
        cls.BusinessModel.ShouldBe("hosted-pbx");
        cls.InvoicesEnabled.ShouldBeFalse();
        cls.ArchiveUsageRecords.ShouldBeFalse();
        cls.Taxation.Percentage.ShouldBe(20m);
        cls.GracePeriodDays.ShouldBe(14);
        cls.InvoiceTemplate.ShouldBe("tpl-1");
        cls.NotificationList.ShouldBe("ops");
        cls.Version.ShouldBe(0);
    }

    [Fact]
    public void Changes_KeepIdManagerCurrencyAndVersion()
    {
        var cls = Business().WithVersion(3);
        var changed = cls.Rename("Biz").WithDescription("d").WithBusinessModel("isp").WithInvoicesEnabled(false).WithArchiveUsageRecords(false)
            .WithTaxation(Taxation.None).WithGracePeriodDays(7).WithInvoiceTemplate("t").WithNotificationList("n")
            .WithCustomFields([CustomFieldDefinition.Create("X", CustomFieldType.Boolean)]);
        changed.Id.ShouldBe(cls.Id);
        changed.ManagedBy.ShouldBe(cls.ManagedBy);
        changed.Currency.ShouldBe(cls.Currency);
        changed.Version.ShouldBe(3);
        cls.Name.ShouldBe("Business");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public void GracePeriod_OutOfRange_Throws(int days) => Should.Throw<BillingRuleException>(() => Business().WithGracePeriodDays(days));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    [InlineData("12.34567")]
    public void FlatPercentage_OutOfRangeOrTooPrecise_Throws(string percentage)
        => Should.Throw<BillingRuleException>(() => Taxation.FlatPercentage(decimal.Parse(percentage, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TaxOn_AddsTheFlatPercentageUnrounded()
    {
        Taxation.FlatPercentage(20m).TaxOn(Money.Of(10.01m, "GBP")).ShouldBe(Money.Of(2.002m, "GBP"));
        Taxation.None.TaxOn(Money.Of(10m, "GBP")).ShouldBe(Money.Of(0m, "GBP"));
    }

    [Fact]
    public void CustomFields_DuplicateNames_Throw()
        => Should.Throw<BillingRuleException>(() => Business(CustomFieldDefinition.Create("Seats", CustomFieldType.Number), CustomFieldDefinition.Create(" seats ", CustomFieldType.Text)));

    [Fact]
    public void ChoiceDefinition_NeedsDistinctChoices_AndOtherTypesNone()
    {
        Should.Throw<BillingRuleException>(() => CustomFieldDefinition.Create("Tier", CustomFieldType.Choice));
        Should.Throw<BillingRuleException>(() => CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, choices: ["Gold", "gold"]));
        Should.Throw<BillingRuleException>(() => CustomFieldDefinition.Create("Seats", CustomFieldType.Number, choices: ["1"]));
        Should.Throw<BillingRuleException>(() => CustomFieldDefinition.Create("Seats", (CustomFieldType)42));
    }

    [Theory]
    [InlineData(CustomFieldType.Text)]
    [InlineData(CustomFieldType.Number)]
    [InlineData(CustomFieldType.Date)]
    [InlineData(CustomFieldType.Boolean)]
    [InlineData(CustomFieldType.Choice)]
    public void CheckCustomData_EachTypeAcceptsOnlyItsOwnValues(CustomFieldType type)
    {
        var cls = Business(CustomFieldDefinition.Create("F", type, mandatory: true, choices: type == CustomFieldType.Choice ? ["A"] : null));
        var values = new Dictionary<CustomFieldType, CustomFieldValue>
        {
            [CustomFieldType.Text] = CustomFieldValue.Text("A"),
            [CustomFieldType.Number] = CustomFieldValue.Number(1m),
            [CustomFieldType.Date] = CustomFieldValue.Date(new LocalDate(2026, 1, 1)),
            [CustomFieldType.Boolean] = CustomFieldValue.Boolean(true),
            [CustomFieldType.Choice] = CustomFieldValue.Choice("A"),
        };

        foreach (var (valueType, value) in values)
        {
            var data = new Dictionary<string, CustomFieldValue> { ["F"] = value };
            if (valueType == type)
            {
                cls.CheckCustomData(data)["F"].ShouldBe(value);
            }
            else
            {
                Should.Throw<BillingRuleException>(() => cls.CheckCustomData(data)).Field.ShouldBe("CustomData.F");
            }
        }

        Should.Throw<BillingRuleException>(() => cls.CheckCustomData(new Dictionary<string, CustomFieldValue> { ["F"] = default }));
    }

    [Fact]
    public void CheckCustomData_ChoiceOutsideTheList_Throws()
    {
        var cls = Business(CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, choices: ["Bronze", "Gold"]));
        Should.Throw<BillingRuleException>(() => cls.CheckCustomData(new Dictionary<string, CustomFieldValue> { ["Tier"] = CustomFieldValue.Choice("Platinum") }))
            .Rule.ShouldContain("Bronze, Gold");
    }

    [Fact]
    public void CheckCustomData_UnknownField_Throws()
        => Should.Throw<BillingRuleException>(() => Business().CheckCustomData(new Dictionary<string, CustomFieldValue> { ["Nope"] = CustomFieldValue.Boolean(true) }));

    [Fact]
    public void CheckCustomData_OptionalFieldMayBeLeftOut()
        => Business(CustomFieldDefinition.Create("Note", CustomFieldType.Text)).CheckCustomData(null).ShouldBeEmpty();

    [Fact]
    public void EnsureNameUniqueAmong_SameManagerSameName_Throws()
    {
        var a = Business();
        var b = CustomerClass.Create(CustomerClassId.From("BIZ-2"), "  BUSINESS ", ClassManager.Administrator);
        var c = CustomerClass.Create(CustomerClassId.From("BIZ-3"), "Business", ClassManager.Reseller(CustomerId.From("R")));
        Should.Throw<BillingRuleException>(() => b.EnsureNameUniqueAmong([a])).Field.ShouldBe("CustomerClass.Name");
        Should.NotThrow(() => c.EnsureNameUniqueAmong([a]));
        Should.NotThrow(() => a.EnsureNameUniqueAmong([a]));
    }

    [Fact]
    public void EnsureAssignable_ToARoot_Throws()
    {
        var (h, root, _, _) = DomainFixtures.Tree();
        Should.Throw<BillingRuleException>(() => Business().EnsureAssignable(null, Currency.GBP, h));
        Should.NotThrow(() => Business().EnsureAssignable(root.Id, Currency.GBP, h));
    }

    [Fact]
    public void Factories_FuzzedInput_ThrowOnlyDocumentedExceptions()
    {
        var gen = from s in Fuzz.Strings from d in Fuzz.Decimals from i in Fuzz.Ints from c in Fuzz.Currencies from date in Fuzz.Dates select (s, d, i, c, date);
        var cls = Business(CustomFieldDefinition.Create("N", CustomFieldType.Number), CustomFieldDefinition.Create("C", CustomFieldType.Choice, choices: ["x"]));
        Fuzz.Check(gen, x =>
        {
            Fuzz.OnlyDocumentedExceptions(() => CustomerClass.Create(CustomerClassId.From("X"), x.s!, ClassManager.Administrator, x.c, x.s, x.s, true, false, Taxation.FlatPercentage(x.d), x.i, x.s, x.s));
            Fuzz.OnlyDocumentedExceptions(() => cls.Rename(x.s!).WithDescription(x.s).WithBusinessModel(x.s).WithGracePeriodDays(x.i).WithInvoiceTemplate(x.s).WithNotificationList(x.s));
            Fuzz.OnlyDocumentedExceptions(() => CustomFieldDefinition.Create(x.s!, (CustomFieldType)(x.i & 7), (x.i & 8) == 0, [x.s!]));
            Fuzz.OnlyDocumentedExceptions(() => cls.CheckCustomData(new Dictionary<string, CustomFieldValue> { [x.s ?? "N"] = CustomFieldValue.Number(x.d), ["C"] = CustomFieldValue.Choice(x.s!) }));
            Fuzz.OnlyDocumentedExceptions(() => CustomFieldValue.Text(x.s!));
            Fuzz.OnlyDocumentedExceptions(() => cls.WithVersion(x.i));
        });
    }

    [Fact]
    public void CheckCustomData_SameFieldTwiceInDifferentCase_Throws()
        => Should.Throw<BillingRuleException>(() => Business(CustomFieldDefinition.Create("Seats", CustomFieldType.Number))
                .CheckCustomData(new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(1), ["SEATS"] = CustomFieldValue.Number(2) }))
            .Rule.ShouldContain("only once");

    [Fact]
    public void EnsureAssignable_ParentOutsideTheHierarchy_ThrowsNamingTheParent()
        => Should.Throw<BillingRuleException>(() => Business().EnsureAssignable(CustomerId.From("GHOST"), Currency.GBP, CustomerHierarchy.Empty()))
            .Field.ShouldBe("Customer.Parent");
}
