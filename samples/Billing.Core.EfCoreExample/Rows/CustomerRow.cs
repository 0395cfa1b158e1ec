using Billing.Core.Customers;

namespace Billing.Core.EfCoreExample.Rows;

/// <summary>A stored customer: its snapshot beside its parent, its class and its name as siblings compare it.</summary>
public sealed class CustomerRow : AggregateRow
{
    /// <summary>Every stored field of the customer, as JSON (the library's <c>BillingJsonContext</c>).</summary>
    public CustomerSnapshot Snapshot { get; set; } = null!;

    /// <summary>The parent customer's id; null for a root. A foreign key: a parent with children cannot be deleted.</summary>
    public string? ParentId { get; set; }

    /// <summary>The customer class's id, or null. A foreign key: a class with customers cannot be deleted.</summary>
    public string? ClassId { get; set; }

    /// <summary>The name after <see cref="CustomerNames.Normalise"/>: unique among siblings.</summary>
    public string NameKey { get; set; } = null!;
}
