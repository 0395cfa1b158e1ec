using Billing.Core.Customers;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Invoicing;

/// <summary>
/// Storage of invoices (see docs/period-charges.md, "Invoices and payments", and docs/storage.md). A customer has at most one
/// invoice per billing period: a second one for the same customer and period start is refused with
/// <see cref="DuplicateEntityException"/> (key <c>Period</c>), which is what lets a billing run resume without invoicing twice.
/// </summary>
/// <remarks>
/// <para>Numbers: <see cref="IssueAsync"/> takes the next number of the issuer's sequence and writes it with the issued invoice in
/// one atomic step, so the numbers of one issuer run 1, 2, 3, … with no gap and no duplicate however many callers issue at once.
/// The issuer of a customer's invoices is its parent customer (the reseller who sells to it, or the platform owner).</para>
/// <para>Only a draft can be deleted (<see cref="InvoiceNumbering.EnsureDeletable"/>): an issued invoice keeps its number for
/// ever and is voided instead.</para>
/// <para>Implementations are safe to call concurrently.</para>
/// </remarks>
public interface IInvoiceRepository : IRepository<Invoice, InvoiceId>
{
    /// <summary>Finds a customer's invoice for the billing period that starts on <paramref name="periodStart"/>.</summary>
    /// <param name="customerId">The customer invoiced.</param>
    /// <param name="periodStart">The first day of the period.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The invoice, whatever its status, or null.</returns>
    ValueTask<Invoice?> FindByPeriodAsync(CustomerId customerId, LocalDate periodStart, CancellationToken cancellationToken = default);

    /// <summary>Lists a customer's invoices, oldest period first.</summary>
    /// <param name="customerId">The customer invoiced.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The invoices, whatever their status, ordered by the start of their period.</returns>
    ValueTask<IReadOnlyList<Invoice>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a stored draft with the next number of <paramref name="issuerId"/>'s sequence (<see cref="InvoiceNumbering.Format"/>):
    /// reads the issuer's last number, asks <see cref="Invoice.Issue"/>, and writes the issued invoice and the issuer's new last
    /// number in one atomic step. When anything fails, nothing is written and no number is used up.
    /// </summary>
    /// <param name="draft">The draft as read from the store, carrying its version.</param>
    /// <param name="issuerId">Whose sequence numbers the invoice: the invoiced customer's parent.</param>
    /// <param name="issuedOn">The day it is issued.</param>
    /// <param name="cancellationToken">Cancels the write before it happens.</param>
    /// <returns>The issued invoice as stored, with the next version.</returns>
    /// <exception cref="ConcurrencyConflictException">The stored version differs, or the invoice no longer exists.</exception>
    /// <exception cref="BillingRuleException">The invoice is not a draft (<c>Invoice.Status</c>).</exception>
    ValueTask<Invoice> IssueAsync(Invoice draft, CustomerId issuerId, LocalDate issuedOn, CancellationToken cancellationToken = default);
}
