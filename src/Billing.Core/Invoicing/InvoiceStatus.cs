using System.Text.Json.Serialization;

namespace Billing.Core.Invoicing;

/// <summary>
/// Where an <see cref="Invoice"/> is in its life (see docs/period-charges.md, "Invoices and payments"): a draft is issued, then paid in
/// one or more payments; a draft, or an issued invoice nothing has been paid on, can be voided.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<InvoiceStatus>))]
public enum InvoiceStatus
{
    /// <summary>Made from a period's charges, not yet numbered or sent; nothing is owed on it yet.</summary>
    Draft = 1,

    /// <summary>Numbered and sent; nothing paid yet, its whole total is outstanding.</summary>
    Issued = 2,

    /// <summary>Issued, and some but not all of its total has been paid.</summary>
    PartlyPaid = 3,

    /// <summary>Issued and fully paid (an invoice with a zero total is paid as soon as it is issued).</summary>
    Paid = 4,

    /// <summary>Cancelled before anything was paid on it; nothing is owed on it.</summary>
    Void = 5,
}
