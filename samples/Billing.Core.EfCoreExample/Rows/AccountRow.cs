using Billing.Core.Accounts;

namespace Billing.Core.EfCoreExample.Rows;

/// <summary>A stored account: its snapshot beside its owner and its alias as aliases compare.</summary>
public sealed class AccountRow : AggregateRow
{
    /// <summary>Every stored field of the account, as JSON (the library's <c>BillingJsonContext</c>).</summary>
    public AccountSnapshot Snapshot { get; set; } = null!;

    /// <summary>The owning customer's id. A foreign key: an owner with accounts cannot be deleted.</summary>
    public string OwnerId { get; set; } = null!;

    /// <summary>The alias in upper case (invariant), or null: unique across all accounts.</summary>
    public string? AliasKey { get; set; }
}
