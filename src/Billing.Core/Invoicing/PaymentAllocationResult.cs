using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Billing.Core.Monetary;

namespace Billing.Core.Invoicing;

/// <summary>
/// The answer of <see cref="PaymentAllocation.Allocate"/>: what each invoice received, oldest first, and the remainder no invoice
/// needed. The parts always add up exactly to the payment: Σ <see cref="InvoiceAllocation.Amount"/> + <see cref="Remainder"/> =
/// <see cref="Payment"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<PaymentAllocationResult>))]
public sealed class PaymentAllocationResult
{
    internal PaymentAllocationResult(Money payment, ImmutableArray<InvoiceAllocation> allocations, Money remainder)
    {
        Payment = payment;
        Allocations = allocations;
        Remainder = remainder;
    }

    /// <summary>The payment allocated.</summary>
    public Money Payment { get; }

    /// <summary>The invoices that received something, in the order they received it (oldest first); empty when none was unpaid.
    /// Every one but the last is fully paid by it.</summary>
    public ImmutableArray<InvoiceAllocation> Allocations { get; }

    /// <summary>What no invoice needed (zero or more): the customer's credit, for the host to keep or refund.</summary>
    public Money Remainder { get; }

    /// <summary>What the invoices received in all: <see cref="Payment"/> − <see cref="Remainder"/>.</summary>
    public Money Applied => Payment - Remainder;

    /// <inheritdoc />
    public override string ToString() => $"Payment {Payment}: {Allocations.Length} invoice(s) paid {Applied}, remainder {Remainder}";
}
