using Billing.Core.Periods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Billing.Core.Tests.Periods;

public class CivilDaysTests
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);

    [Property(MaxTest = 5000)]
    public Property DayNumbers_AgreeWithNodaTimeAcrossItsWholeRange()
        => Prop.ForAll(Gen.Choose(CivilDays.MinDay, CivilDays.MaxDay).ToArbitrary(), n =>
        {
            var date = Epoch.PlusDays(n);
            return CivilDays.ToDate(n) == date
                   && CivilDays.FromDate(date) == n
                   && CivilDays.IsoDayOfWeek(n) == (int)date.DayOfWeek;
        });

    [Property(MaxTest = 5000)]
    public Property Keys_OrderDatesLikeNodaTime()
        => Prop.ForAll(Gen.Choose(CivilDays.MinDay, CivilDays.MaxDay).Two().ToArbitrary(), pair =>
        {
            var (a, b) = (Epoch.PlusDays(pair.Item1), Epoch.PlusDays(pair.Item2));
            return CivilDays.Key(a).CompareTo(CivilDays.Key(b)) == a.CompareTo(b);
        });

    [Fact]
    public void Bounds_AreNodaTimesBounds()
    {
        CivilDays.ToDate(CivilDays.MinDay).ShouldBe(LocalDate.MinIsoValue);
        CivilDays.ToDate(CivilDays.MaxDay).ShouldBe(LocalDate.MaxIsoValue);
        CivilDays.FromCivil(1970, 1, 1).ShouldBe(0);
        CivilDays.FromCivil(2000, 3, 1).ShouldBe(11017);
    }
}
