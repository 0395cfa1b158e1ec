using BenchmarkDotNet.Attributes;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// The period containing a date for the quarterly, half-yearly and yearly cycles (calendar-aligned and anniversary, under each
/// month-end policy) and the monthly anniversary under <see cref="MonthEndPolicy.LastDayOfMonth"/>, on a calendar anchored on
/// 2016-01-31 asked about 2026-01-29, beside the walking baseline.
/// </summary>
[MemoryDiagnoser]
public class MultiMonthPeriodBenchmarks
{
    private BillingCalendar _calendar = null!;
    private LocalDate _anchor;
    private LocalDate _date;

    /// <summary>The cycles and policies measured: the policy only for the cycles that read it.</summary>
    /// <returns>The cases.</returns>
    public static IEnumerable<CycleAndPolicy> Cases()
    {
        yield return new CycleAndPolicy(BillingCycle.MonthlyAnniversary, MonthEndPolicy.LastDayOfMonth);
        foreach (var cycle in new[] { BillingCycle.Quarterly, BillingCycle.HalfYearly, BillingCycle.Yearly })
        {
            yield return new CycleAndPolicy(cycle, MonthEndPolicy.ClampTo28);
        }

        foreach (var cycle in new[] { BillingCycle.QuarterlyAnniversary, BillingCycle.HalfYearlyAnniversary, BillingCycle.YearlyAnniversary })
        {
            yield return new CycleAndPolicy(cycle, MonthEndPolicy.ClampTo28);
            yield return new CycleAndPolicy(cycle, MonthEndPolicy.LastDayOfMonth);
        }
    }

    /// <summary>The cycle and policy under test.</summary>
    [ParamsSource(nameof(Cases))]
    public CycleAndPolicy Case { get; set; } = null!;

    /// <summary>Builds a calendar anchored on 2016-01-31 in Europe/London and a date ten years later.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _anchor = new LocalDate(2016, 1, 31);
        _date = new LocalDate(2026, 1, 29);
        _calendar = new BillingCalendar(Case.Cycle, _anchor, DateTimeZoneProviders.Tzdb["Europe/London"], Case.Policy);
        if (_calendar.PeriodContaining(_date) != WalkFromAnchor())
        {
            throw new InvalidOperationException($"The engine and the walker disagree for {Case}.");
        }
    }

    /// <summary>Walks from the anchor one period at a time.</summary>
    /// <returns>The period containing the date.</returns>
    [Benchmark(Baseline = true)]
    public BillingPeriod WalkFromAnchor() => PeriodWalker.Walk(Case.Cycle, _anchor, _date, Case.Policy);

    /// <summary>The period containing a local date.</summary>
    /// <returns>The period.</returns>
    [Benchmark]
    public BillingPeriod PeriodContainingDate() => _calendar.PeriodContaining(_date);

    /// <summary>A cycle and a month-end policy, named in the results table.</summary>
    /// <param name="Cycle">The cycle.</param>
    /// <param name="Policy">The policy.</param>
    public sealed record CycleAndPolicy(BillingCycle Cycle, MonthEndPolicy Policy)
    {
        /// <summary>The case as the results table shows it (at most 20 characters): <c>QuarterlyAnniv/28</c> for
        /// <see cref="BillingCycle.QuarterlyAnniversary"/> under <see cref="MonthEndPolicy.ClampTo28"/>, <c>…/Last</c> for
        /// <see cref="MonthEndPolicy.LastDayOfMonth"/>.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
            => BillingCalendar.IsAnniversary(Cycle)
                ? $"{Cycle.ToString().Replace("Anniversary", "Anniv", StringComparison.Ordinal)}/{(Policy == MonthEndPolicy.ClampTo28 ? "28" : "Last")}"
                : Cycle.ToString();
    }
}
