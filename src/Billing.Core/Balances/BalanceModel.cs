using System.Text.Json.Serialization;

namespace Billing.Core.Balances;

/// <summary>Whether a customer or account pays before or after using the service.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BalanceModel>))]
public enum BalanceModel
{
    /// <summary>Funds are added first and charges spend them; the ledger shows available funds.</summary>
    Prepaid = 1,

    /// <summary>Charges accrue and are paid later; the ledger shows the amount owed, bounded by an optional credit limit.</summary>
    Postpaid = 2,
}
