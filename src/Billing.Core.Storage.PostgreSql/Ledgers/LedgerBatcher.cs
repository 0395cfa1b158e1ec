using System.Threading.Channels;
using Billing.Core.Charging;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>
/// Groups concurrent callers' ledger writes into shared database transactions. One writer loop takes whatever is queued (up to
/// the batch size), locks and reads the heads and keys of every ledger involved, decides each write in arrival order with the
/// core's decisions against the heads and keys as the earlier writes of the same batch left them (so a key written earlier in
/// the batch is a replay), writes everything, commits once, and only then completes every caller with its own outcome. Before
/// it takes the next batch it waits briefly for the callers it has just answered (<see cref="AnsweredCallersWait"/>), so that
/// callers that wait for each outcome share one transaction instead of taking turns.
/// </summary>
/// <remarks>
/// <para>A commit costs one flush of the database's log whatever it holds, and every charge under one reseller waits for that
/// reseller's head: one transaction per charge would be bounded by the disk's flush rate, a batch is not.</para>
/// <para>A batch that fails writes nothing, and every caller in it gets the same kind of exception: a conflict with another
/// process's writer is retried from a fresh read (up to <c>maxAttempts</c> in all) and then becomes a
/// <see cref="ConcurrencyConflictException"/>; a storage failure becomes a <see cref="StorageUnavailableException"/> saying
/// whether the commit may have happened. A refusal or an invalid request fails only its own caller.</para>
/// </remarks>
internal sealed class LedgerBatcher : IAsyncDisposable
{
    private readonly ILedgerBatchStorage _storage;
    private readonly int _maxBatchSize;
    private readonly int _maxAttempts;
    private readonly Channel<Command> _queue = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    // The state of the batch being decided; only the writer loop touches it.
    private readonly List<Command> _batch = [];
    private readonly HashSet<LedgerOwner> _owners = [];
    private readonly HashSet<(LedgerOwner Owner, string Key)> _keys = [];
    private readonly Dictionary<LedgerOwner, LedgerHead> _read = [];
    private readonly Dictionary<LedgerOwner, LedgerHead> _heads = [];
    private readonly Dictionary<(LedgerOwner Owner, string Key), LedgerTransaction> _entries = [];
    private readonly LedgerBatchWrite _write = new();
    private readonly AnsweredCallersWait _answered;
    private readonly Func<int> _queuedCount;

    // How many commands are queued: the single-reader channel (lock-free) cannot count its items.
    private int _queued;

