using BenchmarkDotNet.Attributes;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>Enumerating a year of daily periods that starts ten years after the anchor.</summary>
[MemoryDiagnoser]
public class BillingPeriodEnumerationBenchmarks
{
    private readonly LocalDate _anchor = new(2016, 1, 1);
    private readonly LocalDate _from = new(2026, 1, 1);
    private readonly LocalDate _to = new(2027, 1, 1);
    private readonly BillingCalendar _calendar = new(BillingCycle.Daily, new LocalDate(2016, 1, 1), DateTimeZoneProviders.Tzdb["Europe/London"]);

    /// <summary>Walks from the anchor to the range, then through it, one period at a time.</summary>
    /// <returns>The number of days covered, so nothing is optimised away.</returns>
    [Benchmark(Baseline = true)]
    public int WalkFromAnchor()
    {
        var total = 0;
        var period = PeriodWalker.Walk(BillingCycle.Daily, _anchor, _from);
        while (period.Start < _to)
        {
            total += period.LengthInDays;
            period = new BillingPeriod(period.EndExclusive, PeriodWalker.NextStart(BillingCycle.Daily, _anchor, period.EndExclusive));
        }

        return total;
    }

    /// <summary>The engine's lazy enumeration.</summary>
    /// <returns>The number of days covered.</returns>
    [Benchmark]
    public int PeriodsBetween()
    {
        var total = 0;
        foreach (var period in _calendar.PeriodsBetween(_from, _to))
        {
            total += period.LengthInDays;
        }

        return total;
    }
}
