using Billing.Core.Invoicing;
using Billing.Core.Monetary;

namespace Billing.Core.Payments;

/// <summary>What <see cref="InvoicePayments.SettleAsync"/> applied to a customer's invoices.</summary>
/// <param name="Allocations">The invoices that received something, oldest first, with the amounts; empty when nothing was
/// unallocated or nothing was unpaid.</param>
/// <param name="Unallocated">Payments received that no invoice needed: the customer's credit.</param>
public sealed record PaymentSettlement(IReadOnlyList<InvoiceAllocation> Allocations, Money Unallocated);
