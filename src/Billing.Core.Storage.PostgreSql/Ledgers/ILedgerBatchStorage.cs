using Billing.Core.Ledgers;

namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>
/// Where <see cref="LedgerBatcher"/> reads and writes one batch: a database transaction that locks the heads it reads and
/// writes everything the batch decided in one commit. The PostgreSQL store implements it; the batcher's tests use a fake.
/// </summary>
internal interface ILedgerBatchStorage
{
    /// <summary>Starts a batch's transaction.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The transaction; disposing it without <see cref="ILedgerBatchTransaction.CommitAsync"/> rolls it back.</returns>
    /// <exception cref="StorageUnavailableException">The storage cannot be reached (nothing was written).</exception>
    ValueTask<ILedgerBatchTransaction> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>One batch's database transaction.</summary>
internal interface ILedgerBatchTransaction : IAsyncDisposable
{
    /// <summary>
    /// Locks and reads the heads of <paramref name="owners"/> (in one fixed order, so batches from several processes never
    /// deadlock) and then reads the transactions the ledgers hold under <paramref name="keys"/>.
    /// </summary>
    /// <param name="owners">Every ledger the batch may write.</param>
    /// <param name="keys">Every (ledger, idempotency key) pair the batch asks about.</param>
    /// <param name="heads">Receives the stored heads (ledgers with none are absent).</param>
    /// <param name="entries">Receives the stored transaction of each pair that has one.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="LedgerBatchConflictException">A concurrent writer got in the way; nothing was written.</exception>
    /// <exception cref="StorageUnavailableException">The storage failed; nothing was written.</exception>
    ValueTask ReadAsync(
        IReadOnlyCollection<LedgerOwner> owners,
        IReadOnlyCollection<(LedgerOwner Owner, string Key)> keys,
        Dictionary<LedgerOwner, LedgerHead> heads,
        Dictionary<(LedgerOwner Owner, string Key), LedgerTransaction> entries,
        CancellationToken cancellationToken);

    /// <summary>Writes the batch's entries and new heads and commits.</summary>
    /// <param name="write">What the batch decided.</param>
    /// <returns>A task that completes when the commit is durable.</returns>
    /// <exception cref="LedgerBatchConflictException">A concurrent writer got in the way; nothing was written.</exception>
    /// <exception cref="StorageUnavailableException">The storage failed; <see cref="StorageUnavailableException.OutcomeKnown"/>
    /// says whether the commit may have happened.</exception>
    ValueTask CommitAsync(LedgerBatchWrite write);
}
