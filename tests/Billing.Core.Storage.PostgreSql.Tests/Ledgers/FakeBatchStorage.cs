using Billing.Core.Ledgers;
using Billing.Core.Storage.PostgreSql.Ledgers;

namespace Billing.Core.Storage.PostgreSql.Tests.Ledgers;

/// <summary>
/// A database for <see cref="LedgerBatcher"/> in memory: heads and keyed entries that a commit changes all at once. It records
/// every batch, can hold the first batch until the test has queued more, and can fail commits.
/// </summary>
internal sealed class FakeBatchStorage : ILedgerBatchStorage
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _holdFirst;

    public Dictionary<LedgerOwner, LedgerHead> Heads { get; } = [];

    public Dictionary<(LedgerOwner Owner, string Key), LedgerTransaction> Entries { get; } = [];

    /// <summary>How many entries each committed batch wrote.</summary>
    public List<int> CommittedBatches { get; } = [];

    /// <summary>How many batches were begun (committed or not).</summary>
    public int Begun { get; private set; }

    /// <summary>Makes the next commits fail with these exceptions, one each; a null makes that commit succeed.</summary>
    public Queue<Exception?> CommitFailures { get; } = new();

    /// <summary>How long every commit takes (the flush of a real database's log); none by default.</summary>
    public TimeSpan CommitDelay { get; set; }

    /// <summary>Runs at the start of every commit, under the storage's lock (for example to play another process's writer).</summary>
    public Action? BeforeCommit { get; set; }

    /// <summary>Holds the first batch at its start until <see cref="Release"/>.</summary>
    public FakeBatchStorage HoldFirstBatch()
    {
        _holdFirst = true;
        return this;
    }

    public void Release() => _release.TrySetResult();

    public async ValueTask<ILedgerBatchTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        bool hold;
        lock (_gate)
        {
            hold = _holdFirst && Begun == 0;
            Begun++;
        }

        if (hold)
        {
            await _release.Task.ConfigureAwait(false);
        }

        return new Transaction(this);
    }

    private sealed class Transaction(FakeBatchStorage storage) : ILedgerBatchTransaction
    {
        public ValueTask ReadAsync(
            IReadOnlyCollection<LedgerOwner> owners,
            IReadOnlyCollection<(LedgerOwner Owner, string Key)> keys,
            Dictionary<LedgerOwner, LedgerHead> heads,
            Dictionary<(LedgerOwner Owner, string Key), LedgerTransaction> entries,
            CancellationToken cancellationToken)
        {
            lock (storage._gate)
            {
                foreach (var owner in owners)
                {
                    if (storage.Heads.TryGetValue(owner, out var head))
                    {
                        heads[owner] = head;
                    }
                }

                foreach (var key in keys)
                {
                    if (storage.Entries.TryGetValue(key, out var entry))
                    {
                        entries[key] = entry;
                    }
                }
            }

            return ValueTask.CompletedTask;
        }

        public async ValueTask CommitAsync(LedgerBatchWrite write)
        {
            if (storage.CommitDelay > TimeSpan.Zero)
            {
                await Task.Delay(storage.CommitDelay).ConfigureAwait(false);
            }

            Commit(write);
        }

        private void Commit(LedgerBatchWrite write)
        {
            lock (storage._gate)
            {
                storage.BeforeCommit?.Invoke();
                if (storage.CommitFailures.TryDequeue(out var failure) && failure is not null)
                {
                    throw failure;
                }

                var counts = new Dictionary<LedgerOwner, long>();
                foreach (var (transaction, position) in write.Entries)
                {
                    var expected = counts.TryGetValue(transaction.Owner, out var c) ? c + 1 : (storage.Heads.TryGetValue(transaction.Owner, out var h) ? h.Count : 0) + 1;
                    if (position != expected)
                    {
                        throw new InvalidOperationException($"entry {transaction} written at position {position}, expected {expected}");
                    }

                    counts[transaction.Owner] = expected;
                    storage.Entries.Add((transaction.Owner, transaction.IdempotencyKey), transaction);
                }

                foreach (var (owner, (head, existed)) in write.Heads)
                {
                    if (counts[owner] != head.Count || existed != storage.Heads.ContainsKey(owner))
                    {
                        throw new InvalidOperationException($"head of {owner} says {head.Count} entries (existed: {existed}), {counts[owner]} were written");
                    }

                    storage.Heads[owner] = head;
                }

                storage.CommittedBatches.Add(write.Entries.Count);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
