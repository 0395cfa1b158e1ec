using Billing.Core.Periods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Billing.Core.Tests.Periods;

public class CivilMonthsTests
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);

    private static Gen<LocalDate> AnyDate => Gen.Choose(CivilDays.MinDay, CivilDays.MaxDay).Select(n => Epoch.PlusDays(n));

    [Property(MaxTest = 5000)]
    public Property Numbers_AgreeWithNodaTimesMonthsAcrossItsWholeRange()
        => Prop.ForAll(AnyDate.Two().ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            var monthsApart = CivilMonths.Number(b) - CivilMonths.Number(a);
            var number = CivilMonths.Number(a);
            return number >= 0
                   && CivilMonths.Number(a.Year, a.Month) == number
                   && new LocalDate(a.Year, a.Month, 1).PlusMonths(monthsApart) == new LocalDate(b.Year, b.Month, 1)
                   && CivilMonths.Year(number) == a.Year
                   && CivilMonths.Month(number) == a.Month
                   && CivilMonths.DaysIn(number) == CalendarSystem.Iso.GetDaysInMonth(a.Year, a.Month)
                   && CivilMonths.Date(number, a.Day) == a
                   && CivilMonths.DayNumber(number, a.Day) == CivilDays.FromDate(a);
        });

    [Theory]
    [InlineData(2024, 2, 29)] // divisible by 4
    [InlineData(2023, 2, 28)]
    [InlineData(2100, 2, 28)] // by 100, not by 400
    [InlineData(2000, 2, 29)] // by 400
    [InlineData(-4, 2, 29)]
    [InlineData(-100, 2, 28)]
    [InlineData(-400, 2, 29)]
    [InlineData(9999, 12, 31)]
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 1, 31)]
    public void DaysIn_KnowsLeapYearsAndMonthLengths(int year, int month, int days)
        => CivilMonths.DaysIn(CivilMonths.Number(year, month)).ShouldBe(days);

    [Fact]
    public void Numbers_StartQuartersAndHalfYearsOnMultiplesOfThreeAndSix()
    {
        (CivilMonths.Number(2026, 1) % 12).ShouldBe(0);
        (CivilMonths.Number(2026, 4) % 3).ShouldBe(0);
        (CivilMonths.Number(2026, 7) % 6).ShouldBe(0);
        (CivilMonths.Number(2026, 10) % 3).ShouldBe(0);
        (CivilMonths.Number(-9998, 1) % 12).ShouldBe(0);
        CivilMonths.Number(-10_000, 1).ShouldBe(0);
    }

    [Fact]
    public void DayNumber_JustPastNodaTimesRange_IsTheNextDayNumber()
        => CivilMonths.DayNumber(CivilMonths.Number(9999, 12) + 1, 1).ShouldBe(CivilDays.MaxDay + 1);
}
