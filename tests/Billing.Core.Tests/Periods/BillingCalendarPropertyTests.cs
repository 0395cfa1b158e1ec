using Billing.Core.Periods;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Core.Tests.Periods;

/// <summary>The properties SPEC §2 lists, for random cycles, anchors (1900–2200), dates and tzdb zones.</summary>
public class BillingCalendarPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(1000);

    [Fact]
    public void PeriodContaining_ContainsTheDate_AndNeighboursAreContiguousAndDisjoint()
        => Prop.ForAll(PeriodGenerators.Case(), c =>
        {
            var calendar = c.Calendar;
            var period = calendar.PeriodContaining(c.Date);
            var next = calendar.Next(period);
            var ok = period.Contains(c.Date)
                     && next.Start == period.EndExclusive
                     && !next.Contains(c.Date)
                     && calendar.Previous(next) == period
                     && calendar.PeriodAt(calendar.IndexOf(c.Date)) == period
                     && calendar.IndexOf(next.Start) == calendar.IndexOf(c.Date) + 1;
            if (period.Start == c.Anchor)
            {
                return ok && calendar.IndexOf(c.Date) == 0 && period == calendar.First;
            }

            var previous = calendar.Previous(period);
            return ok && previous.EndExclusive == period.Start && !previous.Contains(c.Date) && calendar.Next(previous) == period;
        }).Check(Quick);

    [Fact]
    public void PeriodContaining_AgreesWithWalkingTheSpecTablePeriodByPeriod()
        => Prop.ForAll(PeriodGenerators.Case(maxDaysAfterAnchor: 1500), c =>
        {
            // Walk from the anchor with NodaTime's own arithmetic: an independent reading of the table in SPEC §2.
            var start = c.Anchor;
            var end = PeriodGenerators.NaiveNextStart(c.Cycle, c.Anchor, start);
            var index = 0;
            while (end <= c.Date)
            {
                start = end;
                end = PeriodGenerators.NaiveNextStart(c.Cycle, c.Anchor, start);
                index++;
            }

            var calendar = c.Calendar;
            return calendar.PeriodContaining(c.Date) == new BillingPeriod(start, end) && calendar.IndexOf(c.Date) == index;
        }).Check(Quick);

    [Fact]
    public void Lengths_StayWithinTheCycleBounds_AndBoundariesFallOnTheCycleDays()
        => Prop.ForAll(PeriodGenerators.Case(), c =>
        {
            var calendar = c.Calendar;
            var period = calendar.PeriodContaining(c.Date);
            var length = Period.Between(period.Start, period.EndExclusive, PeriodUnits.Days).Days;
            if (length != period.LengthInDays || period.End != period.EndExclusive.PlusDays(-1))
            {
                return false;
            }

            var first = period.Start == c.Anchor;
            return c.Cycle switch
            {
                BillingCycle.Daily => length == 1,
                BillingCycle.Weekly => first
                    ? length is >= 1 and <= 7 && period.EndExclusive.DayOfWeek == IsoDayOfWeek.Monday
                    : length == 7 && period.Start.DayOfWeek == IsoDayOfWeek.Monday,
                BillingCycle.SemiMonthly => first
                    ? length is >= 1 and <= 16 && period.EndExclusive.Day is 1 or 16
                    : length is >= 13 and <= 16 && period.Start.Day is 1 or 16,
                BillingCycle.Monthly => first
                    ? length is >= 1 and <= 31 && period.EndExclusive.Day == 1
                    : length is >= 28 and <= 31 && period.Start.Day == 1,
                BillingCycle.MonthlyAnniversary => first
                    ? length is >= 1 and <= 31 && period.EndExclusive.Day == Math.Min(c.Anchor.Day, 28)
                      && period.EndExclusive.Month == c.Anchor.PlusMonths(1).Month
                    : length is >= 28 and <= 31 && period.Start.Day == Math.Min(c.Anchor.Day, 28),
                BillingCycle.ThirtyDays => length == 30
                    && Period.Between(c.Anchor, period.Start, PeriodUnits.Days).Days % 30 == 0,
                _ => false,
            };
        }).Check(Quick);

    [Fact]
    public void OpeningInstants_IncreaseStrictly_ExceptForPeriodsTheZoneSkipsEntirely()
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
        }).Check(Quick);

    [Fact]
    public void OpensAt_IsTheFirstInstantWhoseLocalDateIsInThePeriod()
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
        }).Check(Quick);

    [Fact]
    public void PeriodsBetween_CoversTheRangeContiguously()
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
        }).Check(Quick);

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
