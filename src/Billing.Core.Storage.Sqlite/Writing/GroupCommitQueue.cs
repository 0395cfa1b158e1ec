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
    private readonly Action<IReadOnlyList<QueuedWrite<TContext>>> _commit;
    private readonly int _maxBatch;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _batches;
    private long _writes;

    /// <summary>Starts the loop on a thread of its own: the commit step blocks on the disk, and a blocked thread-pool thread would
    /// starve the callers' continuations on a small machine.</summary>
    /// <param name="commit">Opens a transaction, has every write of the batch apply itself in order, and commits once; throws
    /// (having written nothing) when the batch cannot be committed.</param>
    /// <param name="maxBatch">The most writes one batch takes.</param>
    /// <param name="name">The thread's name, for debuggers and dumps.</param>
    public GroupCommitQueue(Action<IReadOnlyList<QueuedWrite<TContext>>> commit, int maxBatch, string name = "Group commit")
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _commit = commit;
        _maxBatch = maxBatch;
        new Thread(Run) { IsBackground = true, Name = name }.Start();
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
        await _stopped.Task.ConfigureAwait(false);
    }

    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<QueuedWrite<TContext>>(_maxBatch);
        while (WaitToRead(reader))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var write))
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
                _commit(batch);
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

        _stopped.TrySetResult();
    }

    // Blocks this thread (its own) until a write is queued; false once the queue is completed and empty.
    private static bool WaitToRead(ChannelReader<QueuedWrite<TContext>> reader)
    {
        var ready = reader.WaitToReadAsync();
        return ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }
}
