using Billing.Core.Periods;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Billing.Core.Tests.Periods;

/// <summary>The properties docs/billing-periods.md lists, for every cycle and month-end policy, random anchors (1900–2200),
/// dates and tzdb zones.</summary>
public class BillingCalendarPropertyTests
{
    /// <summary>Per cycle and policy: 24 combinations.</summary>
    private static readonly Config PerCycle = Config.QuickThrowOnFailure.WithMaxTest(300);

    public static TheoryData<BillingCycle, MonthEndPolicy> CyclesAndPolicies => PeriodGenerators.CyclesAndPolicies();

    [Theory]
    [MemberData(nameof(CyclesAndPolicies))]
    public void PeriodContaining_ContainsTheDate_AndNeighboursAreContiguousAndDisjoint(BillingCycle cycle, MonthEndPolicy policy)
        => Prop.ForAll(PeriodGenerators.Case(cycle, policy), c =>
        {
            var calendar = c.Calendar;
            var period = calendar.PeriodContaining(c.Date);
            var next = calendar.Next(period);
            var ok = period.Contains(c.Date)
                     && next.Start == period.EndExclusive
                     && !next.Contains(c.Date)
                     && calendar.Previous(next) == period
                     && calendar.PeriodAt(calendar.IndexOf(c.Date)) == period
                     && calendar.IndexOf(next.Start) == calendar.IndexOf(c.Date) + 1
                     && calendar.TryPeriodContaining(c.Date, out var tried) && tried == period;
            if (period.Start == c.Anchor)
            {
                return ok && calendar.IndexOf(c.Date) == 0 && period == calendar.First;
            }

            var previous = calendar.Previous(period);
            return ok && previous.EndExclusive == period.Start && !previous.Contains(c.Date) && calendar.Next(previous) == period;
        }).Check(PerCycle);

    [Theory]
    [MemberData(nameof(CyclesAndPolicies))]
    public void PeriodContaining_AgreesWithWalkingFromTheAnchorPeriodByPeriod_WithinFiftyYears(BillingCycle cycle, MonthEndPolicy policy)
        => Prop.ForAll(PeriodGenerators.Case(cycle, policy, maxDaysAfterAnchor: PeriodGenerators.FiftyYears), c =>
        {
            // Walk from the anchor with NodaTime's own arithmetic: an independent reading of the cycle table.
            var index = 0;
            var walked = default(BillingPeriod);
            foreach (var period in PeriodGenerators.NaivePeriods(c.Cycle, c.Anchor, c.Policy))
            {
                if (period.EndExclusive > c.Date)
                {
                    walked = period;
                    break;
                }

                index++;
            }

            var calendar = c.Calendar;
            return calendar.PeriodContaining(c.Date) == walked && calendar.IndexOf(c.Date) == index && calendar.PeriodAt(index) == walked;
        }).Check(PerCycle);

    [Theory]
    [MemberData(nameof(CyclesAndPolicies))]
    public void Lengths_StayWithinTheCycleBounds_AndBoundariesFallOnTheCycleDays(BillingCycle cycle, MonthEndPolicy policy)
        => Prop.ForAll(PeriodGenerators.Case(cycle, policy), c =>
        {
            var calendar = c.Calendar;
            var period = calendar.PeriodContaining(c.Date);
            var length = Period.Between(period.Start, period.EndExclusive, PeriodUnits.Days).Days;
            if (length != period.LengthInDays || period.End != period.EndExclusive.PlusDays(-1))
            {
                return false;
            }

            var first = period.Start == c.Anchor;
            var (min, max) = LengthBounds(c.Cycle);

            // A first period may be cut short by the anchor; it is full when it starts on one of the cycle's own boundaries.
            var fullFirst = c.Cycle is BillingCycle.Daily or BillingCycle.ThirtyDays
                            || (IsAnniversary(c.Cycle) && (c.Anchor.Day <= 28 || c.Policy == MonthEndPolicy.LastDayOfMonth));
            var lengthOk = first && !fullFirst ? length >= 1 && length <= max : length >= min && length <= max;
            return lengthOk && c.Cycle switch
            {
                BillingCycle.Daily or BillingCycle.ThirtyDays => Period.Between(c.Anchor, period.Start, PeriodUnits.Days).Days % min == 0,
                BillingCycle.Weekly => period.EndExclusive.DayOfWeek == IsoDayOfWeek.Monday
                                       && (first || period.Start.DayOfWeek == IsoDayOfWeek.Monday),
                BillingCycle.SemiMonthly => period.EndExclusive.Day is 1 or 16 && (first || period.Start.Day is 1 or 16),
                BillingCycle.Monthly or BillingCycle.Quarterly or BillingCycle.HalfYearly or BillingCycle.Yearly
                    => StartsAligned(period.EndExclusive, min) && (first || StartsAligned(period.Start, min)),
                _ => IsAnniversaryOf(c, period.EndExclusive) && (first || IsAnniversaryOf(c, period.Start)),
            };
        }).Check(PerCycle);

