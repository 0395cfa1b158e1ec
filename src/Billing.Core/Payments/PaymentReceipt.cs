using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Payments;

/// <summary>What <see cref="InvoicePayments.PayAsync"/> did with a payment.</summary>
/// <param name="Payment">The payment transaction in the customer's ledger (the original one when the key was used before).</param>
/// <param name="IsReplay">Whether the key was already in the ledger, so nothing new was recorded.</param>
/// <param name="Allocations">The invoices that received something in this call, oldest first, with the amounts.</param>
/// <param name="Unallocated">Payments received that no invoice needed yet: the customer's credit, applied to the next
/// invoices when they are settled.</param>
public sealed record PaymentReceipt(LedgerTransaction Payment, bool IsReplay, IReadOnlyList<InvoiceAllocation> Allocations, Money Unallocated);
