using System.Text.Json.Serialization;

namespace Billing.Core.Periods;

/// <summary>How a customer's time is cut into billing periods (SPEC §2).</summary>
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
    /// From day N of a month to day N−1 of the next, N being the anchor's day of month; for anchors
    /// on the 29th, 30th or 31st the first period ends on the 27th of the following month and every
    /// later one runs from the 28th to the 27th.
    /// </summary>
    MonthlyAnniversary = 5,

    /// <summary>Consecutive blocks of exactly 30 days from the anchor.</summary>
    ThirtyDays = 6,
}
