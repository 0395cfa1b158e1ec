using System.Text;
using Billing.Core.Customers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

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

    [Theory]
    [InlineData("Acme \uFFFE Ltd", "acme")]
    [InlineData("Acme\uFFFF", "acme")]
    [InlineData("\uFDD0Acme\uFDEF", "acme")]
    [InlineData("Acme \U0001FFFE", "acme")]
    [InlineData("Acme \uD800 Ltd", "acme")]
    public void Normalise_TextNormalisationWouldRefuse_IsComparedAsItIsWithoutThrowing(string name, string expected)
        => CustomerNames.Normalise(name).ShouldBe(expected);

    [Fact]
    public void Normalise_FullWidthAndLigatures_FoldLikeTheirPlainForms()
        => CustomerNames.Normalise("ＡＣＭＥ ﬀ Ltd").ShouldBe(CustomerNames.Normalise("acme ff"));

    /// <summary>Strings of code points from everywhere, noncharacters, lone surrogates and control characters included.</summary>
    internal static Gen<string> AnyText =>
        Gen.Frequency(
                (6, Gen.Choose(0x20, 0x7E)),
                (2, Gen.Choose(0, 0x10FFFF)),
                (2, Gen.Elements(0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF, 0xD800, 0xDFFF, 0x0, 0x85, 0x2028, 0x301, 0xFB00, 0xFF21)))
            .ArrayOf()
            .Select(codePoints =>
            {
                var text = new StringBuilder();
                foreach (var cp in codePoints.Take(40))
                {
                    if (cp is >= 0xD800 and <= 0xDFFF)
                    {
                        text.Append((char)cp);
                    }
                    else
                    {
                        text.Append(char.ConvertFromUtf32(cp));
                    }
                }

                return text.ToString();
            });

    [Property(MaxTest = 2000)]
    public Property Normalise_AnyString_NeverThrows()
        => Prop.ForAll(AnyText.ToArbitrary(), text => CustomerNames.Normalise(text) is not null);

    [Fact]
    public void Normalise_AnyStringTheTextRulesAccept_GivesTheSameKeyAsItsNfkcForm()
        => Prop.ForAll(AnyText.ToArbitrary(), text =>
        {
            string accepted;
            try
            {
                accepted = DomainText.Required(text, "Customer.Name", 200);
            }
            catch (BillingRuleException)
            {
                return true;
            }

            // What validation lets through can always be normalised; the key is that of the normalised text.
            var normalised = accepted.Normalize(NormalizationForm.FormKC);
            return CustomerNames.Normalise(accepted) == CustomerNames.Normalise(normalised);
        });
}
