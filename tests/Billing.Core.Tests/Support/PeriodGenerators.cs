using Billing.Core.Periods;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Core.Tests.Support;

/// <summary>A calendar to test and a date in it, given as the number of days after the anchor.</summary>
public sealed record CalendarCase(BillingCycle Cycle, LocalDate Anchor, string ZoneId, int DaysAfterAnchor, MonthEndPolicy Policy = MonthEndPolicy.ClampTo28)
{
    public BillingCalendar Calendar => new(Cycle, Anchor, DateTimeZoneProviders.Tzdb[ZoneId], Policy);

    public LocalDate Date => Anchor.PlusDays(DaysAfterAnchor);

    public override string ToString()
        => $"{Cycle} ({Policy}) anchor {Anchor:uuuu-MM-dd} zone {ZoneId} date {Date:uuuu-MM-dd} (+{DaysAfterAnchor})";
}

/// <summary>FsCheck generators and shrinkers for the billing-period engine.</summary>
public static class PeriodGenerators
{
    /// <summary>Zones with awkward rules (DST at midnight, skipped days, half-hour shifts), weighted above the rest of tzdb.</summary>
    public static readonly string[] InterestingZones =
    [
        "UTC", "Europe/London", "America/Sao_Paulo", "America/Santiago", "Pacific/Apia", "Australia/Lord_Howe",
        "Asia/Kolkata", "America/Havana", "Asia/Beirut", "Africa/Casablanca", "Pacific/Kiritimati", "America/St_Johns",
    ];

    /// <summary>Days in 50 years: how far from the anchor the walking comparison looks.</summary>
    public const int FiftyYears = (50 * 365) + 12;

    public static Gen<BillingCycle> Cycle => Gen.Elements(Enum.GetValues<BillingCycle>());

    public static Gen<MonthEndPolicy> Policy => Gen.Elements(Enum.GetValues<MonthEndPolicy>());

    /// <summary>Every cycle with every month-end policy, for theories that check a property of each.</summary>
    public static TheoryData<BillingCycle, MonthEndPolicy> CyclesAndPolicies()
    {
        var data = new TheoryData<BillingCycle, MonthEndPolicy>();
        foreach (var cycle in Enum.GetValues<BillingCycle>())
        {
            foreach (var policy in Enum.GetValues<MonthEndPolicy>())
            {
                data.Add(cycle, policy);
            }
        }

        return data;
    }

