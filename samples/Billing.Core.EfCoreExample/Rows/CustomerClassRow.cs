using Billing.Core.CustomerClasses;

namespace Billing.Core.EfCoreExample.Rows;

/// <summary>A stored customer class: its snapshot beside its manager and its name as classes compare it.</summary>
public sealed class CustomerClassRow : AggregateRow
{
    /// <summary>Every stored field of the customer class, as JSON (the library's <c>BillingJsonContext</c>).</summary>
    public CustomerClassSnapshot Snapshot { get; set; } = null!;

    /// <summary>The managing reseller's id; null for the administrator.</summary>
    public string? ManagerId { get; set; }

    /// <summary>The name ignoring case and spacing: unique per manager.</summary>
    public string NameKey { get; set; } = null!;
}
