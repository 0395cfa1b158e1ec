using Billing.Core.Periods;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace Billing.Core.Tests.Periods;

public class BillingScheduleTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    private static BillingSchedule Monthly(string anchor) => new(new BillingCalendar(BillingCycle.Monthly, D(anchor), London));

    [Fact]
    public void WithCycleChange_TakesEffectWhenTheCurrentPeriodCloses()
    {
        var schedule = Monthly("2026-01-07").WithCycleChange(D("2026-02-10"), BillingCycle.Weekly);

        var change = schedule.Changes.ShouldHaveSingleItem();
        change.EffectiveFrom.ShouldBe(D("2026-03-01"));
        change.Cycle.ShouldBe(BillingCycle.Weekly);
        schedule.CycleOn(D("2026-02-28")).ShouldBe(BillingCycle.Monthly);
        schedule.CycleOn(D("2026-03-01")).ShouldBe(BillingCycle.Weekly);
        schedule.PeriodsBetween(D("2026-01-01"), D("2026-03-10")).Select(p => p.ToString()).ShouldBe(
        [
            "[2026-01-07, 2026-02-01)", "[2026-02-01, 2026-03-01)",
            "[2026-03-01, 2026-03-02)", // Sunday 1 March: the first weekly period runs to the next Sunday
            "[2026-03-02, 2026-03-09)", "[2026-03-09, 2026-03-16)",
        ]);
        schedule.IndexOf(D("2026-03-01")).ShouldBe(2);
        schedule.PeriodAt(3).ShouldBe(new BillingPeriod(D("2026-03-02"), D("2026-03-09")));
    }

    [Fact]
    public void WithCycleChange_ToAnniversaryWithAnEarlierAnchor_CutsTheFirstPeriodAtTheChange()
    {
        var schedule = Monthly("2026-01-07").WithCycleChange(D("2026-01-20"), BillingCycle.MonthlyAnniversary, D("2026-01-15"));
        schedule.PeriodContaining(D("2026-02-03")).ShouldBe(new BillingPeriod(D("2026-02-01"), D("2026-02-15")));
        schedule.PeriodContaining(D("2026-02-15")).ShouldBe(new BillingPeriod(D("2026-02-15"), D("2026-03-15")));
    }

    [Fact]
    public void WithCycleChange_IsImmutable()
    {
        var original = Monthly("2026-01-07");
        _ = original.WithCycleChange(D("2026-02-10"), BillingCycle.Daily);
        original.Changes.ShouldBeEmpty();
        original.PeriodContaining(D("2026-03-05")).ShouldBe(new BillingPeriod(D("2026-03-01"), D("2026-04-01")));
    }

    [Fact]
    public void WithCycleChange_BeforeThePendingChangeTakesEffect_IsRefused()
    {
        var schedule = Monthly("2026-01-07").WithCycleChange(D("2026-02-10"), BillingCycle.Weekly);
        var ex = Should.Throw<BillingRuleException>(() => schedule.WithCycleChange(D("2026-02-20"), BillingCycle.Daily));
        ex.Field.ShouldBe("RequestedOn");
        ex.Message.ShouldContain("2026-03-01");
        Should.Throw<BillingRuleException>(() => Monthly("2026-01-07").WithCycleChange(D("2026-01-01"), BillingCycle.Daily))
            .Message.ShouldContain("before the schedule's anchor");
    }

    [Fact]
    public void WithCycleChange_AnchorAfterTheEffectiveDay_IsRefused()
        => Should.Throw<BillingRuleException>(() => Monthly("2026-01-07").WithCycleChange(D("2026-01-10"), BillingCycle.Daily, D("2026-02-02")))
            .Field.ShouldBe("Anchor");

    [Fact]
    public void Schedule_WithoutChanges_MatchesItsCalendar()
    {
        var calendar = new BillingCalendar(BillingCycle.SemiMonthly, D("2026-02-10"), London);
        var schedule = new BillingSchedule(calendar);
        for (var date = D("2026-02-10"); date < D("2026-06-01"); date = date.PlusDays(1))
        {
            schedule.PeriodContaining(date).ShouldBe(calendar.PeriodContaining(date));
            schedule.IndexOf(date).ShouldBe(calendar.IndexOf(date));
        }

        schedule.First.ShouldBe(calendar.First);
    }

    private sealed record ChangeStep(int DaysAfterLastEffective, BillingCycle Cycle, int AnchorDaysBeforeEffective);

    [Fact]
    public void Schedule_WithRandomChanges_StaysContiguousAndNumbersPeriodsConsistently()
    {
        var steps = (from days in Gen.Choose(0, 200)
                     from cycle in PeriodGenerators.Cycle
                     from anchorBack in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 90)))
                     select new ChangeStep(days, cycle, anchorBack)).ListOf().Select(l => l.Take(6).ToArray());

        Prop.ForAll(PeriodGenerators.Case(maxDaysAfterAnchor: 3000), steps.ToArbitrary(), (c, changes) =>
        {
            var schedule = new BillingSchedule(c.Calendar);
            foreach (var step in changes)
            {
                var lastEffective = schedule.Changes.IsEmpty ? schedule.Anchor : schedule.Changes[^1].EffectiveFrom;
                var requested = lastEffective.PlusDays(step.DaysAfterLastEffective);
                var effective = schedule.PeriodContaining(requested).EndExclusive;
                schedule = schedule.WithCycleChange(requested, step.Cycle, effective.PlusDays(-step.AnchorDaysBeforeEffective));
                if (schedule.Changes[^1].EffectiveFrom != effective || schedule.PeriodContaining(effective).Start != effective)
                {
                    return false;
                }
            }

            // Walk every period from the first to a date past the last change: contiguous, numbered 0, 1, 2 …,
            // and each one after a change is the new calendar's period, cut to start no earlier than the change.
            var end = (schedule.Changes.IsEmpty ? schedule.Anchor : schedule.Changes[^1].EffectiveFrom).PlusDays(100);
            var period = schedule.First;
            var index = 0;
            while (period.Start < end)
            {
                if (schedule.PeriodAt(index) != period || schedule.IndexOf(period.Start) != index
                    || schedule.IndexOf(period.End) != index || schedule.PeriodContaining(period.End) != period)
                {
                    return false;
                }

                var inForce = schedule.Changes.LastOrDefault(ch => ch.EffectiveFrom <= period.Start);
                var expected = inForce is null ? schedule.Initial.PeriodContaining(period.Start) : inForce.Calendar.PeriodContaining(period.Start);
                var expectedStart = inForce is not null && expected.Start < inForce.EffectiveFrom ? inForce.EffectiveFrom : expected.Start;
                if (period != new BillingPeriod(expectedStart, expected.EndExclusive))
                {
                    return false;
                }

                var next = schedule.Next(period);
                if (next.Start != period.EndExclusive || schedule.Previous(next) != period)
                {
                    return false;
                }

                period = next;
                index++;
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Next_OfTheLastPeriod_IsRefusedNamingThePeriod()
    {
        var schedule = new BillingSchedule(new BillingCalendar(BillingCycle.Monthly, BillingCalendar.MaxAnchor, London));
        var last = schedule.PeriodsBetween(BillingCalendar.MaxAnchor, LocalDate.MaxIsoValue).Last();
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.Next(last)).ParamName.ShouldBe("period");
    }

    [Fact]
    public void WithCycleChange_AnchorOutsideTheSupportedRange_IsRefusedNamingIt()
        => Should.Throw<ArgumentOutOfRangeException>(() => Monthly("2026-01-01").WithCycleChange(D("2026-01-10"), BillingCycle.Weekly, LocalDate.MinIsoValue))
            .ParamName.ShouldBe("anchor");
}
