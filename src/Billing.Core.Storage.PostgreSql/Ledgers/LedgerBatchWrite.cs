using Billing.Core.Ledgers;

namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>What one batch writes: the new entries (each with its position in its ledger) and every changed head.</summary>
internal sealed class LedgerBatchWrite
{
    /// <summary>The new entries, in the order they were decided; <c>Position</c> is the ledger's count once the entry is written.</summary>
    public List<(LedgerTransaction Transaction, long Position)> Entries { get; } = [];

    /// <summary>The last head of every ledger the batch wrote to, and whether the ledger had a head before the batch.</summary>
    public Dictionary<LedgerOwner, (LedgerHead Head, bool Existed)> Heads { get; } = [];

    /// <summary>Whether the batch writes anything.</summary>
    public bool IsEmpty => Entries.Count == 0;

    /// <summary>Forgets everything, for the next attempt or batch.</summary>
    public void Clear()
    {
        Entries.Clear();
        Heads.Clear();
    }
}
