using System.Globalization;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lib = PhoneNumbers;

namespace Billing.Core.Tests.Numbers;

public class NumberPlanTests
{
    private static readonly NumberingOptions Drama = NumberingOptions.Default with { AllowDramaNumbers = true };

    // Every category of the UK platform, both ends of a category that spans several prefixes, and each allowed length.
    [Theory]
    [InlineData("0113 234 5678", NumberType.Geographic)]
    [InlineData("016977 2345", NumberType.Geographic)]       // 9-digit national number (four-digit local numbers)
    [InlineData("0118 234 5678", NumberType.Geographic)]     // Reading: 118 with 10 digits is geographic
    [InlineData("020 7123 4567", NumberType.Geographic)]
    [InlineData("029 2123 4567", NumberType.Geographic)]
    [InlineData("+44 1534 123456", NumberType.Geographic)]   // Jersey shares +44 and its categories
    [InlineData("0300 123 4567", NumberType.NonGeographic)]
    [InlineData("0345 600 0000", NumberType.NonGeographic)]
    [InlineData("0370 010 0000", NumberType.NonGeographic)]
    [InlineData("0559 012 3456", NumberType.Corporate)]
    [InlineData("0560 012 3456", NumberType.VoIP)]
    [InlineData("070 1234 5678", NumberType.PersonalNumbering)]
    [InlineData("07100 000000", NumberType.Mobile)]
    [InlineData("07200 123456", NumberType.Mobile)]
    [InlineData("07300 123456", NumberType.Mobile)]
    [InlineData("07400 123456", NumberType.Mobile)]
    [InlineData("07500 123456", NumberType.Mobile)]
    [InlineData("07624 123456", NumberType.Mobile)]          // Isle of Man mobiles inside the paging range
    [InlineData("07700 123456", NumberType.Mobile)]
    [InlineData("07800 123456", NumberType.Mobile)]
    [InlineData("07900 123456", NumberType.Mobile)]
    [InlineData("07600 123456", NumberType.Paging)]
    [InlineData("07623 123456", NumberType.Paging)]
    [InlineData("07625 123456", NumberType.Paging)]
    [InlineData("0800 123 4567", NumberType.Freephone)]
    [InlineData("0800 123456", NumberType.Freephone)]        // 9-digit 0800
    [InlineData("0800 1111", NumberType.Freephone)]          // 7-digit 0800 (Childline)
    [InlineData("0808 123 4567", NumberType.Freephone)]
    [InlineData("0844 123 4567", NumberType.SpecialServices)]
    [InlineData("0845 600 0000", NumberType.SpecialServices)]
    [InlineData("0870 010 0000", NumberType.SpecialServices)]
    [InlineData("0871 123 4567", NumberType.SpecialServices)]
    [InlineData("0901 234 5678", NumberType.PremiumRate)]
    [InlineData("0911 123 4567", NumberType.PremiumRate)]
    [InlineData("0982 123 4567", NumberType.PremiumRate)]
    [InlineData("118 118", NumberType.DirectoryEnquiries)]
    [InlineData("+44 118 500", NumberType.DirectoryEnquiries)]
    public void Detect_EveryUkCategory_GivesThePlatformsCategory(string input, NumberType expected)
    {
        var number = PhoneNumber.Parse(input);
        NumberPlan.Detect(number).ShouldBe(expected);
        NumberPlan.TryDetect(number, out var type).ShouldBeTrue();
        type.ShouldBe(expected);
        NumberPlan.IsReservedForDrama(number).ShouldBeFalse();
    }

