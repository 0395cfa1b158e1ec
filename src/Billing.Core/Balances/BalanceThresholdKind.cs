using System.Text.Json.Serialization;

namespace Billing.Core.Balances;

/// <summary>What a <see cref="BalanceThreshold"/> measures.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BalanceThresholdKind>))]
public enum BalanceThresholdKind
{
    /// <summary>Postpaid with a credit limit: beyond once the amount owed reaches a percentage of the limit.</summary>
    PercentOfCreditLimit = 1,

    /// <summary>Prepaid: beyond once the available funds fall below an amount.</summary>
    FundsBelow = 2,
}
