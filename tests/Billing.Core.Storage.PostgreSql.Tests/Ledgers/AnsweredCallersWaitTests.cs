using Billing.Core.Storage.PostgreSql.Ledgers;

namespace Billing.Core.Storage.PostgreSql.Tests.Ledgers;

/// <summary>
/// The writer loop's wait for the callers it has just answered, on a clock the test moves: a million ticks a second, so one tick
/// is a microsecond and the longest wait (1 ms) is 1,000 ticks.
/// </summary>
public class AnsweredCallersWaitTests
{
    private const long Frequency = 1_000_000; // one tick = 1 µs

    [Fact]
    public async Task Wait_AnsweredCallersComeBack_EndsAsSoonAsTheyAreAllQueued()
    {
        var clock = new FakeClock();
        var queued = 3; // arrived while the batch was committing
        var wait = clock.Wait(maxBatchSize: 100, onYield: () =>
        {
            clock.Now += 1;
            queued++; // one answered caller back per look
        });
        wait.BatchStarted();
        clock.Now += 2_000;
        wait.BatchEnded(answered: 5, queued: 3);

        await wait.WaitAsync(() => queued);

        queued.ShouldBe(8, "the three queued and the five answered");
        clock.Yields.ShouldBe(5);
    }

    [Fact]
    public async Task Wait_CallersDoNotComeBack_EndsAfterAQuarterOfTheLastBatch()
    {
        var clock = new FakeClock();
        var wait = clock.Wait(maxBatchSize: 100, onYield: () => clock.Now += 10);
        wait.BatchStarted();
        clock.Now += 400; // a batch of 400 µs
        wait.BatchEnded(answered: 8, queued: 0);
        var ended = clock.Now;

        await wait.WaitAsync(() => 0);

        (clock.Now - ended).ShouldBe(100, "a quarter of 400 µs, looked at every 10 µs");
    }

    [Fact]
    public async Task Wait_AfterALongBatch_IsCappedAtOneMillisecond()
    {
        var clock = new FakeClock();
        var wait = clock.Wait(maxBatchSize: 100, onYield: () => clock.Now += 100);
        wait.BatchStarted();
        clock.Now += 60_000; // a batch that took 60 ms
        wait.BatchEnded(answered: 8, queued: 0);
        var ended = clock.Now;

        await wait.WaitAsync(() => 0);

        (clock.Now - ended).ShouldBe(1_000);
    }

    [Fact]
    public async Task Wait_NeverWaitsForMoreThanABatch()
    {
        var clock = new FakeClock();
        var queued = 4;
        var wait = clock.Wait(maxBatchSize: 6, onYield: () =>
        {
            clock.Now += 1;
            queued++;
        });
        wait.BatchStarted();
        clock.Now += 1_000;
        wait.BatchEnded(answered: 10, queued: 4);

        await wait.WaitAsync(() => queued);

        queued.ShouldBe(6, "a batch takes six: waiting for fourteen would only add latency");
    }

    [Fact]
    public async Task Wait_BatchAnsweredNobody_DoesNotWait()
    {
        var clock = new FakeClock();
        var wait = clock.Wait(maxBatchSize: 100, onYield: () => clock.Now += 1);
        wait.BatchStarted();
        clock.Now += 1_000;
        wait.BatchEnded(answered: 0, queued: 0);

        await wait.WaitAsync(() => 0);

        clock.Yields.ShouldBe(0);
    }

    [Fact]
    public async Task Wait_SecondCallForTheSameBatch_DoesNotWaitAgain()
    {
        var clock = new FakeClock();
        var wait = clock.Wait(maxBatchSize: 100, onYield: () => clock.Now += 1);
        wait.BatchStarted();
        clock.Now += 1_000;
        wait.BatchEnded(answered: 4, queued: 0);
        await wait.WaitAsync(() => 0);
        var yields = clock.Yields;

        await wait.WaitAsync(() => 0);

        clock.Yields.ShouldBe(yields);
    }

    [Fact]
    public async Task Wait_BeforeAnyBatch_DoesNotWait()
    {
        var clock = new FakeClock();
        var wait = clock.Wait(maxBatchSize: 100, onYield: () => clock.Now += 1);

        await wait.WaitAsync(() => 0);

        clock.Yields.ShouldBe(0);
    }

    [Fact]
    public void Constructor_InvalidArguments_AreRefusedNamingThem()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new AnsweredCallersWait(0)).ParamName.ShouldBe("maxBatchSize");
        Should.Throw<ArgumentOutOfRangeException>(() => new AnsweredCallersWait(1, () => 0, 0, () => ValueTask.CompletedTask)).ParamName.ShouldBe("frequency");
        Should.Throw<ArgumentNullException>(() => new AnsweredCallersWait(1, null!, 1, () => ValueTask.CompletedTask)).ParamName.ShouldBe("clock");
        Should.Throw<ArgumentNullException>(() => new AnsweredCallersWait(1, () => 0, 1, null!)).ParamName.ShouldBe("yield");
    }

    [Fact]
    public async Task Wait_OnTheSystemClock_ReturnsWhenCallersDoNotComeBack()
    {
        var wait = new AnsweredCallersWait(8);
        wait.BatchStarted();
        wait.BatchEnded(answered: 8, queued: 0);

        await wait.WaitAsync(() => 0); // bounded by 1 ms: the test finishing is the check

        AnsweredCallersWait.MaxWait.ShouldBe(TimeSpan.FromMilliseconds(1));
    }

    private sealed class FakeClock
    {
        public long Now { get; set; } = 1_000_000;

        public int Yields { get; private set; }

        public AnsweredCallersWait Wait(int maxBatchSize, Action onYield)
            => new(maxBatchSize, () => Now, Frequency, () =>
            {
                Yields++;
                onYield();
                return ValueTask.CompletedTask;
            });
    }
}
