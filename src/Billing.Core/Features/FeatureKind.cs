using System.Text.Json.Serialization;

namespace Billing.Core.Features;

/// <summary>When a feature is charged.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureKind>))]
public enum FeatureKind
{
    /// <summary>Charged for each billing period it is active in; the amount is the price of one full period.</summary>
    Recurring = 1,

    /// <summary>Charged once, in the period that contains its charge date (<see cref="Feature.StartDate"/>).</summary>
    OneOff = 2,
}