    [Theory]
    [InlineData(BillingCycle.MonthlyAnniversary)]
    [InlineData(BillingCycle.QuarterlyAnniversary)]
    [InlineData(BillingCycle.HalfYearlyAnniversary)]
    [InlineData(BillingCycle.YearlyAnniversary)]
    public void LastDayOfMonth_KeepsTheAnchorDayInEveryMonthLongEnough_AndNeverRollsOver(BillingCycle cycle)
        => Prop.ForAll(PeriodGenerators.Case(cycle, MonthEndPolicy.LastDayOfMonth), c =>
        {
            var period = c.Calendar.PeriodContaining(c.Date);
            return Enumerable.Range(1, 3).Select(n => c.Calendar.PeriodAt(c.Calendar.IndexOf(c.Date) + n - 1))
                .All(p => KeepsAnchorDay(p.Start) && KeepsAnchorDay(p.EndExclusive)) && period.Contains(c.Date);

            bool KeepsAnchorDay(LocalDate start)
            {
                var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(start.Year, start.Month);
                return start == c.Anchor
                       || (MonthsBetween(c.Anchor, start) % MonthsPerPeriod(c.Cycle) == 0
                           && (daysInMonth >= c.Anchor.Day ? start.Day == c.Anchor.Day : start.Day == daysInMonth));
            }
        }).Check(PerCycle);

    [Property(MaxTest = 1000)]
    public Property OpeningInstants_IncreaseStrictly_ExceptForPeriodsTheZoneSkipsEntirely()
        => Prop.ForAll(PeriodGenerators.Case(), c =>
        {
            var calendar = c.Calendar;
            var period = calendar.PeriodContaining(c.Date);
            var next = calendar.Next(period);
            var opens = calendar.OpensAt(period);
            var closes = calendar.ClosesAt(period);
            if (closes != calendar.OpensAt(next))
            {
                return false;
            }

            if (AllDaysSkipped(calendar.Zone, period))
            {
                return opens == closes;
            }

            // Every instant of the period maps back to it: its first and its last.
            return opens < closes
                   && calendar.PeriodContaining(opens) == period
                   && calendar.PeriodContaining(closes - Duration.Epsilon) == period
                   && calendar.PeriodContaining(closes) == next;
        });

    [Property(MaxTest = 1000)]
    public Property OpensAt_IsTheFirstInstantWhoseLocalDateIsInThePeriod()
        => Prop.ForAll(PeriodGenerators.Case(), c =>
        {
            var calendar = c.Calendar;
            var period = calendar.PeriodContaining(c.Date);
            var opens = calendar.OpensAt(period);
            var zone = calendar.Zone;
            var localBefore = (opens - Duration.Epsilon).InZone(zone).Date;
            var localAt = opens.InZone(zone).Date;
            return localBefore < period.Start && localAt >= period.Start
                   && (localAt == period.Start || AllDaysSkippedBetween(zone, period.Start, localAt));
        });

