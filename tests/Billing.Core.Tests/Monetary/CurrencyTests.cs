using System.Text.Json;
using Billing.Core.Monetary;

namespace Billing.Core.Tests.Monetary;

public class CurrencyTests
{
    [Theory]
    [InlineData("GBP", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("ISK", 0)]
    [InlineData("UYW", 4)]
    public void FromCode_KnownCode_HasItsIsoMinorUnitDigits(string code, int digits)
        => Currency.FromCode(code).MinorUnitDigits.ShouldBe(digits);

    [Theory]
    [InlineData(" gbp ", "GBP")]
    [InlineData("Eur", "EUR")]
    public void FromCode_IgnoresCaseAndSurroundingWhiteSpace(string input, string code)
        => Currency.FromCode(input).Code.ShouldBe(code);

    [Fact]
    public void MinorUnit_IsOneUnitOfTheLastDigit()
    {
        Currency.GBP.MinorUnit.ShouldBe(0.01m);
        Currency.JPY.MinorUnit.ShouldBe(1m);
        Currency.BHD.MinorUnit.ShouldBe(0.001m);
    }

    [Theory]
    [InlineData("XYZ", "not an ISO 4217 currency code")]
    [InlineData("GB", "three letters")]
    [InlineData("GBPX", "three letters")]
    [InlineData("", "three letters")]
    [InlineData("G1P", "three letters")]
    public void FromCode_BadCode_IsRefusedNamingTheValue(string code, string rule)
    {
        var ex = Should.Throw<BillingRuleException>(() => Currency.FromCode(code));
        ex.Field.ShouldBe("Currency");
        ex.Value.ShouldBe(code);
        ex.Message.ShouldContain($"'{code}'");
        ex.Message.ShouldContain(rule);
    }

    [Fact]
    public void FromCode_Null_ThrowsArgumentNull()
        => Should.Throw<ArgumentNullException>(() => Currency.FromCode(null!));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ZZZ")]
    public void TryParse_BadCode_ReturnsFalse(string? code)
        => Currency.TryParse(code, null, out _).ShouldBeFalse();

    [Fact]
    public void All_HoldsEveryActiveCodeOnceInOrder()
    {
        var codes = Currency.All.Select(c => c.Code).ToArray();
        codes.ShouldBe(codes.Order(StringComparer.Ordinal).ToArray());
        codes.Distinct().Count().ShouldBe(codes.Length);
        codes.ShouldContain("GBP");
        codes.ShouldContain("XAF");
        codes.Length.ShouldBeGreaterThan(150);
        codes.ShouldAllBe(c => c.Length == 3 && c.All(char.IsAsciiLetterUpper));
    }

    [Fact]
    public void Json_RoundTripsAsTheCode()
    {
        var json = JsonSerializer.Serialize(Currency.BHD);
        json.ShouldBe("\"BHD\"");
        JsonSerializer.Deserialize<Currency>(json).ShouldBe(Currency.BHD);
    }

    [Fact]
    public void Json_UnknownCode_ThrowsJsonException()
        => Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Currency>("\"QQQ\""));

    [Fact]
    public void Default_IsNotEqualToAnyRealCurrency()
        => Currency.All.ShouldNotContain(default(Currency));

    [Fact]
    public void Default_HasAnEmptyCodeAndAHashCode()
    {
        default(Currency).Code.ShouldBeEmpty();
        default(Currency).ToString().ShouldBeEmpty();
        default(Currency).IsDefault.ShouldBeTrue();
        default(Currency).GetHashCode().ShouldBe(default(Currency).GetHashCode());
    }

    [Fact]
    public void GetHashCode_IsEqualForEqualCurrenciesAndTellsCurrenciesApart()
    {
        Currency.FromCode(" gbp ").GetHashCode().ShouldBe(Currency.GBP.GetHashCode());
        Currency.All.Select(c => c.GetHashCode()).Distinct().Count().ShouldBeGreaterThan(Currency.All.Count / 2);
    }

    [Theory]
    [InlineData("GBP", 2)]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("BHD", 3)]
    public void NamedCurrencies_AreTheOnesOfTheirCode(string code, int digits)
    {
        var named = typeof(Currency).GetProperty(code)!.GetValue(null).ShouldBeOfType<Currency>();

        named.Code.ShouldBe(code);
        named.MinorUnitDigits.ShouldBe(digits);
        named.ShouldBe(Currency.FromCode(code));
    }

    [Fact]
    public void EqualsObject_IsTrueOnlyForTheSameCurrency()
    {
        Currency.GBP.Equals((object)Currency.FromCode("gbp")).ShouldBeTrue();
        Currency.GBP.Equals((object)Currency.EUR).ShouldBeFalse();
        Currency.GBP.Equals((object)"GBP").ShouldBeFalse();
        Currency.GBP.Equals(null).ShouldBeFalse();
    }

    [Fact]
    public void Parse_Null_IsAnArgumentErrorNamingIt()
        => Should.Throw<ArgumentNullException>(() => Currency.Parse(null!)).ParamName.ShouldBe("s");

    [Fact]
    public void Json_NotAString_ThrowsJsonExceptionNamingTheToken()
        => Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Currency>("12")).Message.ShouldContain("Currency must be a JSON string, found Number");

    [Fact]
    public void Json_WriteToNoWriter_IsAnArgumentError()
        => Should.Throw<ArgumentNullException>(() => new CurrencyJsonConverter().Write(null!, Currency.GBP, JsonSerializerOptions.Default))
            .ParamName.ShouldBe("writer");
}
