using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Tests.Customers;
using FsCheck;
using FsCheck.Fluent;
using Lib = PhoneNumbers;

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
    [InlineData("016977 2345", "+44169772345")]             // 9-digit national number (four-digit local numbers)
    [InlineData("0800 123456", "+44800123456")]
    [InlineData("118 118", "+44118118")]                    // a short code, dialled without the 0
    [InlineData("+1 (212) 555-0100", "+12125550100")]
    [InlineData("0033 1 23 45 67 89", "+33123456789")]
    [InlineData("+39 06 1234 5678", "+390612345678")]       // Italy keeps its leading 0 after the country code
    [InlineData("+800 1234 5678", "+80012345678")]          // international freephone: no country
    public void Parse_UkNationalAndInternationalForms_GiveE164(string input, string expected)
        => PhoneNumber.Parse(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("FR", "01 23 45 67 89", "+33123456789")]
    [InlineData("FR", "00 44 1632 960123", "+441632960123")]  // the country's own international prefix
    [InlineData("US", "(650) 253-0000", "+16502530000")]
    [InlineData("US", "011 44 1632 960123", "+441632960123")]
    [InlineData("DE", "030 1234567", "+49301234567")]
    [InlineData("IT", "06 1234 5678", "+390612345678")]
    [InlineData("AU", "0412 345 678", "+61412345678")]
    [InlineData("JP", "090-1234-5678", "+819012345678")]
    [InlineData("IE", "087 123 4567", "+353871234567")]
    [InlineData("BR", "(11) 91234-5678", "+5511912345678")]
    [InlineData("GB", "+33 6 12 34 56 78", "+33612345678")]
    public void Parse_NationalInputOfTheDefaultCountry_GivesE164(string country, string input, string expected)
    {
        PhoneNumber.Parse(input, CountryCode.From(country)).Value.ShouldBe(expected);
        PhoneNumber.TryParse(input, CountryCode.From(country), out var parsed).ShouldBeTrue();
        parsed.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("+0 1632 960123", "country calling code")]
    [InlineData("+999 1234 5678", "country calling code")]
    [InlineData("01632 96O123", "only digits")]               // a letter O for a zero: the parser would drop it
    [InlineData("+44 1632 960123 ext 5", "only digits")]      // extensions are not billed numbers
    [InlineData("tel:+44-1632-960123", "only digits")]
    [InlineData("++441632960123", "only digits")]
    [InlineData("+12", "not a telephone number")]
    [InlineData("+1234567890123456", "digits after the country code")]
    [InlineData("+44 1632 9601234", "have 7, 9 or 10 digits after the country code, this one has 11")]
    [InlineData("12", "this one has 2")]
    [InlineData("+44 1632", "local number")]                  // an area code and nothing after
    [InlineData("0118 118", "leading 0")]                      // neither 118 118 nor a Reading number
    [InlineData("0044", "after the international prefix")]
    public void Parse_Unrecognised_ThrowsNamingTheInput(string input, string rule)
    {
        var ex = Should.Throw<BillingRuleException>(() => PhoneNumber.Parse(input));
        ex.Field.ShouldBe("Number");
        ex.Value.ShouldBe(input);
        ex.Rule.ShouldContain(rule);
        PhoneNumber.TryParse(input, out _).ShouldBeFalse();
    }

    [Fact]
    public void Parse_LongerThan64Characters_ThrowsEvenWhenTheDigitsFit()
    {
        PhoneNumber.Parse("+44" + new string('-', 51) + "1632960123").Value.ShouldBe("+441632960123"); // 64 characters
        Should.Throw<BillingRuleException>(() => PhoneNumber.Parse("+44" + new string('-', 52) + "1632960123"))
            .Rule.ShouldContain("at most 64 characters long with its separators, this one has 65");
    }

    [Theory]
    [InlineData("AQ")] // Antarctica: an ISO country with no numbering plan
    [InlineData("UM")]
    public void Parse_CountryWithoutAPlan_ThrowsArgumentException(string country)
    {
        Should.Throw<ArgumentException>(() => PhoneNumber.Parse("01 23", CountryCode.From(country))).ParamName.ShouldBe("defaultCountry");
        Should.Throw<ArgumentException>(() => PhoneNumber.Parse("01 23", default));
    }

    [Theory]
    [InlineData("01632 960123", 44, "1632960123", "01632 960123", "+44 1632 960123")]
    [InlineData("+1 650 253 0000", 1, "6502530000", "(650) 253-0000", "+1 650-253-0000")]
    [InlineData("+39 06 1234 5678", 39, "0612345678", "06 1234 5678", "+39 06 1234 5678")]
    [InlineData("+33 800 12 34 56", 33, "800123456", "0 800 12 34 56", "+33 800 12 34 56")]
    [InlineData("+800 1234 5678", 800, "12345678", "1234 5678", "+800 1234 5678")]
    [InlineData("118 118", 44, "118118", "118118", "+44 118118")]
    public void Parts_AndFormats_FollowTheCountrysPlan(string input, int code, string nsn, string national, string international)
    {
        var number = PhoneNumber.Parse(input);
        number.CountryCallingCode.ShouldBe(code);
        number.NationalSignificantNumber.ShouldBe(nsn);
        number.FormatNational().ShouldBe(national);
        number.FormatInternational().ShouldBe(international);
    }

    [Fact]
    public void Default_HasNoPartsAndFormatsEmpty()
    {
        var number = default(PhoneNumber);
        (number.Value, number.CountryCallingCode, number.NationalSignificantNumber, number.FormatNational(), number.FormatInternational())
            .ShouldBe((string.Empty, 0, string.Empty, string.Empty, string.Empty));
    }

    [Fact]
    public void ParseOfFormat_AnyValidNumberOfAnyRegion_GivesTheNumberBack()
    {
        // FsCheck over the metadata's example numbers of every region and type (with random last digits): E.164,
        // international and national forms all parse back to the same number, and its parts are the metadata's.
        var examples = ExampleNumbers.All.Select(e => ExampleNumbers.Util.Format(e.Number, Lib.PhoneNumberFormat.E164)).ToHashSet(StringComparer.Ordinal);
        var beyondExamples = 0;
        Prop.ForAll(ExampleNumbers.Valid.ToArbitrary(), lib =>
        {
            var e164 = ExampleNumbers.Util.Format(lib, Lib.PhoneNumberFormat.E164);
            beyondExamples += examples.Contains(e164) ? 0 : 1;
            var number = PhoneNumber.Parse(e164);
            number.Value.ShouldBe(e164);
            number.CountryCallingCode.ShouldBe(lib.CountryCode);
            number.NationalSignificantNumber.ShouldBe(ExampleNumbers.Util.GetNationalSignificantNumber(lib));
            PhoneNumber.Parse(number.FormatInternational()).ShouldBe(number, number.FormatInternational());

            // National input needs the number's country; a few regions of the metadata (XK, AC, TA) are not ISO countries.
            var region = ExampleNumbers.Util.GetRegionCodeForNumber(lib);
            if (CountryCode.TryFrom(region, out var country))
            {
                PhoneNumber.Parse(number.FormatNational(), country).ShouldBe(number, $"{number.FormatNational()} in {region}");
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
        beyondExamples.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void ParseOfFormat_EveryExampleNumber_GivesTheNumberBack()
    {
        foreach (var (region, type, lib) in ExampleNumbers.All)
        {
            var number = PhoneNumber.Parse(ExampleNumbers.Util.Format(lib, Lib.PhoneNumberFormat.INTERNATIONAL));
            PhoneNumber.Parse(number.Value).ShouldBe(number, $"{region} {type}");
            if (CountryCode.TryFrom(ExampleNumbers.Util.GetRegionCodeForNumber(lib), out var country))
            {
                PhoneNumber.Parse(number.FormatNational(), country).ShouldBe(number, $"{region} {type}");
            }
        }

        ExampleNumbers.All.Count.ShouldBeGreaterThan(1000);
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
                n.Value.ShouldMatch(@"^\+[1-9][0-9]{2,14}$");
                PhoneNumber.Parse(n.Value).ShouldBe(n);
                NumberPlan.TryDetect(n, out _);
            }
        });
    }
}
