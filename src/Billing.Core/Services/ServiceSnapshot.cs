using System.Text.Json.Serialization;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Serialization;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Services;

/// <summary>
/// The stored fields of a <see cref="Service"/>: made by <see cref="Service.ToSnapshot"/>, turned back into a service by
/// <see cref="Service.Restore"/>. For storage implementations and serialisers; see docs/storage.md, "Snapshots and restore".
/// </summary>
/// <remarks>
/// Immutable (init-only) and thread-safe. Two snapshots are equal when every member is equal; <see cref="Features"/> is compared
/// item by item, in order (the list given is copied).
/// </remarks>
public sealed record ServiceSnapshot
{
    private readonly ValueList<FeatureSnapshot>? _features = ValueList<FeatureSnapshot>.Empty;

    /// <summary>The service's id.</summary>
    public required ServiceId Id { get; init; }

    /// <summary>The customer the service is billed to.</summary>
    public required CustomerId OwnerId { get; init; }

    /// <summary>The host-defined service type code.</summary>
    public required string ServiceType { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>A description, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The currency of the service's features.</summary>
    public required Currency Currency { get; init; }

    /// <summary>The first day of the service.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public required LocalDate StartDate { get; init; }

    /// <summary>The last day of the service (inclusive), or null while it runs.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public LocalDate? EndDate { get; init; }

    /// <summary>The features charged for the service, in order; empty unless set.</summary>
    public IReadOnlyList<FeatureSnapshot> Features
    {
        get => _features!;
        init => _features = ValueList<FeatureSnapshot>.From(value);
    }

    /// <summary>The storage version.</summary>
    public required long Version { get; init; }
}