    /// <summary>Dates from 1900 to 2200, with month ends (the 28th–31st, 29 February) over-represented.</summary>
    public static Gen<LocalDate> Anchor =>
        Gen.Frequency(
            (10, from year in Gen.Choose(1900, 2200)
                 from month in Gen.Choose(1, 12)
                 from day in Gen.Frequency((3, Gen.Choose(1, 31)), (2, Gen.Choose(27, 31)))
                 select new LocalDate(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month)))),
            (1, from leap in Gen.Choose(1900 / 4, 2200 / 4)
                let year = leap * 4
                select new LocalDate(year, 2, CalendarSystem.Iso.GetDaysInMonth(year, 2))));

    public static Gen<string> Zone =>
        Gen.Frequency((3, Gen.Elements(InterestingZones)), (1, Gen.Elements(DateTimeZoneProviders.Tzdb.Ids.ToArray())));

    /// <summary>Days after the anchor: mostly within a few years, sometimes far (up to ~300 years).</summary>
    public static Gen<int> DaysAfterAnchor =>
        Gen.Frequency((4, Gen.Choose(0, 800)), (2, Gen.Choose(0, 20_000)), (1, Gen.Choose(0, 110_000)));

    /// <summary>Random cycles, policies, anchors, zones and dates.</summary>
    public static Arbitrary<CalendarCase> Case(int maxDaysAfterAnchor = int.MaxValue) =>
        Arb.From(
            from cycle in Cycle
            from policy in Policy
            from anchor in Anchor
            from zone in Zone
            from days in DaysAfterAnchor
            select new CalendarCase(cycle, anchor, zone, Math.Min(days, maxDaysAfterAnchor), policy),
            Shrink);

    /// <summary>Random anchors, zones and dates for one cycle and policy.</summary>
    public static Arbitrary<CalendarCase> Case(BillingCycle cycle, MonthEndPolicy policy, int maxDaysAfterAnchor = int.MaxValue) =>
        Arb.From(
            from anchor in Anchor
            from zone in Zone
            from days in DaysAfterAnchor
            select new CalendarCase(cycle, anchor, zone, Math.Min(days, maxDaysAfterAnchor), policy),
            Shrink);

    /// <summary>Shrinks towards a date near the anchor, the UTC zone, an anchor in 2000 and an earlier day of month.</summary>
    public static IEnumerable<CalendarCase> Shrink(CalendarCase c)
    {
        if (c.DaysAfterAnchor > 0)
        {
            yield return c with { DaysAfterAnchor = 0 };
            yield return c with { DaysAfterAnchor = c.DaysAfterAnchor / 2 };
            yield return c with { DaysAfterAnchor = c.DaysAfterAnchor - 1 };
        }

        if (c.ZoneId != "UTC")
        {
            yield return c with { ZoneId = "UTC" };
        }

        if (c.Anchor.Year != 2000)
        {
            var day = Math.Min(c.Anchor.Day, CalendarSystem.Iso.GetDaysInMonth(2000, c.Anchor.Month));
            yield return c with { Anchor = new LocalDate(2000, c.Anchor.Month, day) };
        }

        if (c.Anchor.Month != 1)
        {
            yield return c with { Anchor = new LocalDate(c.Anchor.Year, 1, c.Anchor.Day) };
        }

        if (c.Anchor.Day > 1 && c.Anchor.Day is not (29 or 30 or 31))
        {
            yield return c with { Anchor = new LocalDate(c.Anchor.Year, c.Anchor.Month, 1) };
        }
    }

    /// <summary>
    /// An independent statement of the cycle table in docs/billing-periods.md, built on NodaTime primitives and stepping one
    /// month or one day at a time: every period of the calendar, in order, from the anchor. Used to walk periods one by one and
    /// compare with the O(1) engine, whose formulas it does not share.
    /// </summary>
    public static IEnumerable<BillingPeriod> NaivePeriods(BillingCycle cycle, LocalDate anchor, MonthEndPolicy policy)
    {
        var start = anchor;
        for (var n = 1; ; n++)
        {
            var next = NaiveStart(cycle, anchor, policy, start, n);
            yield return new BillingPeriod(start, next);
            start = next;
        }
    }

    /// <summary>The start of period <paramref name="n"/> (n ≥ 1), given the start of period n − 1.</summary>
    private static LocalDate NaiveStart(BillingCycle cycle, LocalDate anchor, MonthEndPolicy policy, LocalDate previous, int n)
    {
        var firstOfNextMonth = new LocalDate(previous.Year, previous.Month, 1).PlusMonths(1);
        return cycle switch
        {
            BillingCycle.Daily => previous.PlusDays(1),
            BillingCycle.Weekly => previous.Next(IsoDayOfWeek.Monday),
            BillingCycle.SemiMonthly => previous.Day < 16 ? new LocalDate(previous.Year, previous.Month, 16) : firstOfNextMonth,
            BillingCycle.Monthly => firstOfNextMonth,
            BillingCycle.Quarterly => NextFirstOfMonthIn(previous, 1, 4, 7, 10),
            BillingCycle.HalfYearly => NextFirstOfMonthIn(previous, 1, 7),
            BillingCycle.Yearly => NextFirstOfMonthIn(previous, 1),
            BillingCycle.MonthlyAnniversary => Anniversary(anchor, policy, 1 * n),
            BillingCycle.QuarterlyAnniversary => Anniversary(anchor, policy, 3 * n),
            BillingCycle.HalfYearlyAnniversary => Anniversary(anchor, policy, 6 * n),
            BillingCycle.YearlyAnniversary => Anniversary(anchor, policy, 12 * n),
            BillingCycle.ThirtyDays => previous.PlusDays(30),
            _ => throw new ArgumentOutOfRangeException(nameof(cycle)),
        };
    }

    /// <summary>The next 1st of a month among <paramref name="months"/> after <paramref name="date"/>, found month by month.</summary>
    private static LocalDate NextFirstOfMonthIn(LocalDate date, params int[] months)
    {
        var first = new LocalDate(date.Year, date.Month, 1).PlusMonths(1);
        while (!months.Contains(first.Month))
        {
            first = first.PlusMonths(1);
        }

        return first;
    }

    /// <summary>
    /// The anniversary <paramref name="months"/> months after the anchor, always counted from the anchor (never from the previous
    /// period, whose day may already be clamped). NodaTime's <see cref="LocalDate.PlusMonths"/> keeps the day and clamps it to the
    /// end of shorter months, which is <see cref="MonthEndPolicy.LastDayOfMonth"/>; <see cref="MonthEndPolicy.ClampTo28"/> counts
    /// from the anchor's month on day min(N, 28) instead.
    /// </summary>
    private static LocalDate Anniversary(LocalDate anchor, MonthEndPolicy policy, int months)
        => policy == MonthEndPolicy.LastDayOfMonth
            ? anchor.PlusMonths(months)
            : new LocalDate(anchor.Year, anchor.Month, Math.Min(anchor.Day, 28)).PlusMonths(months);
}
