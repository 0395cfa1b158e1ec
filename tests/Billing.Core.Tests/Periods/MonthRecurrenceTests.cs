using Billing.Core.Periods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace Billing.Core.Tests.Periods;

public class MonthRecurrenceTests
{
    private static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    private static LocalDate[] Dates(MonthRecurrence recurrence, int count) => Enumerable.Range(0, count).Select(recurrence.DateOf).ToArray();

    [Fact]
    public void Aligned_Quarterly_StartsOnTheQuarterDayOnOrBeforeTheAnchor()
        => Dates(MonthRecurrence.Aligned(D("2026-02-10"), 3), 3).ShouldBe([D("2026-01-01"), D("2026-04-01"), D("2026-07-01")]);

    [Theory]
    [InlineData(1, "2026-11-01")]
    [InlineData(3, "2026-10-01")]
    [InlineData(6, "2026-07-01")]
    [InlineData(12, "2026-01-01")]
    public void Aligned_OccurrenceZero_IsTheFirstDayOfTheStepHoldingTheAnchor(int step, string first)
        => MonthRecurrence.Aligned(D("2026-11-30"), step).DateOf(0).ShouldBe(D(first));

    [Fact]
    public void Anniversary_ClampTo28_RecursOnThe28thFromTheAnchorsMonth()
        => Dates(MonthRecurrence.Anniversary(D("2026-01-31"), 1, MonthEndPolicy.ClampTo28), 3).ShouldBe([D("2026-01-28"), D("2026-02-28"), D("2026-03-28")]);

    [Fact]
    public void Anniversary_LastDayOfMonth_ClampsToEachMonthsLength()
        => Dates(MonthRecurrence.Anniversary(D("2023-11-30"), 3, MonthEndPolicy.LastDayOfMonth), 4)
            .ShouldBe([D("2023-11-30"), D("2024-02-29"), D("2024-05-30"), D("2024-08-30")]);

    [Theory]
    [InlineData(MonthEndPolicy.ClampTo28)]
    [InlineData(MonthEndPolicy.LastDayOfMonth)]
    public void Anniversary_DayUpTo28_IsKeptUnderEitherPolicy(MonthEndPolicy policy)
        => Dates(MonthRecurrence.Anniversary(D("2026-01-28"), 1, policy), 2).ShouldBe([D("2026-01-28"), D("2026-02-28")]);

    [Fact]
    public void DayIn_ClampsOnlyWhenTheDayIsPastTheMonthsEnd()
    {
        var recurrence = MonthRecurrence.Anniversary(D("2026-01-31"), 1, MonthEndPolicy.LastDayOfMonth);
        recurrence.DayIn(CivilMonths.Number(2026, 2)).ShouldBe(28);
        recurrence.DayIn(CivilMonths.Number(2026, 4)).ShouldBe(30);
        recurrence.DayIn(CivilMonths.Number(2026, 5)).ShouldBe(31);
    }

    [Theory]
    [InlineData("2026-04-29", 0)] // the day before the occurrence in April still belongs to January's
    [InlineData("2026-04-30", 1)]
    [InlineData("2026-05-15", 1)] // a month the recurrence skips
    [InlineData("2026-07-30", 1)]
    [InlineData("2026-07-31", 2)]
    public void LastOnOrBefore_CountsTheOccurrencesUpToTheDate(string date, int expected)
    {
        var recurrence = MonthRecurrence.Anniversary(D("2026-01-31"), 3, MonthEndPolicy.LastDayOfMonth);
        var d = D(date);
        recurrence.LastOnOrBefore(CivilMonths.Number(d), d.Day).ShouldBe(expected);
    }

    [Property(MaxTest = 2000)]
    public Property LastOnOrBefore_IsTheInverseOfDateOf()
    {
        var gen = from step in Gen.Elements(1, 3, 6, 12)
                  from anchorDays in Gen.Choose(-30_000, 30_000)
                  from policy in Gen.Elements(MonthEndPolicy.ClampTo28, MonthEndPolicy.LastDayOfMonth)
                  from aligned in Gen.Elements(true, false)
                  from occurrence in Gen.Choose(0, 1_000)
                  from daysAfter in Gen.Choose(0, 400)
                  select (step, anchor: new LocalDate(2000, 1, 1).PlusDays(anchorDays), policy, aligned, occurrence, daysAfter);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var recurrence = c.aligned ? MonthRecurrence.Aligned(c.anchor, c.step) : MonthRecurrence.Anniversary(c.anchor, c.step, c.policy);
            var date = recurrence.DateOf(c.occurrence);
            var next = recurrence.DateOf(c.occurrence + 1);
            var inside = date.PlusDays(c.daysAfter % Period.Between(date, next, PeriodUnits.Days).Days);
            return recurrence.LastOnOrBefore(CivilMonths.Number(date), date.Day) == c.occurrence
                   && recurrence.LastOnOrBefore(CivilMonths.Number(inside), inside.Day) == c.occurrence
                   && recurrence.DayNumberOf(c.occurrence) == CivilDays.FromDate(date)
                   && CivilMonths.Number(date) == recurrence.MonthOf(c.occurrence)
                   && date <= c.anchor == (c.occurrence == 0);
        });
    }
}
