using System.Globalization;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using NodaTime;
using static Billing.Core.Tests.Invoicing.InvoiceFixtures;

namespace Billing.Core.Tests.Invoicing;

/// <summary>The rules of invoice numbers every store applies (docs/period-charges.md, "Invoice numbers"): the text of the n-th number,
/// and that only a draft may be deleted.</summary>
public class InvoiceNumberingTests
{
    private static readonly LocalDate Due = new(2026, 5, 30);

    [Theory]
    [InlineData(1L, "1")]
    [InlineData(2L, "2")]
    [InlineData(10L, "10")]
    [InlineData(1234567890123L, "1234567890123")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Format_IsTheNumberInDecimalDigits(long sequence, string expected)
        => InvoiceNumbering.Format(sequence).ShouldBe(expected);

    [Fact]
    public void Format_WritesInvariantDigitsWhateverTheCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // Cultures with their own digits (Arabic-Indic, Persian, Devanagari, Thai) and group separators.
            foreach (var name in new[] { "ar-SA", "fa-IR", "hi-IN", "th-TH", "de-CH", "fr-FR" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
                InvoiceNumbering.Format(1234567890123).ShouldBe("1234567890123");
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void Format_BelowOne_IsRefusedNamingTheNumber(long sequence, string value)
    {
        var thrown = Should.Throw<BillingRuleException>(() => InvoiceNumbering.Format(sequence));

        thrown.Field.ShouldBe("Invoice.Number");
        thrown.Value.ShouldBe(value);
        thrown.Rule.ShouldContain("starts at 1");
    }

    [Fact]
    public void EnsureDeletable_Draft_Passes()
        => Should.NotThrow(() => InvoiceNumbering.EnsureDeletable(Draft("I-1", 10m)));

    [Theory]
    [InlineData("issued", "Issued")]
    [InlineData("partly paid", "PartlyPaid")]
    [InlineData("paid", "Paid")]
    [InlineData("void draft", "Void")]
    [InlineData("void issued", "Void")]
    public void EnsureDeletable_NotADraft_IsRefusedNamingTheStatus(string state, string status)
    {
        var invoice = state switch
        {
            "issued" => Issued("7", 10m, Due, id: "I-1"),
            "partly paid" => Issued("7", 10m, Due, paid: 4m, id: "I-1"),
            "paid" => Issued("7", 10m, Due, paid: 10m, id: "I-1"),
            "void draft" => Draft("I-1", 10m).Void(),
            _ => Issued("7", 10m, Due, id: "I-1").Void(),
        };
        invoice.Status.ToString().ShouldBe(status);

        var thrown = Should.Throw<BillingRuleException>(() => InvoiceNumbering.EnsureDeletable(invoice));

        thrown.Field.ShouldBe("Invoice.Status");
        thrown.Value.ShouldBe(status);
        thrown.Rule.ShouldContain("only a draft can be deleted");
        thrown.Rule.ShouldContain($"invoice I-1 is {status}");
        thrown.Rule.ShouldContain("void it instead");
        if (state != "void draft")
        {
            thrown.Rule.ShouldContain("with number 7");
        }
        else
        {
            thrown.Rule.ShouldContain("invoice I-1 is Void, and"); // a draft voided before issue has no number to name
        }
    }

    [Fact]
    public void EnsureDeletable_Null_IsAnArgumentError()
        => Should.Throw<ArgumentNullException>(() => InvoiceNumbering.EnsureDeletable(null!)).ParamName.ShouldBe("stored");
}
