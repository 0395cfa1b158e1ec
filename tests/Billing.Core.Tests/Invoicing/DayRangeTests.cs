using Billing.Core.Invoicing;
using Billing.Core.Periods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Billing.Core.Tests.Invoicing;

public class DayRangeTests
{
    private static readonly LocalDate Base = new(2026, 1, 1);

    [Fact]
    public void Of_DatesInclusive_CountsBothEnds()
    {
        DayRange.Of(new LocalDate(2026, 4, 10), new LocalDate(2026, 4, 30)).Length.ShouldBe(21);
        DayRange.Of(new LocalDate(2026, 4, 30), new LocalDate(2026, 4, 30)).Length.ShouldBe(1);
    }

    [Fact]
    public void Of_OpenEnd_RunsToNodaTimesLastDay()
    {
        var range = DayRange.Of(new LocalDate(2026, 4, 10), null);
        range.First.ShouldBe(CivilDays.FromDate(new LocalDate(2026, 4, 10)));
        range.Last.ShouldBe(CivilDays.MaxDay);
    }

    [Fact]
    public void Of_Period_IsItsDaysWithoutTheEndExclusive()
    {
        var range = DayRange.Of(new BillingPeriod(new LocalDate(2026, 4, 1), new LocalDate(2026, 5, 1)));
        range.First.ShouldBe(CivilDays.FromDate(new LocalDate(2026, 4, 1)));
        range.Last.ShouldBe(CivilDays.FromDate(new LocalDate(2026, 4, 30)));
        range.Length.ShouldBe(30);
    }

    [Fact]
    public void All_SpansNodaTimesWholeRange()
    {
        DayRange.All.First.ShouldBe(CivilDays.MinDay);
        DayRange.All.Last.ShouldBe(CivilDays.MaxDay);
        DayRange.All.Length.ShouldBe(CivilDays.MaxDay - CivilDays.MinDay + 1);
    }

    [Theory]
    [InlineData(1, 10, 5, 20, 6)] // overlapping
    [InlineData(1, 10, 10, 20, 1)] // touching on one day
    [InlineData(1, 10, 11, 20, 0)] // adjacent, no shared day
    [InlineData(1, 10, 3, 4, 2)] // inside
    [InlineData(5, 4, 1, 10, 0)] // empty range
    [InlineData(1, 3, 10, 20, 0)] // far apart: the intersection ends days before it starts
    public void Overlap_CountsSharedDays(int first1, int last1, int first2, int last2, int expected)
    {
        var a = new DayRange(first1, last1);
        var b = new DayRange(first2, last2);
        a.Overlap(b).ShouldBe(expected);
        b.Overlap(a).ShouldBe(expected);
        a.Intersect(b).Length.ShouldBe(expected);
    }

    [Theory]
    [InlineData(5, 5, 1)]
    [InlineData(5, 4, 0)]
    [InlineData(5, 3, 0)]
    [InlineData(100, 1, 0)]
    public void Length_CountsTheDaysAndIsZeroWhenTheRangeEndsBeforeItStarts(int first, int last, int expected)
        => new DayRange(first, last).Length.ShouldBe(expected);

    [Fact]
    public void Intersect_KeepsTheLaterStartAndTheEarlierEnd()
    {
        var shared = new DayRange(1, 10).Intersect(new DayRange(5, 20));
        shared.First.ShouldBe(5);
        shared.Last.ShouldBe(10);
    }

    [Fact]
    public void ToString_WritesIsoDatesOrNoDays()
    {
        DayRange.Of(new LocalDate(2026, 4, 10), new LocalDate(2026, 4, 30)).ToString().ShouldBe("[2026-04-10, 2026-04-30]");
        new DayRange(5, 4).ToString().ShouldBe("(no days)");
        new DayRange(5, 3).ToString().ShouldBe("(no days)");
    }

    /// <summary>The O(1) count agrees with walking the days one at a time, for owner, feature and period ranges anywhere in a few years.</summary>
    [Property(MaxTest = 2000)]
    public Property Overlap_OfThreeRanges_EqualsWalkingDayByDay()
    {
        var range = from start in Gen.Choose(0, 1500)
                    from length in Gen.Choose(-3, 400)
                    from open in Gen.Elements(false, false, false, true)
                    select (Start: Base.PlusDays(start), End: open ? (LocalDate?)null : Base.PlusDays(start + length));
        var periodGen = from start in Gen.Choose(0, 1500) from length in Gen.Choose(1, 120) select new BillingPeriod(Base.PlusDays(start), Base.PlusDays(start + length));
        return Prop.ForAll((from owner in range from feature in range from period in periodGen select (owner, feature, period)).ToArbitrary(), c =>
        {
            var fast = DayRange.Of(c.feature.Start, c.feature.End).Intersect(DayRange.Of(c.owner.Start, c.owner.End)).Overlap(DayRange.Of(c.period));
            return fast == WalkDays(c.period, c.owner.Start, c.owner.End, c.feature.Start, c.feature.End);
        });
    }

    /// <summary>The naive count: every day of the period on which both ranges hold it.</summary>
    internal static int WalkDays(BillingPeriod period, LocalDate ownerStart, LocalDate? ownerEnd, LocalDate featureStart, LocalDate? featureEnd)
    {
        var count = 0;
        for (var day = period.Start; day < period.EndExclusive; day = day.PlusDays(1))
        {
            if (day >= ownerStart && (ownerEnd is null || day <= ownerEnd) && day >= featureStart && (featureEnd is null || day <= featureEnd))
            {
                count++;
            }
        }

        return count;
    }
}
