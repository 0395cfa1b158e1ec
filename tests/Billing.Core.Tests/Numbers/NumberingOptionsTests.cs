using Billing.Core.Customers;
using Billing.Core.Numbers;

namespace Billing.Core.Tests.Numbers;

public class NumberingOptionsTests
{
    [Fact]
    public void Default_ReadsUkInputAndRefusesDramaNumbers()
    {
        NumberingOptions.Default.DefaultCountry.ShouldBe(CountryCode.From("GB"));
        NumberingOptions.Default.AllowDramaNumbers.ShouldBeFalse();
        new NumberingOptions().ShouldBe(NumberingOptions.Default);
    }

    [Fact]
    public void With_ChangesOneOptionAndLeavesTheDefaultAlone()
    {
        var options = NumberingOptions.Default with { DefaultCountry = CountryCode.From("IE"), AllowDramaNumbers = true };
        (options.DefaultCountry.Code, options.AllowDramaNumbers).ShouldBe(("IE", true));
        NumberingOptions.Default.AllowDramaNumbers.ShouldBeFalse();
    }

    [Theory]
    [InlineData("AQ")]
    [InlineData("BV")]
    public void DefaultCountry_WithoutANumberingPlan_ThrowsArgumentException(string country)
        => Should.Throw<ArgumentException>(() => new NumberingOptions { DefaultCountry = CountryCode.From(country) })
            .ParamName.ShouldBe(nameof(NumberingOptions.DefaultCountry));

    [Fact]
    public void DefaultCountry_Default_ThrowsArgumentException()
        => Should.Throw<ArgumentException>(() => new NumberingOptions { DefaultCountry = default });
}
