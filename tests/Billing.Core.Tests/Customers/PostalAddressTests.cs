using Billing.Core.Customers;
using FsCheck.Fluent;

namespace Billing.Core.Tests.Customers;

public class PostalAddressTests
{
    [Fact]
    public void CountryCode_HasEveryAssignedCode()
    {
        CountryCode.All.Count.ShouldBe(249);
        CountryCode.All.Select(c => c.Code).ShouldBeUnique();
        CountryCode.From(" gb ").Code.ShouldBe("GB");
    }

    [Theory]
    [InlineData("UK", "GB")]
    [InlineData("EU", null)]
    [InlineData("XK", null)]
    [InlineData("GBR", null)]
    [InlineData("G", null)]
    [InlineData("1A", null)]
    [InlineData("", null)]
    public void CountryCode_UnassignedOrMalformed_Throws(string code, string? hint)
    {
        var ex = Should.Throw<BillingRuleException>(() => CountryCode.From(code));
        ex.Field.ShouldBe("Address.Country");
        if (hint is not null)
        {
            ex.Rule.ShouldContain(hint);
        }
    }

    [Fact]
    public void Create_TrimsParts_AndTreatsBlankOptionalPartsAsAbsent()
    {
        var a = PostalAddress.Create([" 1 High St ", "Flat 2"], " Leeds ", "gb", region: "  ", postcode: " LS1 1AA ");
        a.Lines.ShouldBe(["1 High St", "Flat 2"]);
        a.City.ShouldBe("Leeds");
        a.Region.ShouldBeNull();
        a.Postcode.ShouldBe("LS1 1AA");
        a.Country.ShouldBe(CountryCode.From("GB"));
        a.ShouldBe(PostalAddress.Create(["1 High St", "Flat 2"], "Leeds", "GB", postcode: "LS1 1AA"));
    }

    [Fact]
    public void Create_NoLines_TooManyLines_OrEmptyCity_Throws()
    {
        Should.Throw<BillingRuleException>(() => PostalAddress.Create([], "Leeds", "GB"));
        Should.Throw<BillingRuleException>(() => PostalAddress.Create(["1", "2", "3", "4", "5"], "Leeds", "GB"));
        Should.Throw<BillingRuleException>(() => PostalAddress.Create(["1"], " ", "GB"));
        Should.Throw<BillingRuleException>(() => PostalAddress.Create([" "], "Leeds", "GB"));
        Should.Throw<BillingRuleException>(() => PostalAddress.Create(["1"], "Leeds", "GB", postcode: new string('9', 21)));
    }

    [Fact]
    public void Create_FuzzedInput_ThrowsOnlyDocumentedExceptions()
    {
        var gen = from a in Fuzz.Strings from b in Fuzz.Strings from c in Fuzz.Strings select (a, b, c);
        Fuzz.Check(gen, x => PostalAddress.Create([x.a!, x.b!], x.b!, x.c!, x.a, x.c));
        Fuzz.Check(Fuzz.Strings, s => CountryCode.From(s!));
        Fuzz.Check(Fuzz.Strings, s => CustomerNames.Normalise(s!));
    }
}
