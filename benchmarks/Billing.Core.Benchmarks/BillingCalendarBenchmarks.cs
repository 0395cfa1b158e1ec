using BenchmarkDotNet.Attributes;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// Period lookups on a calendar anchored ten years before the date asked about, beside the walking baseline
/// (period by period from the anchor) and the bare NodaTime primitive that bounds the cost (<see cref="LocalDate.PlusMonths"/>).
/// </summary>
[MemoryDiagnoser]
public class BillingCalendarBenchmarks
{
    private BillingCalendar _calendar = null!;
    private LocalDate _anchor;
    private LocalDate _date;
    private Instant _instant;
    private BillingPeriod _period;

    /// <summary>The cycle under test.</summary>
    [Params(BillingCycle.Daily, BillingCycle.Monthly, BillingCycle.MonthlyAnniversary)]
    public BillingCycle Cycle { get; set; }

    /// <summary>Builds a calendar anchored on 2016-01-30 in Europe/London and a date ten years later.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _anchor = new LocalDate(2016, 1, 30);
        _date = new LocalDate(2026, 1, 29);
        _calendar = new BillingCalendar(Cycle, _anchor, DateTimeZoneProviders.Tzdb["Europe/London"]);
        _instant = Instant.FromUtc(2026, 1, 29, 12, 0);
        _period = _calendar.PeriodContaining(_date);
    }

    /// <summary>Walks from the anchor one period at a time.</summary>
    /// <returns>The period containing the date.</returns>
    [Benchmark(Baseline = true)]
    public BillingPeriod WalkFromAnchor() => PeriodWalker.Walk(Cycle, _anchor, _date);

    /// <summary>The NodaTime primitive a month-based lookup cannot beat by much.</summary>
    /// <returns>The date a month later.</returns>
    [Benchmark]
    public LocalDate NodaTimePlusMonths() => _date.PlusMonths(1);

    /// <summary>The period containing a local date.</summary>
    /// <returns>The period.</returns>
    [Benchmark]
    public BillingPeriod PeriodContainingDate() => _calendar.PeriodContaining(_date);

    /// <summary>The period containing an instant (local date in Europe/London first).</summary>
    /// <returns>The period.</returns>
    [Benchmark]
    public BillingPeriod PeriodContainingInstant() => _calendar.PeriodContaining(_instant);

    /// <summary>The period after a given one.</summary>
    /// <returns>The next period.</returns>
    [Benchmark]
    public BillingPeriod Next() => _calendar.Next(_period);

    /// <summary>The instant a period opens, DST-aware.</summary>
    /// <returns>The instant.</returns>
    [Benchmark]
    public Instant OpensAt() => _calendar.OpensAt(_period);
}
