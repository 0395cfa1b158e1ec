using System.Text.Json.Serialization;
using Billing.Core.Monetary;

namespace Billing.Core.Invoicing;

/// <summary>What one invoice received from a payment (<see cref="PaymentAllocation.Allocate"/>), and the invoice after it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<InvoiceAllocation>))]
public sealed class InvoiceAllocation
{
    internal InvoiceAllocation(Invoice invoice, Money amount)
    {
        Invoice = invoice;
        Amount = amount;
    }

    /// <summary>The invoice with <see cref="Amount"/> applied (<see cref="InvoiceStatus.PartlyPaid"/> or <see cref="InvoiceStatus.Paid"/>);
    /// store it in place of the one given.</summary>
    public Invoice Invoice { get; }

    /// <summary>What the invoice received: more than zero, at most what was outstanding on it.</summary>
    public Money Amount { get; }

    /// <summary>E.g. <c>INV-2026-0001: 40.00 GBP</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Invoice.Number}: {Amount}";
}
