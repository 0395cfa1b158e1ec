using System.Diagnostics;

namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>
/// How long the writer loop waits, before it takes its next batch, for the callers it has just answered to send their next
/// write. A caller that waits for each write's outcome sends the next one a moment after it is answered; a loop that started
/// the next batch at once would take only the callers that arrived while the last batch was committing, and leave the answered
/// ones for the batch after. Concurrent callers on one hot chain then split into two groups that take turns, each batch holds
/// about half of them, and every batch costs a flush of the log. Waiting briefly lets both groups share each flush.
/// </summary>
/// <remarks>
/// <para>The wait ends as soon as as many writes are queued as were queued when the batch ended plus the callers it answered
/// (at most a batch), and in any case after <see cref="Fraction"/> of the time the last batch took, never more than
/// <see cref="MaxWait"/>: callers that do not come back cost each batch at most that much latency. Between looks at the queue
/// it yields its thread to the thread pool (a timer cannot wait a fraction of a millisecond), which first runs what that thread
/// queued itself: the answered callers' continuations, so they send their next write before the loop looks again.</para>
/// <para>Only the writer loop calls it: not thread-safe.</para>
/// </remarks>
internal sealed class AnsweredCallersWait
{
    /// <summary>The share of the last batch's duration the loop waits at most.</summary>
    public const double Fraction = 0.25;

    /// <summary>The longest wait, whatever the last batch took.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(1);

    private readonly int _maxBatchSize;
    private readonly Func<long> _clock;
    private readonly long _longest;
    private readonly Func<ValueTask> _yield;
    private int _target;
    private long _started;
    private long _deadline;

    /// <summary>Creates the wait on the system's monotonic clock.</summary>
    /// <param name="maxBatchSize">The most writes one batch takes: the loop never waits for more.</param>
    public AnsweredCallersWait(int maxBatchSize)
        : this(maxBatchSize, Stopwatch.GetTimestamp, Stopwatch.Frequency, YieldAsync)
    {
    }

    /// <summary>Creates the wait on a given clock (for tests).</summary>
    /// <param name="maxBatchSize">The most writes one batch takes.</param>
    /// <param name="clock">The current time, in ticks.</param>
    /// <param name="frequency">Ticks per second.</param>
    /// <param name="yield">What the loop does between looks at the queue.</param>
    public AnsweredCallersWait(int maxBatchSize, Func<long> clock, long frequency, Func<ValueTask> yield)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        ArgumentNullException.ThrowIfNull(yield);
        _maxBatchSize = maxBatchSize;
        _clock = clock;
        _longest = (long)(MaxWait.TotalSeconds * frequency);
        _yield = yield;
    }

    /// <summary>Notes that a batch starts (its duration bounds the next wait).</summary>
    public void BatchStarted() => _started = _clock();

    /// <summary>Notes that the batch has ended and answered its callers.</summary>
    /// <param name="answered">How many callers it answered.</param>
    /// <param name="queued">How many writes were queued when it ended.</param>
    public void BatchEnded(int answered, int queued)
    {
        var now = _clock();
        _target = answered > 0 ? (int)Math.Min(_maxBatchSize, (long)queued + answered) : 0;
        _deadline = now + Math.Min(_longest, (long)(Math.Max(0, now - _started) * Fraction));
    }

    /// <summary>
    /// Waits until <paramref name="queued"/> says the answered callers are back, or the wait's time is up; returns at once when
    /// the last batch answered nobody. Each batch's wait is used once.
    /// </summary>
    /// <param name="queued">How many writes are queued now.</param>
    /// <returns>A task that completes when the wait is over.</returns>
    public async ValueTask WaitAsync(Func<int> queued)
    {
        var target = _target;
        _target = 0;
        while (queued() < target && _clock() < _deadline)
        {
            await _yield().ConfigureAwait(false);
        }
    }

    private static async ValueTask YieldAsync() => await Task.Yield();
}
