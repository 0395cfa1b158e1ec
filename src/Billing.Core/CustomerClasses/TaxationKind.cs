using System.Text.Json.Serialization;

namespace Billing.Core.CustomerClasses;

/// <summary>How tax is applied to the net charges of a class's customers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaxationKind>))]
public enum TaxationKind
{
    /// <summary>No tax.</summary>
    None = 0,

    /// <summary>A flat percentage added to net charges.</summary>
    FlatPercentage = 1,
}
