using System.Text.Json.Serialization;

namespace Billing.Core.Balances;

/// <summary>Which way a balance crossed a threshold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ThresholdDirection>))]
public enum ThresholdDirection
{
    /// <summary>The balance went beyond the threshold (the alert to raise).</summary>
    Reached = 1,

    /// <summary>The balance came back from beyond the threshold (after a top-up, payment, credit or a higher limit).</summary>
    Cleared = 2,
}
