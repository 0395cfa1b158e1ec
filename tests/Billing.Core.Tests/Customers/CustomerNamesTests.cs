using Billing.Core.Customers;

namespace Billing.Core.Tests.Customers;

public class CustomerNamesTests
{
    [Theory]
    [InlineData("ACME Ltd", "acme")]
    [InlineData("Acme Limited", "acme")]
    [InlineData("acme, inc.", "acme")]
    [InlineData("A.C.M.E. LLC", "acme")]
    [InlineData("Acme GmbH", "acme")]
    [InlineData("  Acme   Widgets  ", "acmewidgets")]
    [InlineData("Acme Holdings Ltd", "acmeholdings")]
    [InlineData("Limited Editions Ltd", "limitededitions")]
    [InlineData("Limited", "limited")]
    [InlineData("O'Brien & Sons", "obriensons")]
    [InlineData("ÉCOLE Ltd", "école")]
    [InlineData("End-Customer", "endcustomer")]
    [InlineData("EndCustomer", "endcustomer")]
    public void Normalise_IgnoresCaseSpacePunctuationAndTrailingSuffixes(string name, string expected)
        => CustomerNames.Normalise(name).ShouldBe(expected);

    [Fact]
    public void Normalise_DifferentWords_StayDifferent()
        => CustomerNames.Normalise("Acme North").ShouldNotBe(CustomerNames.Normalise("Acme South"));
}
