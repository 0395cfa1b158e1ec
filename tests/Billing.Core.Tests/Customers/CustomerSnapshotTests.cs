using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Customers;

/// <summary><see cref="Customer.ToSnapshot"/> and <see cref="Customer.Restore"/>: round trips, value equality, and structure checked but format not.</summary>
public class CustomerSnapshotTests
{
    private static Customer EveryField()
    {
        var (h, root, _, _) = Tree();
        var cls = AdminClass(null, CustomFieldDefinition.Create("Seats", CustomFieldType.Number), CustomFieldDefinition.Create("Start", CustomFieldType.Date));
        var customer = Factory().Create(
                Request("Every Field Ltd", root.Id, "EVERY") with
                {
                    Email = "Ann.Smith@Example.com",
                    BillingCycle = BillingCycle.MonthlyAnniversary,
                    BillingTimeZone = DateTimeZoneProviders.Tzdb["America/New_York"],
                    Currency = Currency.EUR,
                    MonthEndPolicy = MonthEndPolicy.LastDayOfMonth,
                    CreditLimit = new Money(1500.50m, Currency.EUR),
                    PaymentTermsDays = 0,
                    Language = "fr-FR",
                    CustomData = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(12.5m), ["start"] = CustomFieldValue.Date(new LocalDate(2025, 12, 1)) },
                },
                h,
                cls,
                CreatedAt)
            .Customer.Suspend().WithVersion(7);
        return customer.ScheduleBillingChange(customer.BillingCycleAnchor.PlusDays(3), BillingCycle.Quarterly, zone: DateTimeZoneProviders.Tzdb["Europe/Paris"])
            .ScheduleBillingChange(customer.BillingCycleAnchor.PlusMonths(5), monthEndPolicy: MonthEndPolicy.ClampTo28);
    }

    [Fact]
    public void Restore_SnapshotOfACustomerWithEveryField_GivesTheSameCustomerFieldByField()
    {
        var customer = EveryField();
        var restored = Customer.Restore(customer.ToSnapshot());

        restored.ShouldNotBeSameAs(customer);
        FieldByField.ShouldBeSame(customer, restored);
        restored.CustomData["Start"].AsDate.ShouldBe(new LocalDate(2025, 12, 1));
        restored.Version.ShouldBe(7);
    }

    [Property(MaxTest = 300)]
    public Property Restore_SnapshotOfAnyCustomer_GivesTheSameCustomerFieldByField()
        => Prop.ForAll(AggregateGenerators.Customers, customer =>
        {
            var restored = Customer.Restore(customer.ToSnapshot());
            FieldByField.ShouldBeSame(customer, restored);
            restored.ToSnapshot().ShouldBe(customer.ToSnapshot());
        });

    [Fact]
    public void ToSnapshot_TwiceOrRebuiltFromOtherCollections_GivesEqualSnapshots()
    {
        var customer = EveryField();
        var first = customer.ToSnapshot();
        var second = customer.ToSnapshot();
        var rebuilt = first with { CustomData = first.CustomData.Reverse().ToDictionary(p => p.Key, p => p.Value) };

        second.ShouldNotBeSameAs(first);
        second.ShouldBe(first);
        rebuilt.ShouldBe(first);
        rebuilt.GetHashCode().ShouldBe(first.GetHashCode());
        (first with { CustomData = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(12.5m) } }).ShouldNotBe(first);
        (first with { CustomData = first.CustomData.ToDictionary(p => p.Key, p => p.Key == "Seats" ? CustomFieldValue.Number(13m) : p.Value) }).ShouldNotBe(first);
        (first with { Version = 8 }).ShouldNotBe(first);
    }

    [Fact]
    public void CustomData_IsACopyOfTheDictionaryGiven()
    {
        var data = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(1m) };
        var snapshot = Stored("C", "P") with { ClassId = CustomerClassId.From("K"), CustomData = data };
        data["Seats"] = CustomFieldValue.Number(2m);
        data["Other"] = CustomFieldValue.Boolean(true);

        snapshot.CustomData.Count.ShouldBe(1);
        snapshot.CustomData["Seats"].AsNumber.ShouldBe(1m);
    }

    // ------------------------------------------------ format is not checked: an older version's data always loads

    public static TheoryData<string, string> ValuesOnlyAFormatRuleRefuses => new()
    {
        { "Email", "ann@localhost" },
        { "Email", "Ann Smith <ann@example.com>" },
        { "Email", new string('a', 70) + "@example.com" },
        { "Name", new string('n', Customer.MaxNameLength + 100) },
        { "Name", "Acme\tWidgets" },
        { "Language", "en_GB" },
        { "Language", "englishlanguage" },
    };

    [Theory]
    [MemberData(nameof(ValuesOnlyAFormatRuleRefuses))]
    public void Restore_ValueTheCurrentFormatRuleRefuses_KeepsItExactlyAsStored(string field, string value)
    {
        var live = EndCustomer();
        Action currentRule = field switch
        {
            "Email" => () => live.WithEmail(value),
            "Name" => () => live.Rename(value, []),
            _ => () => live.WithLanguage(value),
        };
        Should.Throw<BillingRuleException>(currentRule).Field.ShouldBe("Customer." + field);

        var stored = field switch
        {
            "Email" => Stored("C", "P") with { Email = value },
            "Name" => Stored("C", "P") with { Name = value },
            _ => Stored("C", "P") with { Language = value },
        };
        var restored = Customer.Restore(stored);

        (field switch { "Email" => restored.Email, "Name" => restored.Name, _ => restored.Language }).ShouldBe(value);
    }

    [Fact]
    public void Restore_TextsWithSurroundingSpaceOrMixedCase_AreNotNormalised()
    {
        var restored = Customer.Restore(Stored("C", "P") with { Name = "  Acme  ", Email = "Ann@EXAMPLE.com", Language = "EN-gb" });
        restored.Name.ShouldBe("  Acme  ");
        restored.Email.ShouldBe("Ann@EXAMPLE.com");
        restored.Language.ShouldBe("EN-gb");
    }

    // ------------------------------------------------ structure is checked

    [Fact]
    public void Restore_PrepaidWithACreditLimit_ThrowsNamingTheCreditLimit()
        => Should.Throw<BillingRuleException>(() => Customer.Restore(Stored("PRE", "P") with { BalanceModel = BalanceModel.Prepaid, CreditLimit = Gbp(100m) }))
            .Field.ShouldBe("Customer.CreditLimit");

    [Fact]
    public void Restore_CreditLimitNegativeOrInAnotherCurrency_Throws()
    {
        Should.Throw<BillingRuleException>(() => Customer.Restore(Stored("C", "P") with { CreditLimit = Gbp(-0.01m) })).Field.ShouldBe("Customer.CreditLimit");
        Should.Throw<BillingRuleException>(() => Customer.Restore(Stored("C", "P") with { CreditLimit = Money.Of(10m, "EUR") })).Field.ShouldBe("Customer.CreditLimit");
    }

    [Fact]
    public void Restore_DefaultIds_Throw()
    {
        Should.Throw<ArgumentException>(() => Customer.Restore(Stored("C") with { Id = default }));
        Should.Throw<ArgumentException>(() => Customer.Restore(Stored("C") with { ParentId = default(CustomerId) }));
        Should.Throw<ArgumentException>(() => Customer.Restore(Stored("C", "P") with { ClassId = default(CustomerClassId) }));
        Should.Throw<ArgumentException>(() => Customer.Restore(Stored("C") with { Currency = default }));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(Customer.MaxPaymentTermsDays + 1, 0)]
    [InlineData(30, -1)]
    public void Restore_PaymentTermsOrVersionOutOfBounds_Throws(int terms, long version)
        => Should.Throw<BillingRuleException>(() => Customer.Restore(Stored("C") with { PaymentTermsDays = terms, Version = version }))
            .Field.ShouldBe(version < 0 ? "Customer.Version" : "Customer.PaymentTermsDays");

    [Theory]
    [InlineData("Name", "")]
    [InlineData("Email", " ")]
    [InlineData("Language", "\t")]
    public void Restore_RequiredTextEmpty_Throws(string field, string value)
    {
        var stored = field switch
        {
            "Name" => Stored("C") with { Name = value },
            "Email" => Stored("C") with { Email = value },
            _ => Stored("C") with { Language = value },
        };
        Should.Throw<BillingRuleException>(() => Customer.Restore(stored)).Field.ShouldBe("Customer." + field);
    }

    [Fact]
    public void Restore_RequiredMemberNull_ThrowsArgumentNullNamingIt()
    {
        foreach (var (field, stored) in new (string, CustomerSnapshot)[]
                 {
                     ("Customer.Name", Stored("C") with { Name = null! }),
                     ("Customer.Email", Stored("C") with { Email = null! }),
                     ("Customer.Language", Stored("C") with { Language = null! }),
                     ("Customer.BillingAddress", Stored("C") with { BillingAddress = null! }),
                     ("Customer.BillingTimeZone", Stored("C") with { BillingTimeZone = null! }),
                     ("Customer.CustomData", Stored("C") with { CustomData = null! }),
                 })
        {
            var error = Should.Throw<ArgumentNullException>(() => Customer.Restore(stored));
            error.ParamName.ShouldBe("snapshot");
            error.Message.ShouldContain(field);
        }

        Should.Throw<ArgumentNullException>(() => Customer.Restore(null!));
    }
}
