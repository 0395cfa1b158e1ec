using System.Text.Json.Serialization;

namespace Billing.Core.Features;

/// <summary>How a recurring feature is charged for a period it is active in only partly.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Proration>))]
public enum Proration
{
    /// <summary>The default: <c>amount × quantity × activeDays / periodDays</c>, rounded once at the line.</summary>
    ByDay = 1,

    /// <summary>Whole period or nothing: a period the feature is active in at all is charged in full.</summary>
    None = 2,
}
