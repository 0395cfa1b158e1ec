using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>The naive way to find a period: step from the anchor one period at a time with NodaTime arithmetic.</summary>
internal static class PeriodWalker
{
    public static BillingPeriod Walk(BillingCycle cycle, LocalDate anchor, LocalDate date)
    {
        var start = anchor;
        var end = NextStart(cycle, anchor, start);
        while (end <= date)
        {
            start = end;
            end = NextStart(cycle, anchor, start);
        }

        return new BillingPeriod(start, end);
    }

    public static LocalDate NextStart(BillingCycle cycle, LocalDate anchor, LocalDate start)
    {
        var firstOfNextMonth = new LocalDate(start.Year, start.Month, 1).PlusMonths(1);
        return cycle switch
        {
            BillingCycle.Daily => start.PlusDays(1),
            BillingCycle.Weekly => start.Next(IsoDayOfWeek.Monday),
            BillingCycle.SemiMonthly => start.Day < 16 ? new LocalDate(start.Year, start.Month, 16) : firstOfNextMonth,
            BillingCycle.Monthly => firstOfNextMonth,
            BillingCycle.MonthlyAnniversary => firstOfNextMonth.PlusDays(Math.Min(anchor.Day, 28) - 1),
            _ => start.PlusDays(30),
        };
    }
}
