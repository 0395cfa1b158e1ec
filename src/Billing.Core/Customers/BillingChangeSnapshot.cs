using System.Text.Json.Serialization;
using Billing.Core.Periods;
using Billing.Core.Serialization;
using NodaTime;

namespace Billing.Core.Customers;

/// <summary>
/// One stored change of a customer's billing calendar (<see cref="Customer.ScheduleBillingChange"/>): the day it was requested and
/// the calendar in force from the day it takes effect. <see cref="Customer.Restore"/> replays the changes in order, so the
/// restored <see cref="Customer.Schedule"/> is the one stored.
/// </summary>
/// <remarks>Immutable (init-only) and thread-safe; equal when every member is equal.</remarks>
public sealed record BillingChangeSnapshot
{
    /// <summary>The day the change was requested.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public required LocalDate RequestedOn { get; init; }

    /// <summary>The first day of the first period under the new calendar (the end of the period containing
    /// <see cref="RequestedOn"/>). Derived, and checked on restore: a stored value that the replay does not give is refused.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public required LocalDate EffectiveFrom { get; init; }

    /// <summary>The cycle from <see cref="EffectiveFrom"/> on.</summary>
    public required BillingCycle BillingCycle { get; init; }

    /// <summary>The anchor the new periods are laid out from.</summary>
    [JsonConverter(typeof(LocalDateJsonConverter))]
    public required LocalDate BillingCycleAnchor { get; init; }

    /// <summary>The month-end policy from <see cref="EffectiveFrom"/> on.</summary>
    public required MonthEndPolicy MonthEndPolicy { get; init; }

    /// <summary>The billing time zone from <see cref="EffectiveFrom"/> on.</summary>
    [JsonConverter(typeof(DateTimeZoneJsonConverter))]
    public required DateTimeZone BillingTimeZone { get; init; }
}
