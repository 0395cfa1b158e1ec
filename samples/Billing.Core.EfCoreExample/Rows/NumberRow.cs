using Billing.Core.Numbers;

namespace Billing.Core.EfCoreExample.Rows;

/// <summary>A stored telephone number: its snapshot beside its owner, its account and its E.164 text.</summary>
public sealed class NumberRow : AggregateRow
{
    /// <summary>Every stored field of the number, as JSON (the library's <c>BillingJsonContext</c>).</summary>
    public NumberSnapshot Snapshot { get; set; } = null!;

    /// <summary>The owning customer's id. A foreign key.</summary>
    public string OwnerId { get; set; } = null!;

    /// <summary>The account the number is assigned to, or null. A foreign key: an account with numbers cannot be deleted.</summary>
    public string? AccountId { get; set; }

    /// <summary>The number in E.164 (<see cref="PhoneNumber.Value"/>): every record of one number, past and present owners.</summary>
    public string PhoneNumber { get; set; } = null!;
}
