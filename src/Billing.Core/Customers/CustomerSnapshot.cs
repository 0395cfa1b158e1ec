using System.Text.Json.Serialization;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Serialization;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Customers;

/// <summary>
/// The stored fields of a <see cref="Customer"/>: made by <see cref="Customer.ToSnapshot"/>, turned back into a customer by
/// <see cref="Customer.Restore"/>. For storage implementations and serialisers; see docs/storage.md, "Snapshots and restore".
/// </summary>
/// <remarks>
/// Immutable (init-only) and thread-safe. Two snapshots are equal when every member is equal; <see cref="CustomData"/> is
/// compared entry by entry (the dictionary given is copied, keyed ordinally and enumerated in key order), and
/// <see cref="BillingChanges"/> item by item, in order.
/// </remarks>
public sealed record CustomerSnapshot
{
    private readonly ValueDictionary<CustomFieldValue>? _customData = ValueDictionary<CustomFieldValue>.Empty;
    private readonly ValueList<BillingChangeSnapshot>? _billingChanges = ValueList<BillingChangeSnapshot>.Empty;

    /// <summary>The customer's id.</summary>
    public required CustomerId Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The e-mail address.</summary>
    public required string Email { get; init; }

    /// <summary>The billing address.</summary>
    public required PostalAddress BillingAddress { get; init; }

    /// <summary>The parent customer, or null for a root.</summary>
    public CustomerId? ParentId { get; init; }

    /// <summary>The customer class, or null.</summary>
    public CustomerClassId? ClassId { get; init; }

    /// <summary>The billing cycle.</summary>
    public required BillingCycle BillingCycle { get; init; }

    /// <summary>The billing time zone, a tzdb zone (store its <see cref="DateTimeZone.Id"/>; read it back from <see cref="DateTimeZoneProviders.Tzdb"/>).</summary>
    [JsonConverter(typeof(DateTimeZoneJsonConverter))]
    public required DateTimeZone BillingTimeZone { get; init; }

    /// <summary>The billing cycle's anchor: the first day of the first billing period.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public required LocalDate BillingCycleAnchor { get; init; }

    /// <summary>The month-end policy the customer was created with; <see cref="MonthEndPolicy.ClampTo28"/> unless set (so a
    /// snapshot stored before the policy existed keeps its old rule).</summary>
    public MonthEndPolicy MonthEndPolicy { get; init; } = MonthEndPolicy.ClampTo28;

    /// <summary>The changes of cycle, anchor, month-end policy or time zone recorded on the customer, oldest first; empty unless
    /// set. See <see cref="Customer.Schedule"/>.</summary>
    public IReadOnlyList<BillingChangeSnapshot> BillingChanges
    {
        get => _billingChanges!;
        init => _billingChanges = ValueList<BillingChangeSnapshot>.From(value);
    }

    /// <summary>Prepaid or postpaid.</summary>
    public required BalanceModel BalanceModel { get; init; }

    /// <summary>The currency the customer is billed in.</summary>
    public required Currency Currency { get; init; }

    /// <summary>The credit limit of a postpaid customer, or null for no limit.</summary>
    public Money? CreditLimit { get; init; }

    /// <summary>Days from invoice date to due date.</summary>
    public required int PaymentTermsDays { get; init; }

    /// <summary>The BCP 47 language tag.</summary>
    public required string Language { get; init; }

    /// <summary>Active, suspended or closed.</summary>
    public required BillingStatus Status { get; init; }

    /// <summary>Values for the custom fields of the customer's class, by field name; empty unless set.</summary>
    public IReadOnlyDictionary<string, CustomFieldValue> CustomData
    {
        get => _customData!;
        init => _customData = ValueDictionary<CustomFieldValue>.From(value);
    }

    /// <summary>The storage version.</summary>
    public required long Version { get; init; }
}