    [Theory]
    [InlineData("020 7123 456", "no block of it that has been allocated")]            // 9 digits: possible for a fixed line, not in 020
    [InlineData("0300 123 456", "has 10 digits after the 0, this one has 9")]
    [InlineData("070 1234 567", "has 10 digits after the 0, this one has 9")]
    [InlineData("07700 12345", "has 10 digits after the 0, this one has 9")]
    [InlineData("07624 12345", "has 10 digits after the 0, this one has 9")]
    [InlineData("07600 12345", "has 10 digits after the 0, this one has 9")]
    [InlineData("0909 123 456", "has 7 or 10 digits after the 0, this one has 9")]
    [InlineData("+44 118 1180", "has 9 or 10 digits after the 0, this one has 7")]   // neither 118 xxx nor geographic
    [InlineData("016977 4567", "no block of it that has been allocated")]              // a possible length, not an allocated block
    [InlineData("0140 123 4567", "no block of it that has been allocated")]
    public void Detect_ImpossibleUkNumber_ThrowsNamingTheNumber(string input, string rule)
    {
        var number = PhoneNumber.Parse(input);
        var ex = Should.Throw<BillingRuleException>(() => NumberPlan.Detect(number));
        ex.Field.ShouldBe("Number");
        ex.Value.ShouldBe(number.Value);
        ex.Rule.ShouldContain(rule);
        NumberPlan.TryDetect(number, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("040 1234 5678")]
    [InlineData("0500 123456")]
    [InlineData("0570 123 4567")]
    [InlineData("060 1234 5678")]
    [InlineData("0810 123 4567")]
    [InlineData("0820 123 4567")]
    [InlineData("0860 123 4567")]
    [InlineData("0920 123 4567")]
    [InlineData("0990 123 4567")]
    public void Detect_UnallocatedUkRange_ThrowsNamingTheNumber(string input)
    {
        var number = PhoneNumber.Parse(input);
        var ex = Should.Throw<BillingRuleException>(() => NumberPlan.Detect(number));
        ex.Message.ShouldContain(number.Value);
        ex.Rule.ShouldContain("not an allocated range of the UK numbering plan");
    }

    // Ofcom's twenty drama ranges, first and last number of each, with the category of the range they sit in.
    [Theory]
    [InlineData("0113 496 0000", "0113 496 0999", NumberType.Geographic)]
    [InlineData("0114 496 0000", "0114 496 0999", NumberType.Geographic)]
    [InlineData("0115 496 0000", "0115 496 0999", NumberType.Geographic)]
    [InlineData("0116 496 0000", "0116 496 0999", NumberType.Geographic)]
    [InlineData("0117 496 0000", "0117 496 0999", NumberType.Geographic)]
    [InlineData("0118 496 0000", "0118 496 0999", NumberType.Geographic)]
    [InlineData("0121 496 0000", "0121 496 0999", NumberType.Geographic)]
    [InlineData("0131 496 0000", "0131 496 0999", NumberType.Geographic)]
    [InlineData("0141 496 0000", "0141 496 0999", NumberType.Geographic)]
    [InlineData("0151 496 0000", "0151 496 0999", NumberType.Geographic)]
    [InlineData("0161 496 0000", "0161 496 0999", NumberType.Geographic)]
    [InlineData("0191 498 0000", "0191 498 0999", NumberType.Geographic)]
    [InlineData("020 7946 0000", "020 7946 0999", NumberType.Geographic)]
    [InlineData("028 9649 6000", "028 9649 6999", NumberType.Geographic)]
    [InlineData("029 2018 0000", "029 2018 0999", NumberType.Geographic)]
    [InlineData("01632 960000", "01632 960999", NumberType.Geographic)]
    [InlineData("03069 990000", "03069 990999", NumberType.NonGeographic)]
    [InlineData("07700 900000", "07700 900999", NumberType.Mobile)]
    [InlineData("08081 570000", "08081 570999", NumberType.Freephone)]
    [InlineData("0909 879 0000", "0909 879 0999", NumberType.PremiumRate)]
    public void Detect_OfcomDramaRange_RefusedUnlessAllowed(string first, string last, NumberType category)
    {
        foreach (var input in new[] { first, last })
        {
            var number = PhoneNumber.Parse(input);
            NumberPlan.IsReservedForDrama(number).ShouldBeTrue(input);
            var ex = Should.Throw<BillingRuleException>(() => NumberPlan.Detect(number));
            (ex.Field, ex.Value).ShouldBe(("Number", number.Value));
            ex.Rule.ShouldContain("Ofcom reserves");
            ex.Rule.ShouldContain(nameof(NumberingOptions.AllowDramaNumbers));
            NumberPlan.TryDetect(number, out _).ShouldBeFalse();

            NumberPlan.Detect(number, Drama).ShouldBe(category, input);
        }
    }

    [Theory]
    [InlineData("01632 959999")] // one below 01632 960000
    [InlineData("01632 961000")] // one above 01632 960999
    [InlineData("07700 899999")]
    [InlineData("07700 901000")]
    [InlineData("020 7946 1000")]
    [InlineData("028 9649 7000")]
    public void IsReservedForDrama_JustOutsideARange_IsFalse(string input)
        => NumberPlan.IsReservedForDrama(PhoneNumber.Parse(input)).ShouldBeFalse();

    [Theory]
    [InlineData("+1 212 555 0100")]
    [InlineData("+1 416 555 0199")]
    public void Detect_NorthAmericanFictionalNumber_RefusedUnlessAllowed(string input)
    {
        var number = PhoneNumber.Parse(input);
        NumberPlan.IsReservedForDrama(number).ShouldBeTrue();
        Should.Throw<BillingRuleException>(() => NumberPlan.Detect(number)).Rule.ShouldContain("NANPA reserves");

        // Allowed, it is what any North American number is: a fixed line or a mobile, which needs an explicit type.
        Should.Throw<BillingRuleException>(() => NumberPlan.Detect(number, Drama)).Rule.ShouldContain("fixed line or mobile");
        NumberPlan.IsReservedForDrama(PhoneNumber.Parse(input.Replace("555 01", "555 02", StringComparison.Ordinal))).ShouldBeFalse();
    }

    // Eleven countries and the international freephone code: mobile, fixed, toll-free and premium (and the other types
    // the metadata tells apart), entered nationally.
    [Theory]
    [InlineData("FR", "01 23 45 67 89", NumberType.Geographic)]
    [InlineData("FR", "06 12 34 56 78", NumberType.Mobile)]
    [InlineData("FR", "0800 12 34 56", NumberType.Freephone)]
    [InlineData("FR", "08 91 12 34 56", NumberType.PremiumRate)]
    [InlineData("FR", "0810 12 34 56", NumberType.SharedCost)]
    [InlineData("DE", "030 1234567", NumberType.Geographic)]
    [InlineData("DE", "01512 3456789", NumberType.Mobile)]
    [InlineData("DE", "0800 1234567", NumberType.Freephone)]
    [InlineData("DE", "0900 1 234567", NumberType.PremiumRate)]
    [InlineData("DE", "0180 5 123456", NumberType.SharedCost)]
    [InlineData("IE", "01 234 5678", NumberType.Geographic)]
    [InlineData("IE", "087 123 4567", NumberType.Mobile)]
    [InlineData("IE", "1800 123 456", NumberType.Freephone)]
    [InlineData("IE", "1520 123 456", NumberType.PremiumRate)]
    [InlineData("ES", "91 123 45 67", NumberType.Geographic)]
    [InlineData("ES", "612 34 56 78", NumberType.Mobile)]
    [InlineData("ES", "900 12 34 56", NumberType.Freephone)]
    [InlineData("ES", "803 12 34 56", NumberType.PremiumRate)]
    [InlineData("IT", "06 1234 5678", NumberType.Geographic)]
    [InlineData("IT", "312 345 6789", NumberType.Mobile)]
    [InlineData("IT", "800 123 456", NumberType.Freephone)]
    [InlineData("IT", "899 123 456", NumberType.PremiumRate)]
    [InlineData("NL", "020 123 4567", NumberType.Geographic)]
    [InlineData("NL", "06 12345678", NumberType.Mobile)]
    [InlineData("NL", "0800 1234", NumberType.Freephone)]
    [InlineData("NL", "0900 1234", NumberType.PremiumRate)]
    [InlineData("AU", "02 1234 5678", NumberType.Geographic)]
    [InlineData("AU", "0412 345 678", NumberType.Mobile)]
    [InlineData("AU", "1800 123 456", NumberType.Freephone)]
    [InlineData("AU", "1900 123 456", NumberType.PremiumRate)]
    [InlineData("JP", "03-1234-5678", NumberType.Geographic)]
    [InlineData("JP", "090-1234-5678", NumberType.Mobile)]
    [InlineData("JP", "0120-123-456", NumberType.Freephone)]
    [InlineData("JP", "0990-123-456", NumberType.PremiumRate)]
    [InlineData("CH", "044 668 18 00", NumberType.Geographic)]
    [InlineData("CH", "078 123 45 67", NumberType.Mobile)]
    [InlineData("CH", "0800 123 456", NumberType.Freephone)]
    [InlineData("CH", "0900 123 456", NumberType.PremiumRate)]
    [InlineData("SE", "08-123 456 78", NumberType.Geographic)]
    [InlineData("SE", "070-123 45 67", NumberType.Mobile)]
    [InlineData("SE", "020-123 456", NumberType.Freephone)]
    [InlineData("SE", "0900-123 4567", NumberType.PremiumRate)]
    [InlineData("PL", "12 345 67 89", NumberType.Geographic)]
    [InlineData("PL", "512 345 678", NumberType.Mobile)]
    [InlineData("PL", "800 123 456", NumberType.Freephone)]
    [InlineData("PL", "701 234 567", NumberType.PremiumRate)]
    [InlineData("ZA", "021 123 4567", NumberType.Geographic)]
    [InlineData("ZA", "071 123 4567", NumberType.Mobile)]
    [InlineData("ZA", "0800 123 456", NumberType.Freephone)]
    [InlineData("ZA", "0861 123 456", NumberType.UniversalAccess)]
    [InlineData("US", "1-800-234-5678", NumberType.Freephone)]
    [InlineData("US", "900 234 5678", NumberType.PremiumRate)]
    [InlineData("GB", "+800 1234 5678", NumberType.Freephone)]
    public void Detect_OtherCountries_GivesTheMetadatasType(string country, string input, NumberType expected)
    {
        var number = PhoneNumber.Parse(input, CountryCode.From(country));
        NumberPlan.Detect(number).ShouldBe(expected);

        // The same number entered internationally, from anywhere, is the same number of the same type.
        NumberPlan.Detect(PhoneNumber.Parse(number.FormatInternational())).ShouldBe(expected);
    }

    [Theory]
    [InlineData("+1 650 253 0000", "US (+1)")]
    [InlineData("+1 416 979 1234", "CA (+1)")]
    public void Detect_FixedLineOrMobile_AsksForTheType(string input, string where)
    {
        var number = PhoneNumber.Parse(input);
        var ex = Should.Throw<BillingRuleException>(() => NumberPlan.Detect(number));
        ex.Field.ShouldBe("Number.Type");
        ex.Rule.ShouldContain(number.Value);
        ex.Rule.ShouldContain(where);
        ex.Rule.ShouldContain("give the type, Geographic or Mobile");
        NumberPlan.TryDetect(number, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("+33 4 00 12 34 56")]
    [InlineData("+49 32 12345678")]
    [InlineData("+1 211 234 5678")]
    public void Detect_NumberTheMetadataDoesNotKnow_ThrowsNamingTheNumber(string input)
    {
        var number = PhoneNumber.Parse(input);
        var ex = Should.Throw<BillingRuleException>(() => NumberPlan.Detect(number));
        (ex.Field, ex.Value).ShouldBe(("Number", number.Value));
        ex.Rule.ShouldContain("lies in no range the numbering metadata lists as allocated");
    }

    [Fact]
    public void Detect_DefaultNumber_Throws()
    {
        Should.Throw<BillingRuleException>(() => NumberPlan.Detect(default)).Rule.ShouldContain("default(PhoneNumber)");
        NumberPlan.TryDetect(default, out _).ShouldBeFalse();
        NumberPlan.IsReservedForDrama(default).ShouldBeFalse();
    }

    [Property(MaxTest = 3000)]
    public Property Detect_AnyValidNumber_GivesATypeOrAsksForOne()
    {
        // Over the metadata's examples of every region and type: a valid number is never refused (unless reserved for
        // drama); it gets one type, or, where the metadata can only say fixed line or mobile, Geographic or Mobile is needed.
        return Prop.ForAll(ExampleNumbers.Valid.ToArbitrary(), lib =>
        {
            var number = PhoneNumber.Parse(ExampleNumbers.Util.Format(lib, Lib.PhoneNumberFormat.E164));
            var ambiguous = number.CountryCallingCode != 44 && ExampleNumbers.Util.GetNumberType(lib) == Lib.PhoneNumberType.FIXED_LINE_OR_MOBILE;
            NumberPlan.TryDetect(number, Drama, out var type).ShouldBe(!ambiguous, number.Value);
            if (ambiguous)
            {
                Should.Throw<BillingRuleException>(() => NumberPlan.Detect(number, Drama)).Field.ShouldBe("Number.Type");
            }
            else
            {
                type.ShouldNotBe(NumberType.Other);
            }
        });
    }

    [Fact]
    public void UkCategoryTable_AgreesWithTheMetadataOnEveryValidUkNumber()
    {
        // The platform's table and Google's metadata are independent descriptions of the UK plan. Over random +44 numbers
        // of every length a full UK number can have, each one the metadata calls valid falls in a row of the table, and
        // the row is the range the metadata types it as (fixed line for 01/02, UAN for 03 and 055, premium rate for
        // 084/087/09, …).
        var seen = new HashSet<NumberType>();
        var gen = from length in Gen.Elements(7, 9, 10)
                  from first in Gen.Choose(1, 9)
                  from rest in Gen.Choose(0, 999_999_999)
                  select "+44" + first.ToString(CultureInfo.InvariantCulture)
                         + (rest % (int)Math.Pow(10, length - 1)).ToString(new string('0', length - 1), CultureInfo.InvariantCulture);
        Prop.ForAll(gen.ToArbitrary(), e164 =>
        {
            var lib = ExampleNumbers.Util.Parse(e164, null);
            if (!ExampleNumbers.Util.IsValidNumber(lib))
            {
                return;
            }

            var number = PhoneNumber.Parse(e164);
            var row = UkNumberCategories.Find(number.NationalSignificantNumber).ShouldNotBeNull(number.FormatNational());
            row.MetadataType.ShouldBe(ExampleNumbers.Util.GetNumberType(lib), $"{number.FormatNational()} ({row.Category})");
            seen.Add(row.Category);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20_000));

        // Not vacuous: the random numbers reached every category but the 118 short codes (055, the rarest, ~70 times).
        seen.Count.ShouldBe(10, string.Join(", ", seen));
    }
}
