using System.Threading.Channels;

namespace Billing.Core.Storage.Sqlite.Writing;

/// <summary>
/// Group commit, as TigerBeetle batches: callers queue writes; one loop takes whatever is queued (up to a bound) and hands it to
/// the commit step, which decides and writes every write in order inside one transaction and commits once. Only when the commit
/// step returns does the queue publish each caller's own staged answer; when it throws, every caller of the batch gets that
/// exception instead, and the commit step has written nothing. While one batch commits (a disk flush), the next one gathers, so
/// the flush is paid once per batch instead of once per write.
/// </summary>
/// <typeparam name="TContext">What the commit step hands each write (the open transaction and its state).</typeparam>
/// <remarks>Thread-safe: any number of callers may <see cref="Enqueue"/> at once; the commit step runs on one loop only.</remarks>
internal sealed class GroupCommitQueue<TContext> : IAsyncDisposable
{
    private readonly Channel<QueuedWrite<TContext>> _queue = Channel.CreateUnbounded<QueuedWrite<TContext>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<QueuedWrite<TContext>>, Task> _commit;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private long _batches;
    private long _writes;

    /// <summary>Starts the loop.</summary>
    /// <param name="commit">Opens a transaction, has every write of the batch apply itself in order, and commits once; throws
    /// (having written nothing) when the batch cannot be committed.</param>
    /// <param name="maxBatch">The most writes one batch takes.</param>
    public GroupCommitQueue(Func<IReadOnlyList<QueuedWrite<TContext>>, Task> commit, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _commit = commit;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many batches were committed or failed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>How many writes those batches held.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Queues a write; its caller awaits the write's own completion.</summary>
    /// <param name="write">The write.</param>
    public void Enqueue(QueuedWrite<TContext> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!_queue.Writer.TryWrite(write))
        {
            write.Fail(new ObjectDisposedException(nameof(GroupCommitQueue<TContext>), "The store is disposed; nothing was written."));
        }
    }

    /// <summary>Stops taking writes, lets the loop finish what is queued, and waits for it.</summary>
    /// <returns>A task that completes when the loop has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedWrite<TContext>>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
            {
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Fail(new OperationCanceledException(write.CancellationToken));
                }
                else
                {
                    batch.Add(write);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await _commit(batch).ConfigureAwait(false);
                foreach (var write in batch)
                {
                    write.Publish();
                }
            }
            catch (Exception failure)
            {
                foreach (var write in batch)
                {
                    write.Fail(failure);
                }
            }

            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _writes, batch.Count);
            batch.Clear();
        }
    }
}
