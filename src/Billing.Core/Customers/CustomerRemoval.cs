using System.Text.Json.Serialization;

namespace Billing.Core.Customers;

/// <summary>What may be done with a customer that is to be removed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CustomerRemoval>))]
public enum CustomerRemoval
{
    /// <summary>The customer has no sub-customers, a zero balance and no account with a non-zero balance: it may be deleted.</summary>
    Delete = 1,

    /// <summary>The customer may only be closed; <see cref="CustomerRemovalDecision.Reasons"/> says why.</summary>
    CloseOnly = 2,
}
