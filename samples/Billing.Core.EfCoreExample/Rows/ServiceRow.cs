using Billing.Core.Services;

namespace Billing.Core.EfCoreExample.Rows;

/// <summary>A stored service: its snapshot beside its owner.</summary>
public sealed class ServiceRow : AggregateRow
{
    /// <summary>Every stored field of the service, as JSON (the library's <c>BillingJsonContext</c>).</summary>
    public ServiceSnapshot Snapshot { get; set; } = null!;

    /// <summary>The owning customer's id. A foreign key.</summary>
    public string OwnerId { get; set; } = null!;
}
