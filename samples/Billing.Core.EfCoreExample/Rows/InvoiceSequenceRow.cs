namespace Billing.Core.EfCoreExample.Rows;

/// <summary>
/// The last invoice number an issuer gave: its sequence runs 1, 2, 3, … Written in the transaction that issues the invoice, and
/// never deleted (an issued invoice keeps its number for ever), so it has no foreign key to the issuer's customer row.
/// </summary>
public sealed class InvoiceSequenceRow
{
    /// <summary>The issuer's customer id; the primary key.</summary>
    public string IssuerId { get; set; } = null!;

    /// <summary>The last number given, ≥ 1.</summary>
    public long LastNumber { get; set; }
}
