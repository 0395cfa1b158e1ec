using System.Text.Json.Serialization;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Serialization;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Invoicing;

/// <summary>
/// The stored fields of an <see cref="Invoice"/>: made by <see cref="Invoice.ToSnapshot"/>, turned back into an invoice by
/// <see cref="Invoice.Restore"/>. For storage implementations and serialisers; see docs/storage.md, "Snapshots and restore".
/// </summary>
/// <remarks>
/// Immutable (init-only) and thread-safe. Two snapshots are equal when every member is equal; <see cref="Lines"/> is compared
/// item by item, in order (the list given is copied).
/// </remarks>
public sealed record InvoiceSnapshot
{
    private readonly ValueList<InvoiceLine>? _lines = ValueList<InvoiceLine>.Empty;

    /// <summary>The invoice's id.</summary>
    public required InvoiceId Id { get; init; }

    /// <summary>The customer invoiced.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>The billing period invoiced.</summary>
    public required BillingPeriod Period { get; init; }

    /// <summary>The currency of every amount.</summary>
    public required Currency Currency { get; init; }

    /// <summary>The lines, in order; empty unless set.</summary>
    public IReadOnlyList<InvoiceLine> Lines
    {
        get => _lines!;
        init => _lines = ValueList<InvoiceLine>.From(value);
    }

    /// <summary>The sum of the lines' amounts.</summary>
    public required Money Subtotal { get; init; }

    /// <summary>The tax on the subtotal.</summary>
    public required Money Tax { get; init; }

    /// <summary>The subtotal plus the tax.</summary>
    public required Money Total { get; init; }

    /// <summary>The date by which the invoice is to be paid.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public required LocalDate DueDate { get; init; }

    /// <summary>Where the invoice is in its life.</summary>
    public required InvoiceStatus Status { get; init; }

    /// <summary>The invoice number, or null while it has none (a draft, or a draft that was voided).</summary>
    public string? Number { get; init; }

    /// <summary>The day the invoice was issued, or null while it has none.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public LocalDate? IssuedOn { get; init; }

    /// <summary>Who issued the invoice (whose sequence the number comes from); null while it has no number, and in an invoice
    /// stored before issuers were recorded.</summary>
    public CustomerId? IssuerId { get; init; }

    /// <summary>What has been paid on the invoice so far.</summary>
    public required Money AmountPaid { get; init; }

    /// <summary>The storage version.</summary>
    public required long Version { get; init; }
}
