using System.Text.Json.Serialization;
using Billing.Core.Monetary;
using Billing.Core.Serialization;
using NodaTime;

namespace Billing.Core.Features;

/// <summary>
/// The stored fields of a <see cref="Feature"/>, as its owner's snapshot holds them: made by <see cref="Feature.ToSnapshot"/>,
/// turned back into a feature by <see cref="Feature.Restore"/>. For storage implementations and serialisers; see
/// docs/storage.md, "Snapshots and restore".
/// </summary>
/// <remarks>Immutable (init-only) and thread-safe; equal when every member is equal.</remarks>
public sealed record FeatureSnapshot
{
    /// <summary>The feature's id, unique within its owner.</summary>
    public required FeatureId Id { get; init; }

    /// <summary>The name shown on invoices.</summary>
    public required string Name { get; init; }

    /// <summary>The price of one unit (for a recurring feature, of one full billing period), in the owner's currency.</summary>
    public required Money UnitAmount { get; init; }

    /// <summary>How many units are charged.</summary>
    public required int Quantity { get; init; }

    /// <summary>Recurring or one-off.</summary>
    public required FeatureKind Kind { get; init; }

    /// <summary>The first day charged; for a one-off feature, its charge date.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public required LocalDate StartDate { get; init; }

    /// <summary>The last day charged (inclusive) of a recurring feature, or null when open-ended; always null for a one-off.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public LocalDate? EndDate { get; init; }

    /// <summary>How a partly active period is charged.</summary>
    public required Proration Proration { get; init; }
}
