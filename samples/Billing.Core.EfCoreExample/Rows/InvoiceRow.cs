using Billing.Core.Invoicing;

namespace Billing.Core.EfCoreExample.Rows;

/// <summary>A stored invoice: its snapshot beside the customer it invoices and the first day of its period.</summary>
public sealed class InvoiceRow : AggregateRow
{
    /// <summary>Every stored field of the invoice, as JSON (the library's <c>BillingJsonContext</c>).</summary>
    public InvoiceSnapshot Snapshot { get; set; } = null!;

    /// <summary>The invoiced customer's id. A foreign key: a customer with invoices cannot be deleted.</summary>
    public string CustomerId { get; set; } = null!;

    /// <summary>The first day of the period, as days since 1970-01-01 (any NodaTime date fits, and the column orders as the dates
    /// do). Unique with <see cref="CustomerId"/>: one invoice per customer and period.</summary>
    public int PeriodStartDay { get; set; }
}
