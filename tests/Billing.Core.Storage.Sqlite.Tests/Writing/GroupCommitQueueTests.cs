using Billing.Core.Storage.Sqlite.Writing;

namespace Billing.Core.Storage.Sqlite.Tests.Writing;

public sealed class GroupCommitQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Enqueue_CallersQueuedDuringACommit_ShareTheNextBatchAndEachGetsItsOwnAnswer()
    {
        var log = new CommitLog();
        await using var queue = new GroupCommitQueue<CommitLog>(log.Commit, maxBatch: 1000);
        log.HoldNextCommit();
        var first = Enqueue(queue, 1);
        await log.WaitUntilHeldAsync();

        var queued = Enumerable.Range(2, 50).Select(i => Enqueue(queue, i)).ToArray();
        log.Release();

        (await first.Completion.WaitAsync(Patience)).ShouldBe(10);
        var answers = await Task.WhenAll(queued.Select(w => w.Completion)).WaitAsync(Patience);
        answers.ShouldBe(Enumerable.Range(2, 50).Select(i => i * 10));
        log.Batches.Select(b => b.Count).ShouldBe([1, 50]);
        log.Batches[1].ShouldBe(Enumerable.Range(2, 50), "a batch applies its writes in the order they were queued");
        queue.Batches.ShouldBe(2);
        queue.Writes.ShouldBe(51);
    }

    [Fact]
    public async Task Enqueue_MoreThanTheBound_SplitsIntoBatchesOfAtMostTheBound()
    {
        var log = new CommitLog();
        await using var queue = new GroupCommitQueue<CommitLog>(log.Commit, maxBatch: 4);
        log.HoldNextCommit();
        var first = Enqueue(queue, 0);
        await log.WaitUntilHeldAsync();
        var queued = Enumerable.Range(1, 10).Select(i => Enqueue(queue, i)).ToArray();
        log.Release();

        await Task.WhenAll(queued.Select(w => w.Completion).Append(first.Completion)).WaitAsync(Patience);

        log.Batches.Select(b => b.Count).ShouldBe([1, 4, 4, 2]);
        log.Batches.SelectMany(b => b).ShouldBe(Enumerable.Range(0, 11));
    }

    [Fact]
    public async Task Commit_Throws_EveryCallerOfThatBatchGetsTheTranslatedFailureAndLaterBatchesGoOn()
    {
        var log = new CommitLog { FailBatchHolding = 3 };
        await using var queue = new GroupCommitQueue<CommitLog>(log.Commit, maxBatch: 1000);
        log.HoldNextCommit();
        var first = Enqueue(queue, 1);
        await log.WaitUntilHeldAsync();
        var doomed = Enumerable.Range(2, 5).Select(i => Enqueue(queue, i)).ToArray();
        log.Release();
        await first.Completion.WaitAsync(Patience);
        await Task.WhenAll(doomed.Select(w => w.Completion.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Patience);

        foreach (var write in doomed)
        {
            var failure = write.Completion.Exception!.InnerException.ShouldBeOfType<TranslatedFailure>();
            failure.Value.ShouldBe(write.Value, "each caller gets its own translation of the batch's failure");
            failure.InnerException.ShouldBeOfType<IOException>();
        }

        (await Enqueue(queue, 9).Completion.WaitAsync(Patience)).ShouldBe(90);
    }

    [Fact]
    public async Task Apply_StagedRefusal_FailsOnlyThatCallerAndTheBatchCommits()
    {
        var log = new CommitLog();
        await using var queue = new GroupCommitQueue<CommitLog>(log.Commit, maxBatch: 1000);
        log.HoldNextCommit();
        var first = Enqueue(queue, 1);
        await log.WaitUntilHeldAsync();
        var before = Enqueue(queue, 2);
        var refused = Enqueue(queue, -3);
        var after = Enqueue(queue, 4);
        log.Release();

        await first.Completion.WaitAsync(Patience);
        (await before.Completion.WaitAsync(Patience)).ShouldBe(20);
        (await after.Completion.WaitAsync(Patience)).ShouldBe(40);
        (await Should.ThrowAsync<ArgumentOutOfRangeException>(() => refused.Completion.WaitAsync(Patience))).ActualValue.ShouldBe(-3);
        log.Batches[1].ShouldBe([2, -3, 4]);
    }

    [Fact]
    public async Task Commit_WhileRunning_NoCallerOfTheBatchHasItsAnswerYet()
    {
        var log = new CommitLog();
        await using var queue = new GroupCommitQueue<CommitLog>(log.Commit, maxBatch: 1000);
        var writes = Enumerable.Range(1, 20).Select(i => Enqueue(queue, i)).ToArray();

        await Task.WhenAll(writes.Select(w => w.Completion)).WaitAsync(Patience);

        log.CompletedDuringCommit.ShouldBe(0, "answers are published only after the commit step returns");
        log.Batches.Sum(b => b.Count).ShouldBe(20);
    }

    [Fact]
    public async Task Enqueue_CancelledBeforeTheWriterTakesIt_IsSkippedAndCancelled()
    {
        var log = new CommitLog();
        await using var queue = new GroupCommitQueue<CommitLog>(log.Commit, maxBatch: 1000);
        log.HoldNextCommit();
        var first = Enqueue(queue, 1);
        await log.WaitUntilHeldAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = Enqueue(queue, 2, cancel.Token);
        var kept = Enqueue(queue, 3);
        await cancel.CancelAsync();
        log.Release();

        await first.Completion.WaitAsync(Patience);
        (await kept.Completion.WaitAsync(Patience)).ShouldBe(30);
        await Should.ThrowAsync<TaskCanceledException>(() => cancelled.Completion.WaitAsync(Patience));
        log.Batches.SelectMany(b => b).ShouldBe([1, 3]);
    }

    [Fact]
    public async Task DisposeAsync_FinishesWhatIsQueuedThenRefusesNewWrites()
    {
        var log = new CommitLog();
        var queue = new GroupCommitQueue<CommitLog>(log.Commit, maxBatch: 1000);
        log.HoldNextCommit();
        var first = Enqueue(queue, 1);
        await log.WaitUntilHeldAsync();
        var queued = Enqueue(queue, 2);
        var disposing = queue.DisposeAsync().AsTask();
        log.Release();
        await disposing.WaitAsync(Patience);

        (await first.Completion).ShouldBe(10);
        (await queued.Completion).ShouldBe(20);
        var refused = await Should.ThrowAsync<TranslatedFailure>(() => Enqueue(queue, 3).Completion.WaitAsync(Patience));
        refused.InnerException.ShouldBeOfType<ObjectDisposedException>();
        log.Batches.SelectMany(b => b).ShouldBe([1, 2]);
    }

    private static EchoWrite Enqueue(GroupCommitQueue<CommitLog> queue, int value, CancellationToken cancellationToken = default)
    {
        var write = new EchoWrite(value, cancellationToken);
        queue.Enqueue(write);
        return write;
    }

    /// <summary>Answers ten times its value, or refuses a negative one; the batch's failure reaches its caller translated.</summary>
    private sealed class EchoWrite(int value, CancellationToken cancellationToken) : QueuedWrite<CommitLog, int>(cancellationToken)
    {
        public int Value { get; } = value;

        public override void Apply(CommitLog context)
        {
            context.Current.Add(Value);
            if (Value < 0)
            {
                StageFailure(new ArgumentOutOfRangeException(nameof(Value), Value, "negative"));
            }
            else
            {
                Stage(Value * 10);
            }
        }

        protected override Exception Translate(Exception failure) => new TranslatedFailure(Value, failure);
    }

    private sealed class TranslatedFailure(int value, Exception inner) : Exception("translated", inner)
    {
        public int Value { get; } = value;
    }

    /// <summary>A commit step that records its batches, can be held inside a commit, and can fail a batch.</summary>
    private sealed class CommitLog
    {
        private readonly SemaphoreSlim _held = new(0);
        private ManualResetEventSlim? _gate;
        private ManualResetEventSlim? _release;

        public List<List<int>> Batches { get; } = [];

        public List<int> Current { get; private set; } = [];

        public int? FailBatchHolding { get; init; }

        public int CompletedDuringCommit { get; private set; }

        public void HoldNextCommit() => _gate = _release = new ManualResetEventSlim();

        public Task WaitUntilHeldAsync() => _held.WaitAsync(Patience);

        public void Release() => _release!.Set();

        public void Commit(IReadOnlyList<QueuedWrite<CommitLog>> writes)
        {
            Current = [];
            foreach (var write in writes)
            {
                write.Apply(this);
            }

            Batches.Add(Current);
            CompletedDuringCommit += writes.Cast<EchoWrite>().Count(w => w.Completion.IsCompleted);
            if (_gate is { } gate)
            {
                _gate = null;
                _held.Release();
                gate.Wait(Patience);
            }

            if (FailBatchHolding is { } value && Current.Contains(value))
            {
                throw new IOException("the disk is full");
            }
        }
    }
}