    /// <summary>Starts the writer loop.</summary>
    /// <param name="storage">Where batches are read and written.</param>
    /// <param name="maxBatchSize">The most writes one transaction holds.</param>
    /// <param name="maxAttempts">How often a batch that met a concurrent writer is run, in all, before its callers get a conflict.</param>
    public LedgerBatcher(ILedgerBatchStorage storage, int maxBatchSize, int maxAttempts = 3)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _storage = storage;
        _maxBatchSize = maxBatchSize;
        _maxAttempts = maxAttempts;
        _answered = new AnsweredCallersWait(maxBatchSize);
        _queuedCount = () => Volatile.Read(ref _queued);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a charge across its chain and waits for its batch to commit.</summary>
    /// <param name="charge">The charge.</param>
    /// <param name="chain">The levels, account first.</param>
    /// <param name="cancellationToken">Cancels the charge while it waits for a batch; once in a batch it is decided and written.</param>
    /// <returns>The outcome, once the batch is durable.</returns>
    public Task<ChargeOutcome> ChargeAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken)
    {
        var command = new ChargeCommand(charge, [.. chain], cancellationToken);
        Enqueue(command);
        return command.Completion.Task;
    }

    /// <summary>Queues a posting to one ledger and waits for its batch to commit.</summary>
    /// <param name="owner">The ledger.</param>
    /// <param name="currency">The ledger's currency.</param>
    /// <param name="request">The transaction.</param>
    /// <param name="rates">Exchange rates for a foreign amount.</param>
    /// <param name="cancellationToken">Cancels the posting while it waits for a batch.</param>
    /// <returns>The outcome, once the batch is durable.</returns>
    public Task<LedgerAppendOutcome> PostAsync(LedgerOwner owner, Currency currency, TransactionRequest request, ExchangeRateTable? rates, CancellationToken cancellationToken)
    {
        var command = new PostingCommand(owner, currency, request, rates, cancellationToken);
        Enqueue(command);
        return command.Completion.Task;
    }

    /// <summary>Stops taking writes, lets the loop finish what is queued, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private void Enqueue(Command command)
    {
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(command))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(LedgerBatcher), "The ledger store has been disposed.");
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _answered.WaitAsync(_queuedCount).ConfigureAwait(false);
            _batch.Clear();
            while (_batch.Count < _maxBatchSize && reader.TryRead(out var command))
            {
                Interlocked.Decrement(ref _queued);
                if (command.CancellationToken.IsCancellationRequested)
                {
                    command.Cancel();
                    continue;
                }

                _batch.Add(command);
            }

            if (_batch.Count > 0)
            {
                _answered.BatchStarted();
                await RunBatchAsync().ConfigureAwait(false);
                _answered.BatchEnded(_batch.Count, Volatile.Read(ref _queued));
            }
        }
    }

    private async Task RunBatchAsync()
    {
        CollectOwnersAndKeys();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using (var transaction = await _storage.BeginAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    _read.Clear();
                    _entries.Clear();
                    await transaction.ReadAsync(_owners, _keys, _read, _entries, CancellationToken.None).ConfigureAwait(false);
                    Decide();
                    await transaction.CommitAsync(_write).ConfigureAwait(false);
                }

                foreach (var command in _batch)
                {
                    command.Complete();
                }

                return;
            }
            catch (LedgerBatchConflictException) when (attempt < _maxAttempts)
            {
                // Another process wrote one of these ledgers first; nothing was written: read again and decide again.
            }
            catch (LedgerBatchConflictException)
            {
                var now = await ReadHeadsAgainAsync().ConfigureAwait(false);
                foreach (var command in _batch)
                {
                    command.Fail(Conflict(command, now));
                }

                return;
            }
            catch (StorageUnavailableException unavailable)
            {
                foreach (var command in _batch)
                {
                    command.Fail(unavailable);
                }

                return;
            }
            catch (Exception unexpected)
            {
                // A fault of the store itself: nothing is known to be written, and the loop must go on for later callers.
                foreach (var command in _batch)
                {
                    command.Fail(new StorageUnavailableException("a ledger write", outcomeKnown: false, unexpected));
                }

                return;
            }
        }
    }

    /// <summary>
    /// After the last conflict, reads the batch's heads once more (and lets them go), so that each caller learns which of its
    /// ledgers another writer changed and the version it has now; null when they cannot be read.
    /// </summary>
    private async Task<Dictionary<LedgerOwner, LedgerHead>?> ReadHeadsAgainAsync()
    {
        try
        {
            var heads = new Dictionary<LedgerOwner, LedgerHead>();
            await using var transaction = await _storage.BeginAsync(CancellationToken.None).ConfigureAwait(false);
            await transaction.ReadAsync(_owners, [], heads, [], CancellationToken.None).ConfigureAwait(false);
            return heads;
        }
        catch (Exception)
        {
            // Whatever went wrong, the callers still get their conflict (without the versions), and the loop must go on.
            return null;
        }
    }

    /// <summary>
    /// The conflict a caller is told of: the first of its ledgers whose head another writer moved since the batch read it, with
    /// the version (entry count) read and the one stored now. When none visibly moved (a deadlock, or the heads could not be read
    /// again), its first ledger, saying that other writers got in the way; never "does not exist", which a ledger that was
    /// written to is not.
    /// </summary>
    private ConcurrencyConflictException Conflict(Command command, Dictionary<LedgerOwner, LedgerHead>? now)
    {
        foreach (var owner in command.Owners)
        {
            var read = _read.TryGetValue(owner, out var before) ? before.Count : 0;
            if (now is not null && now.TryGetValue(owner, out var after) && after.Count != read)
            {
                return new ConcurrencyConflictException("Ledger", owner.ToString(), read, after.Count);
            }
        }

        var first = command.FirstOwner;
        return ConcurrencyConflictException.WrittenMeanwhile(
            "Ledger",
            first.ToString(),
            _read.TryGetValue(first, out var head) ? head.Count : 0,
            $"other writers wrote to its ledgers at the same time, {_maxAttempts} times in a row; read again and retry");
    }

    private void CollectOwnersAndKeys()
    {
        _owners.Clear();
        _keys.Clear();
        foreach (var command in _batch)
        {
            command.Collect(_owners, _keys);
        }
    }

    private void Decide()
    {
        _heads.Clear();
        foreach (var (owner, head) in _read)
        {
            _heads[owner] = head;
        }

        _write.Clear();
        foreach (var command in _batch)
        {
            try
            {
                command.Decide(this);
            }
            catch (Exception refused)
            {
                // A refusal or an invalid request fails its own caller only; it wrote nothing.
                command.Refuse(refused);
            }
        }
    }

    private LedgerHead? Head(LedgerOwner owner) => _heads.TryGetValue(owner, out var head) ? head : null;

    private void Write(LedgerTransaction transaction, LedgerHead newHead)
    {
        _write.Entries.Add((transaction, newHead.Count));
        _write.Heads[transaction.Owner] = (newHead, _read.ContainsKey(transaction.Owner));
        _heads[transaction.Owner] = newHead;
        _entries[(transaction.Owner, transaction.IdempotencyKey)] = transaction;
    }

    private abstract class Command(CancellationToken cancellationToken)
    {
        private Exception? _refusal;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>The ledger a conflict is reported on when none of its ledgers visibly changed: the account's for a charge, the posting's own.</summary>
        public abstract LedgerOwner FirstOwner { get; }

        /// <summary>Every ledger the write may change, in the chain's order.</summary>
        public abstract IEnumerable<LedgerOwner> Owners { get; }

        public abstract void Collect(HashSet<LedgerOwner> owners, HashSet<(LedgerOwner Owner, string Key)> keys);

        /// <summary>Decides against the batch's state and records what to write; the result is kept until the commit.</summary>
        public abstract void Decide(LedgerBatcher batch);

        public void Refuse(Exception refusal) => _refusal = refusal;

        public void Complete()
        {
            if (_refusal is not null)
            {
                SetException(_refusal);
            }
            else
            {
                SetResult();
            }
        }

        public void Fail(Exception exception) => SetException(exception);

        public abstract void Cancel();

        protected void ResetRefusal() => _refusal = null;

        protected abstract void SetResult();

        protected abstract void SetException(Exception exception);
    }

    private sealed class ChargeCommand(TransactionRequest charge, ChargeLevel[] chain, CancellationToken cancellationToken) : Command(cancellationToken)
    {
        private ChargeOutcome? _outcome;

        public TaskCompletionSource<ChargeOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override LedgerOwner FirstOwner => chain.Length > 0 ? chain[0].Owner : default;

        public override IEnumerable<LedgerOwner> Owners => chain.Select(level => level.Owner).Where(owner => !owner.IsDefault);

        public override void Collect(HashSet<LedgerOwner> owners, HashSet<(LedgerOwner Owner, string Key)> keys)
        {
            foreach (var level in chain)
            {
                if (!level.Owner.IsDefault)
                {
                    owners.Add(level.Owner);
                    keys.Add((level.Owner, charge.IdempotencyKey));
                }
            }
        }

        public override void Decide(LedgerBatcher batch)
        {
            ResetRefusal();
            _outcome = null;
            var reads = new LedgerRead[chain.Length];
            for (var i = 0; i < chain.Length; i++)
            {
                var owner = chain[i].Owner;
                reads[i] = new LedgerRead(owner.IsDefault ? null : batch.Head(owner), !owner.IsDefault && batch._entries.ContainsKey((owner, charge.IdempotencyKey)));
            }

            var entries = new ChargeEntry[chain.Length];
            var decision = ChargeDecision.Decide(charge, chain, reads, entries);
            switch (decision.Kind)
            {
                case ChargeDecisionKind.Replay:
                    _outcome = ChargeOutcome.Replayed(batch._entries[(chain[0].Owner, charge.IdempotencyKey)]);
                    return;
                case ChargeDecisionKind.Decline:
                    _outcome = ChargeOutcome.Declined(decision.Authorisation);
                    return;
                case ChargeDecisionKind.Refuse:
                    throw decision.Refusal!;
            }

            foreach (var entry in entries)
            {
                batch.Write(entry.ToTransaction(), entry.NewHead);
            }

            _outcome = ChargeOutcome.Appended(charge, chain[0].Owner);
        }

        public override void Cancel() => Completion.TrySetCanceled(CancellationToken);

        protected override void SetResult() => Completion.TrySetResult(_outcome!);

        protected override void SetException(Exception exception) => Completion.TrySetException(exception);
    }

    private sealed class PostingCommand(LedgerOwner owner, Currency currency, TransactionRequest request, ExchangeRateTable? rates, CancellationToken cancellationToken)
        : Command(cancellationToken)
    {
        private LedgerAppendOutcome _outcome;

        public TaskCompletionSource<LedgerAppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override LedgerOwner FirstOwner => owner;

        public override IEnumerable<LedgerOwner> Owners => owner.IsDefault ? [] : [owner];

        public override void Collect(HashSet<LedgerOwner> owners, HashSet<(LedgerOwner Owner, string Key)> keys)
        {
            if (!owner.IsDefault)
            {
                owners.Add(owner);
                keys.Add((owner, request.IdempotencyKey));
            }
        }

        public override void Decide(LedgerBatcher batch)
        {
            ResetRefusal();
            var decision = PostingDecision.Decide(request, owner, currency, batch.Head(owner), batch._entries.GetValueOrDefault((owner, request.IdempotencyKey)), rates);
            switch (decision.Kind)
            {
                case PostingDecisionKind.Replay:
                    _outcome = new LedgerAppendOutcome(decision.Transaction!, isReplay: true);
                    return;
                case PostingDecisionKind.Append:
                    batch.Write(decision.Transaction!, decision.NewHead);
                    _outcome = new LedgerAppendOutcome(decision.Transaction!, isReplay: false);
                    return;
                default:
                    throw decision.Refusal!;
            }
        }

        public override void Cancel() => Completion.TrySetCanceled(CancellationToken);

        protected override void SetResult() => Completion.TrySetResult(_outcome);

        protected override void SetException(Exception exception) => Completion.TrySetException(exception);
    }
}