    [Property(MaxTest = 1000)]
    public Property PeriodsBetween_CoversTheRangeContiguously()
        => Prop.ForAll(PeriodGenerators.Case(), Gen.Choose(-40, 400).ToArbitrary(), (c, span) =>
        {
            var calendar = c.Calendar;
            var from = c.Date.PlusDays(-20);
            var to = c.Date.PlusDays(span);
            var periods = calendar.PeriodsBetween(from, to).ToList();
            var effectiveFrom = from < c.Anchor ? c.Anchor : from;
            if (to <= effectiveFrom)
            {
                return periods.Count == 0;
            }

            return periods.Count > 0
                   && periods[0].Contains(effectiveFrom)
                   && periods[^1].Contains(to.PlusDays(-1))
                   && periods.Zip(periods.Skip(1)).All(pair => pair.First.EndExclusive == pair.Second.Start)
                   && periods.All(p => calendar.PeriodContaining(p.Start) == p);
        });

    /// <summary>The shortest and longest period of a cycle, after the first: the sums of the shortest and longest runs of
    /// whole months (February to April is 89 days, July to September 92).</summary>
    private static (int Min, int Max) LengthBounds(BillingCycle cycle) => cycle switch
    {
        BillingCycle.Daily => (1, 1),
        BillingCycle.Weekly => (7, 7),
        BillingCycle.SemiMonthly => (13, 16),
        BillingCycle.Monthly or BillingCycle.MonthlyAnniversary => (28, 31),
        BillingCycle.Quarterly or BillingCycle.QuarterlyAnniversary => (89, 92),
        BillingCycle.HalfYearly or BillingCycle.HalfYearlyAnniversary => (181, 184),
        BillingCycle.Yearly or BillingCycle.YearlyAnniversary => (365, 366),
        BillingCycle.ThirtyDays => (30, 30),
        _ => throw new ArgumentOutOfRangeException(nameof(cycle)),
    };

    private static bool IsAnniversary(BillingCycle cycle)
        => cycle is BillingCycle.MonthlyAnniversary or BillingCycle.QuarterlyAnniversary or BillingCycle.HalfYearlyAnniversary
            or BillingCycle.YearlyAnniversary;

    private static int MonthsPerPeriod(BillingCycle cycle) => cycle switch
    {
        BillingCycle.QuarterlyAnniversary => 3,
        BillingCycle.HalfYearlyAnniversary => 6,
        BillingCycle.YearlyAnniversary => 12,
        _ => 1,
    };

    private static int MonthsBetween(LocalDate from, LocalDate to) => ((to.Year - from.Year) * 12) + to.Month - from.Month;

    /// <summary>A 1st of January for years, of January or July for half-years, of a quarter's month, of any month.</summary>
    private static bool StartsAligned(LocalDate date, int minLength)
        => date.Day == 1 && minLength switch
        {
            365 => date.Month == 1,
            181 => date.Month is 1 or 7,
            89 => date.Month is 1 or 4 or 7 or 10,
            _ => true,
        };

    /// <summary>Whether <paramref name="date"/> is an anniversary of the case's anchor: a whole number of periods' months after
    /// it, on the anchor's day clamped to the 28th (<see cref="MonthEndPolicy.ClampTo28"/>) or to the month's last day.</summary>
    private static bool IsAnniversaryOf(CalendarCase c, LocalDate date)
    {
        var months = MonthsBetween(c.Anchor, date);
        var day = c.Policy == MonthEndPolicy.ClampTo28
            ? Math.Min(c.Anchor.Day, 28)
            : Math.Min(c.Anchor.Day, CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month));
        return months > 0 && months % MonthsPerPeriod(c.Cycle) == 0 && date.Day == day;
    }

    private static bool AllDaysSkipped(DateTimeZone zone, BillingPeriod period)
        => AllDaysSkippedBetween(zone, period.Start, period.EndExclusive);

    /// <summary>Whether no instant has a local date in <c>[start, endExclusive)</c>, asked of tzdb hour by hour.</summary>
    private static bool AllDaysSkippedBetween(DateTimeZone zone, LocalDate start, LocalDate endExclusive)
    {
        for (var day = start; day < endExclusive; day = day.PlusDays(1))
        {
            for (var hour = 0; hour < 24; hour++)
            {
                if (zone.MapLocal(day.At(new LocalTime(hour, 59))).Count > 0)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
