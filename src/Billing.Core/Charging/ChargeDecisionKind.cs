using System.Text.Json.Serialization;

namespace Billing.Core.Charging;

/// <summary>What a store must do with a charge: see <see cref="ChargeDecision"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChargeDecisionKind>))]
public enum ChargeDecisionKind
{
    /// <summary>Approved: write one entry to every level's ledger (<see cref="ChargeEntry"/>) and store each level's new head.</summary>
    Append = 1,

    /// <summary>The account's ledger already holds the key: answer the original transaction and write nothing.</summary>
    Replay = 2,

    /// <summary>A level declines (<see cref="ChargeDecision.Authorisation"/> says which and why): write nothing.</summary>
    Decline = 3,

    /// <summary>A rule is broken: throw <see cref="ChargeDecision.Refusal"/> and write nothing.</summary>
    Refuse = 4,
}
