using System.Text.Json.Serialization;

namespace Billing.Core.Periods;

/// <summary>
/// What an anniversary cycle does with an anchor on a day that some months do not have (the 29th, 30th or 31st).
/// See <c>docs/billing-periods.md</c>, "The month-end policy".
/// </summary>
/// <remarks>Only the anniversary cycles (<see cref="BillingCycle.MonthlyAnniversary"/>, <see cref="BillingCycle.QuarterlyAnniversary"/>,
/// <see cref="BillingCycle.HalfYearlyAnniversary"/>, <see cref="BillingCycle.YearlyAnniversary"/>) read it; the other cycles
/// ignore it.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<MonthEndPolicy>))]
public enum MonthEndPolicy
{
    /// <summary>
    /// The default, as PortaBilling bills: an anchor on the 29th, 30th or 31st bills on the 28th from the second period on, in
    /// every month (anchor 31 January → periods start on 31 Jan, 28 Feb, 28 Mar, 28 Apr, …: 31 Jan–27 Feb, 28 Feb–27 Mar, …).
    /// </summary>
    ClampTo28 = 1,

    /// <summary>
    /// As Stripe, Kill Bill and Lago bill: every period starts on the anchor's day of month, or on the last day of a month too
    /// short for it, and never rolls over into the next month (anchor 31 January → periods start on 31 Jan, 28 Feb (29 in a
    /// leap year), 31 Mar, 30 Apr, 31 May, …: 31 Jan–27 Feb, 28 Feb–30 Mar, 31 Mar–29 Apr, …).
    /// </summary>
    LastDayOfMonth = 2,
}
