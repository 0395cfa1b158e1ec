using Billing.Core.Numbers;
using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Services;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Customers;

public class DomainTextTests
{
    public static TheoryData<string> Noncharacters() => new("\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\U0001FFFF", "\U0008FFFE", "\U0010FFFE");

    [Theory]
    [MemberData(nameof(Noncharacters))]
    public void EveryFreeTextField_Noncharacter_IsRefusedNamingTheField(string noncharacter)
    {
        var text = "Acme " + noncharacter + " Ltd";
        var end = EndCustomer();
        var day = new LocalDate(2026, 2, 1);
        var checks = new (string Field, Action Act)[]
        {
            ("Customer.Name", () => end.Rename(text, [])),
            ("Account.Name", () => AccountOf(end).Rename(text)),
            ("Account.Alias", () => AccountOf(end).WithAlias("sip" + noncharacter)),
            ("Service.Description", () => Service.Create(ServiceId.From("S"), end, "t", "n", day).WithDescription(text)),
            ("CustomerClass.Name", () => AdminClass().Rename(text)),
            ("CustomField.Name", () => CustomFieldDefinition.Create(text, CustomFieldType.Text)),
            ("CustomField.Text", () => CustomFieldValue.Text(text)),
            ("Feature.Name", () => Feature.OneOff(FeatureId.From("F"), text, Gbp(1m), day)),
            ("Address.Lines", () => PostalAddress.Create([text], "London", "GB")),
            ("Number.Tariff", () => Billing.Core.Numbers.Number.Create(Billing.Core.Numbers.NumberId.From("N"), end, "01632 960123", text, day, numbering: NumberingOptions.Default with { AllowDramaNumbers = true })),
            ("CustomerId", () => CustomerId.From(text)),
            ("AccountId", () => AccountId.Parse(text)),
        };

        foreach (var (field, act) in checks)
        {
            var ex = Should.Throw<BillingRuleException>(act, field);
            ex.Field.ShouldBe(field);
            ex.Rule.ShouldContain("noncharacter");
        }
    }

    [Fact]
    public void Required_TextAroundNoncharacters_IsAcceptedWhenTheyAreGone()
    {
        DomainText.Required(" Acme \uFFFD Ltd ", "F", 200).ShouldBe("Acme \uFFFD Ltd");
        DomainText.Required("\uFFFD\U0001F642\uFDCF\uFDF0", "F", 200).ShouldBe("\uFFFD\U0001F642\uFDCF\uFDF0");
    }

    [Fact]
    public void Required_RefusalOfAnUnprintableValue_DoesNotEchoIt()
    {
        var ex = Should.Throw<BillingRuleException>(() => DomainText.Required("Acme \uD800", "F", 200));
        ex.Value.ShouldBeNull();
        ex.Rule.ShouldContain("index 5");
    }

    [Fact]
    public void Shorten_NeverCutsASurrogatePair()
    {
        var text = new string('a', 76) + "\U0001F642" + new string('b', 10);
        DomainText.Shorten(text).ShouldBe(new string('a', 76) + "...");
        Billing.Core.UnicodeText.Problem(DomainText.Shorten(text)).ShouldBeNull();
    }

    [Fact]
    public void Required_NullValue_NamesTheCallersParameter()
    {
        string? name = null;
        Should.Throw<ArgumentNullException>(() => DomainText.Required(name, "F", 10)).ParamName.ShouldBe("name");
        Should.Throw<ArgumentNullException>(() => EndCustomer().Rename(null!, [])).ParamName.ShouldBe("name");
        Should.Throw<ArgumentNullException>(() => PostalAddress.Create([null!], "London", "GB")).ParamName.ShouldBe("lines");
    }
}
