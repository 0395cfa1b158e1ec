namespace Billing.Core.Charging;

/// <summary>Why a charge was declined (SPEC §3.3).</summary>
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
}
