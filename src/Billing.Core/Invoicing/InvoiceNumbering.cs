using System.Globalization;

namespace Billing.Core.Invoicing;

/// <summary>
/// The rules of invoice numbers that every store applies the same way (see docs/period-charges.md, "Invoice numbers"): the
/// text of the n-th number of an issuer's sequence, and that an invoice with a number is never deleted, so no number is reused or
/// skipped.
/// </summary>
public static class InvoiceNumbering
{
    /// <summary>The text of the <paramref name="sequence"/>-th number of an issuer's sequence: the number in invariant decimal
    /// digits, <c>1</c>, <c>2</c>, … Hosts add a prefix or padding when they print an invoice.</summary>
    /// <param name="sequence">The position in the sequence, ≥ 1.</param>
    /// <returns>The invoice number.</returns>
    /// <exception cref="BillingRuleException"><paramref name="sequence"/> is less than 1.</exception>
    public static string Format(long sequence)
    {
        Guard.Rule(sequence >= 1, "Invoice.Number", sequence, "an issuer's sequence starts at 1");
        return sequence.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Checks that a stored invoice may be deleted: only a draft may, since an issued invoice keeps its number (void it
    /// instead).</summary>
    /// <param name="stored">The invoice as stored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stored"/> is null.</exception>
    /// <exception cref="BillingRuleException">The invoice has been issued (<c>Invoice.Status</c>).</exception>
    public static void EnsureDeletable(Invoice stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Guard.Rule(
            stored.Status == InvoiceStatus.Draft,
            "Invoice.Status",
            stored.Status,
            $"only a draft can be deleted; invoice {stored.Id} is {stored.Status}{(stored.Number is null ? string.Empty : " with number " + stored.Number)}, and an invoice once issued keeps its number (void it instead)");
    }
}
