using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Storage;

namespace Billing.Core.Accounts;

/// <summary>
/// The stored fields of an <see cref="Account"/>: made by <see cref="Account.ToSnapshot"/>, turned back into an account by
/// <see cref="Account.Restore"/>. For storage implementations and serialisers; see docs/storage.md, "Snapshots and restore".
/// </summary>
/// <remarks>
/// Immutable (init-only) and thread-safe. Two snapshots are equal when every member is equal; <see cref="Features"/> is compared
/// item by item, in order (the list given is copied).
/// </remarks>
public sealed record AccountSnapshot
{
    private readonly ValueList<FeatureSnapshot>? _features = ValueList<FeatureSnapshot>.Empty;

    /// <summary>The account's id.</summary>
    public required AccountId Id { get; init; }

    /// <summary>The customer that owns the account.</summary>
    public required CustomerId OwnerId { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The alias, or null.</summary>
    public string? Alias { get; init; }

    /// <summary>The account's currency.</summary>
    public required Currency Currency { get; init; }

    /// <summary>The account's balance model.</summary>
    public required BalanceModel BalanceModel { get; init; }

    /// <summary>The credit limit of a postpaid account, or null for none.</summary>
    public Money? CreditLimit { get; init; }

    /// <summary>Active, suspended or closed.</summary>
    public required BillingStatus Status { get; init; }

    /// <summary>The custom charges attached to the account, in order; empty unless set.</summary>
    public IReadOnlyList<FeatureSnapshot> Features
    {
        get => _features!;
        init => _features = ValueList<FeatureSnapshot>.From(value);
    }

    /// <summary>The storage version.</summary>
    public required long Version { get; init; }
}
