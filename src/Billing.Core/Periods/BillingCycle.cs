using System.Text.Json.Serialization;

namespace Billing.Core.Periods;

/// <summary>How a customer's time is cut into billing periods (see <c>docs/billing-periods.md</c>).</summary>
/// <remarks>
/// The month-based cycles come in pairs: the plain name (<see cref="Monthly"/>, <see cref="Quarterly"/>, <see cref="HalfYearly"/>,
/// <see cref="Yearly"/>) is aligned to the calendar and starts its periods on the 1st; the <c>…Anniversary</c> name repeats the
/// anchor's day of month, with the calendar's <see cref="MonthEndPolicy"/> for days some months do not have.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<BillingCycle>))]
public enum BillingCycle
{
    /// <summary>Each calendar day is a period.</summary>
    Daily = 1,

    /// <summary>Monday through Sunday; the first period runs from the anchor to the next Sunday.</summary>
    Weekly = 2,

    /// <summary>The 1st–15th and the 16th–last day of each month.</summary>
    SemiMonthly = 3,

    /// <summary>The 1st to the last day of each month.</summary>
    Monthly = 4,

    /// <summary>
    /// From day N of a month to day N−1 of the next, N being the anchor's day of month. For anchors on the 29th, 30th or 31st
    /// the <see cref="MonthEndPolicy"/> decides: under <see cref="MonthEndPolicy.ClampTo28"/> (the default) the first period
    /// ends on the 27th of the following month and every later one runs from the 28th to the 27th; under
    /// <see cref="MonthEndPolicy.LastDayOfMonth"/> periods start on day N, or on the last day of a month too short for it.
    /// </summary>
    MonthlyAnniversary = 5,

    /// <summary>Consecutive blocks of exactly 30 days from the anchor.</summary>
    ThirtyDays = 6,

    /// <summary>Calendar quarters: 1 January, 1 April, 1 July and 1 October start the periods; the first runs from the anchor
    /// to the next of them.</summary>
    Quarterly = 7,

    /// <summary>Every three months from the anchor, on the anchor's day of month, with the <see cref="MonthEndPolicy"/> as for
    /// <see cref="MonthlyAnniversary"/>.</summary>
    QuarterlyAnniversary = 8,

    /// <summary>Calendar half-years: 1 January and 1 July start the periods; the first runs from the anchor to the next of them.</summary>
    HalfYearly = 9,

    /// <summary>Every six months from the anchor, on the anchor's day of month, with the <see cref="MonthEndPolicy"/> as for
    /// <see cref="MonthlyAnniversary"/>.</summary>
    HalfYearlyAnniversary = 10,

    /// <summary>Calendar years: 1 January starts the periods; the first runs from the anchor to the next 1 January.</summary>
    Yearly = 11,

    /// <summary>Every twelve months from the anchor, on the anchor's day of month, with the <see cref="MonthEndPolicy"/> as for
    /// <see cref="MonthlyAnniversary"/> (an anchor on 29 February bills on 28 February in common years under either policy,
    /// and on 29 February in leap years only under <see cref="MonthEndPolicy.LastDayOfMonth"/>).</summary>
    YearlyAnniversary = 12,
}
