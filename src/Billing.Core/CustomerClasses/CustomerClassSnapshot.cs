using System.Text.Json.Serialization;
using Billing.Core.Monetary;
using Billing.Core.Serialization;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.CustomerClasses;

/// <summary>
/// The stored fields of a <see cref="CustomerClass"/>: made by <see cref="CustomerClass.ToSnapshot"/>, turned back into a class by
/// <see cref="CustomerClass.Restore"/>. For storage implementations and serialisers; see docs/storage.md, "Snapshots and restore".
/// </summary>
/// <remarks>
/// Immutable (init-only) and thread-safe. Two snapshots are equal when every member is equal; <see cref="CustomFields"/> is
/// compared item by item, in order (the list given is copied).
/// </remarks>
public sealed record CustomerClassSnapshot
{
    private readonly ValueList<CustomFieldDefinition>? _customFields = ValueList<CustomFieldDefinition>.Empty;

    /// <summary>The class's id.</summary>
    public required CustomerClassId Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>A description, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The administrator or the reseller that manages the class.</summary>
    public required ClassManager ManagedBy { get; init; }

    /// <summary>The host-chosen business-model code, or null.</summary>
    public string? BusinessModel { get; init; }

    /// <summary>The only currency the class's customers may be billed in, or null when it fits any.</summary>
    public Currency? Currency { get; init; }

    /// <summary>Whether invoices are produced for the class's customers.</summary>
    public required bool InvoicesEnabled { get; init; }

    /// <summary>Whether usage records are archived.</summary>
    public required bool ArchiveUsageRecords { get; init; }

    /// <summary>The taxation applied to net charges.</summary>
    public required Taxation Taxation { get; init; }

    /// <summary>Days after an invoice's due date before an unpaid customer is due for suspension.</summary>
    public required int GracePeriodDays { get; init; }

    /// <summary>How long after a period ends it is closed for billing; zero unless set (so a snapshot stored before the delay
    /// existed has none).</summary>
    [JsonConverter(typeof(DurationJsonConverter))]
    public Duration ClosingDelay { get; init; }

    /// <summary>An opaque reference to the host's invoice template, or null.</summary>
    public string? InvoiceTemplate { get; init; }

    /// <summary>An opaque reference to the host's notification list, or null.</summary>
    public string? NotificationList { get; init; }

    /// <summary>The custom field definitions, in order; empty unless set.</summary>
    public IReadOnlyList<CustomFieldDefinition> CustomFields
    {
        get => _customFields!;
        init => _customFields = ValueList<CustomFieldDefinition>.From(value);
    }

    /// <summary>The storage version.</summary>
    public required long Version { get; init; }
}
