using Billing.Core.Numbers;
using Billing.Core.Tests.Customers;

namespace Billing.Core.Tests.Numbers;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("01632 960123", "+441632960123")]
    [InlineData("01632-960-123", "+441632960123")]
    [InlineData("(01632) 960123", "+441632960123")]
    [InlineData("+44 1632 960123", "+441632960123")]
    [InlineData("+44 (0)1632 960123", "+441632960123")]
    [InlineData("+44 01632 960123", "+441632960123")]
    [InlineData("0044 1632 960123", "+441632960123")]
    [InlineData("00 44 (0) 1632 960123", "+441632960123")]
    [InlineData("  020 7946 0000 ", "+442079460000")]
    [InlineData("07700.900.123", "+447700900123")]
    [InlineData("118 118", "+44118118")]
    [InlineData("+1 (212) 555-0100", "+12125550100")]
    [InlineData("0033 1 23 45 67 89", "+33123456789")]
    public void Parse_UkAndInternationalForms_GiveE164(string input, string expected)
        => PhoneNumber.Parse(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1632 960123")]
    [InlineData("+0 1632 960123")]
    [InlineData("01632 96O123")]
    [InlineData("+44 1632 960123 ext 5")]
    [InlineData("+12")]
    [InlineData("+1234567890123456")]
    [InlineData("++441632960123")]
    public void Parse_Unrecognised_ThrowsNamingTheNumber(string input)
    {
        var ex = Should.Throw<BillingRuleException>(() => PhoneNumber.Parse(input));
        ex.Field.ShouldBe("Number");
        ex.Value.ShouldBe(input);
        PhoneNumber.TryParse(input, out _).ShouldBeFalse();
    }

    [Fact]
    public void UkProperties_DescribeTheNationalSignificantNumber()
    {
        var uk = PhoneNumber.Parse("01632 960123");
        uk.IsUk.ShouldBeTrue();
        uk.UkNationalSignificantNumber.ShouldBe("1632960123");
        PhoneNumber.Parse("+33123456789").UkNationalSignificantNumber.ShouldBeNull();
    }

    [Fact]
    public void Parse_FuzzedInput_ThrowsOnlyDocumentedExceptions()
    {
        Fuzz.Check(Fuzz.Strings, s => PhoneNumber.Parse(s!));
        Fuzz.Check(Fuzz.Strings, s =>
        {
            if (PhoneNumber.TryParse(s, out var n))
            {
                // Whatever parses is E.164 and parses back to itself.
                n.Value.ShouldMatch(@"^\+[1-9][0-9]{6,14}$");
                PhoneNumber.Parse(n.Value).ShouldBe(n);
                UkNumberPlan.TryDetect(n, out _);
            }
        });
    }
}
