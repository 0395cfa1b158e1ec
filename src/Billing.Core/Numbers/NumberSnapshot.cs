using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Serialization;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Numbers;

/// <summary>
/// The stored fields of a <see cref="Number"/>: made by <see cref="Number.ToSnapshot"/>, turned back into a number by
/// <see cref="Number.Restore"/>. For storage implementations and serialisers; see docs/storage.md, "Snapshots and restore".
/// </summary>
/// <remarks>
/// Immutable (init-only) and thread-safe. Two snapshots are equal when every member is equal; <see cref="Features"/> is compared
/// item by item, in order (the list given is copied).
/// </remarks>
public sealed record NumberSnapshot
{
    private readonly ValueList<FeatureSnapshot>? _features = ValueList<FeatureSnapshot>.Empty;

    /// <summary>The number's id.</summary>
    public required NumberId Id { get; init; }

    /// <summary>The customer the number belongs to.</summary>
    public required CustomerId OwnerId { get; init; }

    /// <summary>The owner's account the number is billed to, or null for the customer itself.</summary>
    public AccountId? AccountId { get; init; }

    /// <summary>The number in E.164 (store <see cref="PhoneNumber.Value"/>; read it back with <see cref="PhoneNumber.Parse(string)"/>).</summary>
    public required PhoneNumber Value { get; init; }

    /// <summary>The number's type, as stored (not detected again).</summary>
    public required NumberType Type { get; init; }

    /// <summary>The reference to the host's tariff.</summary>
    public required string Tariff { get; init; }

    /// <summary>The currency of the number's features.</summary>
    public required Currency Currency { get; init; }

    /// <summary>The first day the number is billed.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public required LocalDate DateSold { get; init; }

    /// <summary>The last day the number is billed (inclusive), or null while it is in service.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public LocalDate? DateCeased { get; init; }

    /// <summary>The features charged for the number, in order; empty unless set.</summary>
    public IReadOnlyList<FeatureSnapshot> Features
    {
        get => _features!;
        init => _features = ValueList<FeatureSnapshot>.From(value);
    }

    /// <summary>The storage version.</summary>
    public required long Version { get; init; }
}
