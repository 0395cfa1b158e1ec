using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite.Writing;

/// <summary>
/// The store's one writer: every write of every repository and ledger goes through its <see cref="GroupCommitQueue{TContext}"/>,
/// and each batch is one immediate transaction on its own connection. SQLite serialises writers anyway; doing it here means
/// writers of this process never meet SQLite's lock among themselves, and a disk flush is paid once per batch.
/// </summary>
/// <remarks>
/// A batch that cannot begin (another process holds the write lock past the busy timeout), whose statements fail for the
/// storage's sake (disk full, I/O error) or whose COMMIT fails is rolled back and every caller in it receives
/// <see cref="StorageUnavailableException"/>: <see cref="StorageUnavailableException.OutcomeKnown"/> is true when the failure came
/// before COMMIT, false when COMMIT itself failed. Retrying with the same idempotency key is then exactly-once.
/// </remarks>
internal sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>The most writes one transaction takes by default.</summary>
    public const int DefaultMaxBatch = 1024;

    private readonly SqliteDatabase _database;
    private readonly GroupCommitQueue<WriteBatch> _queue;
    private WriteBatch? _batch;

    public SqliteWriter(SqliteDatabase database, int maxBatch = DefaultMaxBatch)
    {
        _database = database;
        _queue = new GroupCommitQueue<WriteBatch>(Commit, maxBatch, "Billing.Core SQLite writer");
    }

    /// <summary>How many batches were written so far.</summary>
    public long Batches => _queue.Batches;

    /// <summary>How many writes they held.</summary>
    public long Writes => _queue.Writes;

    /// <summary>Queues a write and returns its completion.</summary>
    /// <typeparam name="T">The write's result.</typeparam>
    /// <param name="write">The write.</param>
    /// <returns>The write's result, once its batch has committed.</returns>
    public Task<T> WriteAsync<T>(SqliteWrite<T> write)
    {
        write.CancellationToken.ThrowIfCancellationRequested();
        _queue.Enqueue(write);
        return write.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync().ConfigureAwait(false);
        _batch?.Dispose();
        _batch = null;
    }

    private void Commit(IReadOnlyList<QueuedWrite<WriteBatch>> writes)
    {
        WriteBatch batch;
        try
        {
            batch = _batch ??= new WriteBatch(_database.OpenWriter());
            batch.Begin();
        }
        catch (SqliteException e)
        {
            Drop();
            throw new BatchFailedException(outcomeKnown: true, e);
        }

        try
        {
            foreach (var write in writes)
            {
                write.Apply(batch);
            }

            batch.Ledgers.FlushHeads();
        }
        catch (Exception e)
        {
            if (!batch.TryRollback())
            {
                Drop();
            }

            throw new BatchFailedException(outcomeKnown: true, e);
        }

        try
        {
            batch.Commit();
        }
        catch (Exception e)
        {
            // SQLite rolls back a transaction whose COMMIT failed; whether the disk kept it is not known to us.
            batch.TryRollback();
            Drop();
            throw new BatchFailedException(outcomeKnown: false, e);
        }
    }

    private void Drop()
    {
        _batch?.Dispose();
        _batch = null;
    }
}
