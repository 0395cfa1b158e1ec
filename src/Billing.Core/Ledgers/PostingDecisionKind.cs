using System.Text.Json.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>What a store must do with a posting: see <see cref="PostingDecision"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PostingDecisionKind>))]
public enum PostingDecisionKind
{
    /// <summary>Write <see cref="PostingDecision.Transaction"/> to the ledger and store <see cref="PostingDecision.NewHead"/> with it.</summary>
    Append = 1,

    /// <summary>The ledger already holds the key: answer <see cref="PostingDecision.Transaction"/>, the original, and write nothing.</summary>
    Replay = 2,

    /// <summary>A rule is broken: throw <see cref="PostingDecision.Refusal"/> and write nothing.</summary>
    Refuse = 3,
}
