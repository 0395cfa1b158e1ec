using System.Text.Json.Serialization;

namespace Billing.Core;

/// <summary>The life-cycle status of a customer or an account.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BillingStatus>))]
public enum BillingStatus
{
    /// <summary>In service: charges are authorised against balance and credit limit.</summary>
    Active = 1,

    /// <summary>Temporarily barred (for example for non-payment): every charge is declined.</summary>
    Suspended = 2,

    /// <summary>Permanently ended: every charge is declined and the entity cannot be reopened.</summary>
    Closed = 3,
}
