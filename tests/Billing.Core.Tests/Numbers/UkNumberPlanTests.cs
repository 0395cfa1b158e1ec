using Billing.Core.Numbers;

namespace Billing.Core.Tests.Numbers;

public class UkNumberPlanTests
{
    // One row per range of SPEC §1.4 (both ends of a range where it spans several prefixes) and per allowed length.
    [Theory]
    [InlineData("01632 960123", NumberType.Geographic)]
    [InlineData("016977 4567", NumberType.Geographic)]       // 9-digit national number (five-digit local numbers)
    [InlineData("0118 496 0000", NumberType.Geographic)]     // Reading: 118 with 10 digits is geographic
    [InlineData("020 7946 0000", NumberType.Geographic)]
    [InlineData("029 2018 0000", NumberType.Geographic)]
    [InlineData("0300 123 4567", NumberType.NonGeographic)]
    [InlineData("0345 600 0000", NumberType.NonGeographic)]
    [InlineData("0370 010 0000", NumberType.NonGeographic)]
    [InlineData("0559 012 3456", NumberType.Corporate)]
    [InlineData("0560 012 3456", NumberType.VoIP)]
    [InlineData("070 0000 0000", NumberType.PersonalNumbering)]
    [InlineData("07100 000000", NumberType.Mobile)]
    [InlineData("07400 123456", NumberType.Mobile)]
    [InlineData("07500 123456", NumberType.Mobile)]
    [InlineData("07624 123456", NumberType.Mobile)]
    [InlineData("07600 123456", NumberType.Paging)]
    [InlineData("07623 123456", NumberType.Paging)]
    [InlineData("07625 123456", NumberType.Paging)]
    [InlineData("07700 900123", NumberType.Mobile)]
    [InlineData("07800 123456", NumberType.Mobile)]
    [InlineData("07900 123456", NumberType.Mobile)]
    [InlineData("0800 123 4567", NumberType.Freephone)]
    [InlineData("0800 123456", NumberType.Freephone)]        // 9-digit 0800
    [InlineData("0808 157 0000", NumberType.Freephone)]
    [InlineData("0845 600 0000", NumberType.SpecialServices)]
    [InlineData("0870 010 0000", NumberType.SpecialServices)]
    [InlineData("0909 879 0000", NumberType.PremiumRate)]
    [InlineData("0911 123 4567", NumberType.PremiumRate)]
    [InlineData("0982 123 4567", NumberType.PremiumRate)]
    [InlineData("118 118", NumberType.DirectoryEnquiries)]
    [InlineData("+44 118 500", NumberType.DirectoryEnquiries)]
    public void Detect_EveryRange_GivesItsType(string input, NumberType expected)
        => UkNumberPlan.Detect(PhoneNumber.Parse(input)).ShouldBe(expected);

    [Theory]
    [InlineData("01632 9601", "has 9 or 10 digits")]          // geographic too short
    [InlineData("01632 9601234", "has 9 or 10 digits")]       // geographic too long
    [InlineData("020 7946 000", "has 10 digits")]
    [InlineData("0300 123 456", "has 10 digits")]
    [InlineData("0559 012 34567", "has 10 digits")]
    [InlineData("0560 012 345", "has 10 digits")]
    [InlineData("070 0000 000", "has 10 digits")]
    [InlineData("07700 90012", "has 10 digits")]
    [InlineData("07700 9001234", "has 10 digits")]
    [InlineData("07624 12345", "has 10 digits")]
    [InlineData("07600 12345", "has 10 digits")]
    [InlineData("0800 12345", "has 9 or 10 digits")]
    [InlineData("0845 600 000", "has 10 digits")]
    [InlineData("0870 010 00000", "has 10 digits")]
    [InlineData("0909 879 000", "has 10 digits")]
    [InlineData("+44 118 1180", "has 9 or 10 digits")]           // 118 followed by 4 digits is neither 118xxx nor geographic
    public void Detect_ImpossibleLength_ThrowsNamingTheNumber(string input, string rule)
    {
        var number = PhoneNumber.Parse(input);
        var ex = Should.Throw<BillingRuleException>(() => UkNumberPlan.Detect(number));
        ex.Value.ShouldBe(number.Value);
        ex.Rule.ShouldContain(rule);
        UkNumberPlan.TryDetect(number, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("040 1234 5678")]
    [InlineData("050 1234 5678")]
    [InlineData("0570 123 4567")]
    [InlineData("060 1234 5678")]
    [InlineData("0810 123 4567")]
    [InlineData("0820 123 4567")]
    [InlineData("0860 123 4567")]
    [InlineData("0920 123 4567")]
    [InlineData("0990 123 4567")]
    public void Detect_UnallocatedPrefix_ThrowsNamingTheNumber(string input)
    {
        var number = PhoneNumber.Parse(input);
        var ex = Should.Throw<BillingRuleException>(() => UkNumberPlan.Detect(number));
        ex.Message.ShouldContain(number.Value);
        ex.Rule.ShouldContain("not an allocated range");
    }

    [Theory]
    [InlineData("+1 212 555 0100")]
    [InlineData("+33 1 23 45 67 89")]
    [InlineData("+353 1 234 5678")]
    [InlineData("0049 30 1234567")]
    public void Detect_NonUkNumber_ThrowsNamingTheNumber(string input)
    {
        var number = PhoneNumber.Parse(input);
        var ex = Should.Throw<BillingRuleException>(() => UkNumberPlan.Detect(number));
        ex.Value.ShouldBe(number.Value);
        ex.Rule.ShouldContain("UK (+44) numbers only");
    }

    [Fact]
    public void Detect_DefaultNumber_IsAnArgumentError() => Should.Throw<ArgumentException>(() => UkNumberPlan.Detect(default)).ParamName.ShouldBe("number");
}
