using System.Text.Json.Serialization;

namespace Billing.Core.Charging;

/// <summary>Why a charge was declined (docs/balances.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeclineReason>))]
public enum DeclineReason
{
    /// <summary>Not declined: the charge was approved.</summary>
    None = 0,

    /// <summary>A prepaid level's available funds minus the charge would be below zero.</summary>
    InsufficientFunds = 1,

    /// <summary>A postpaid level's amount owed plus the charge would exceed its credit limit.</summary>
    CreditLimitExceeded = 2,

    /// <summary>A level is suspended: it declines every charge.</summary>
    Suspended = 3,

    /// <summary>A level is closed: it declines every charge.</summary>
    Closed = 4,

    /// <summary>A level's balance is kept in another currency than the charge's; the host must convert the charge first.</summary>
    CurrencyMismatch = 5,

    /// <summary>
    /// A postpaid level without a credit limit would owe more than <see cref="Monetary.Money.MaxAmount"/>, the most any balance
    /// can hold: the charge cannot be represented, so it is declined rather than written.
    /// </summary>
    BalanceOutOfRange = 6,
}
