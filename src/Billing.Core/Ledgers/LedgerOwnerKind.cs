using System.Text.Json.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>What kind of entity a ledger belongs to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LedgerOwnerKind>))]
public enum LedgerOwnerKind
{
    /// <summary>The ledger of an account (a billable sub-unit of a customer).</summary>
    Account = 1,

    /// <summary>The ledger of a customer.</summary>
    Customer = 2,
}
