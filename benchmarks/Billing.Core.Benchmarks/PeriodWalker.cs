using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>The naive way to find a period: step from the anchor one period at a time with NodaTime arithmetic.</summary>
internal static class PeriodWalker
{
    public static BillingPeriod Walk(BillingCycle cycle, LocalDate anchor, LocalDate date, MonthEndPolicy policy = MonthEndPolicy.ClampTo28)
    {
        var start = anchor;
        var n = 1;
        var end = NextStart(cycle, anchor, start, policy, n);
        while (end <= date)
        {
            start = end;
            end = NextStart(cycle, anchor, start, policy, ++n);
        }

        return new BillingPeriod(start, end);
    }

    /// <summary>The start of period <paramref name="n"/>, given the start of period n − 1.</summary>
    public static LocalDate NextStart(BillingCycle cycle, LocalDate anchor, LocalDate start, MonthEndPolicy policy = MonthEndPolicy.ClampTo28, int n = 1)
    {
        var firstOfNextMonth = new LocalDate(start.Year, start.Month, 1).PlusMonths(1);
        return cycle switch
        {
            BillingCycle.Daily => start.PlusDays(1),
            BillingCycle.Weekly => start.Next(IsoDayOfWeek.Monday),
            BillingCycle.SemiMonthly => start.Day < 16 ? new LocalDate(start.Year, start.Month, 16) : firstOfNextMonth,
            BillingCycle.Monthly => firstOfNextMonth,
            BillingCycle.Quarterly => firstOfNextMonth.PlusMonths((12 - firstOfNextMonth.Month + 1) % 3),
            BillingCycle.HalfYearly => firstOfNextMonth.PlusMonths((12 - firstOfNextMonth.Month + 1) % 6),
            BillingCycle.Yearly => new LocalDate(start.Year + 1, 1, 1),
            BillingCycle.MonthlyAnniversary => Anniversary(anchor, policy, n),
            BillingCycle.QuarterlyAnniversary => Anniversary(anchor, policy, 3 * n),
            BillingCycle.HalfYearlyAnniversary => Anniversary(anchor, policy, 6 * n),
            BillingCycle.YearlyAnniversary => Anniversary(anchor, policy, 12 * n),
            _ => start.PlusDays(30),
        };
    }

    private static LocalDate Anniversary(LocalDate anchor, MonthEndPolicy policy, int months)
        => policy == MonthEndPolicy.LastDayOfMonth
            ? anchor.PlusMonths(months)
            : new LocalDate(anchor.Year, anchor.Month, Math.Min(anchor.Day, 28)).PlusMonths(months);
}
