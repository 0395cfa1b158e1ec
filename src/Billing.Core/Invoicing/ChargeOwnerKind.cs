using System.Text.Json.Serialization;

namespace Billing.Core.Invoicing;

/// <summary>What a charged feature is attached to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChargeOwnerKind>))]
public enum ChargeOwnerKind
{
    /// <summary>An account: the feature is one of its custom charges.</summary>
    Account = 1,

    /// <summary>A telephone number (for example its line rental).</summary>
    Number = 2,

    /// <summary>A service (hosting, a support contract, a licence, a rental).</summary>
    Service = 3,
}
