using Billing.Core.Periods;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Core.Tests.Support;

/// <summary>A calendar to test and a date in it, given as the number of days after the anchor.</summary>
public sealed record CalendarCase(BillingCycle Cycle, LocalDate Anchor, string ZoneId, int DaysAfterAnchor)
{
    public BillingCalendar Calendar => new(Cycle, Anchor, DateTimeZoneProviders.Tzdb[ZoneId]);

    public LocalDate Date => Anchor.PlusDays(DaysAfterAnchor);

    public override string ToString() => $"{Cycle} anchor {Anchor:uuuu-MM-dd} zone {ZoneId} date {Date:uuuu-MM-dd} (+{DaysAfterAnchor})";
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

    public static Gen<BillingCycle> Cycle => Gen.Elements(Enum.GetValues<BillingCycle>());

    /// <summary>Dates from 1900 to 2200, with month ends (the 28th–31st) over-represented.</summary>
    public static Gen<LocalDate> Anchor =>
        from year in Gen.Choose(1900, 2200)
        from month in Gen.Choose(1, 12)
        from day in Gen.Frequency((3, Gen.Choose(1, 31)), (2, Gen.Choose(27, 31)))
        select new LocalDate(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month)));

    public static Gen<string> Zone =>
        Gen.Frequency((3, Gen.Elements(InterestingZones)), (1, Gen.Elements(DateTimeZoneProviders.Tzdb.Ids.ToArray())));

    /// <summary>Days after the anchor: mostly within a few years, sometimes far (up to ~300 years).</summary>
    public static Gen<int> DaysAfterAnchor =>
        Gen.Frequency((4, Gen.Choose(0, 800)), (2, Gen.Choose(0, 20_000)), (1, Gen.Choose(0, 110_000)));

    public static Arbitrary<CalendarCase> Case(int maxDaysAfterAnchor = int.MaxValue) =>
        Arb.From(
            from cycle in Cycle
            from anchor in Anchor
            from zone in Zone
            from days in DaysAfterAnchor
            select new CalendarCase(cycle, anchor, zone, Math.Min(days, maxDaysAfterAnchor)),
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
    /// An independent statement of SPEC §2's table, built on NodaTime primitives: the day after the period that starts on
    /// <paramref name="start"/>. Used to walk periods one by one and compare with the O(1) engine.
    /// </summary>
    public static LocalDate NaiveNextStart(BillingCycle cycle, LocalDate anchor, LocalDate start)
    {
        var firstOfNextMonth = new LocalDate(start.Year, start.Month, 1).PlusMonths(1);
        return cycle switch
        {
            BillingCycle.Daily => start.PlusDays(1),
            BillingCycle.Weekly => start.Next(IsoDayOfWeek.Monday),
            BillingCycle.SemiMonthly => start.Day < 16 ? new LocalDate(start.Year, start.Month, 16) : firstOfNextMonth,
            BillingCycle.Monthly => firstOfNextMonth,
            BillingCycle.MonthlyAnniversary => firstOfNextMonth.PlusDays(Math.Min(anchor.Day, 28) - 1),
            BillingCycle.ThirtyDays => start.PlusDays(30),
            _ => throw new ArgumentOutOfRangeException(nameof(cycle)),
        };
    }
}
