using Billing.Core.Periods;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
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
        ex.Value.ShouldBe("2026-02-20");
        ex.Message.ShouldContain("2026-02-20");
        ex.Message.ShouldContain("the previous change takes effect on 2026-03-01; a new change can be requested from that day on");
        Should.Throw<BillingRuleException>(() => Monthly("2026-01-07").WithCycleChange(D("2026-01-01"), BillingCycle.Daily))
            .Message.ShouldContain("before the schedule's anchor");
    }

    [Fact]
    public void WithCycleChange_AnchorAfterTheEffectiveDay_IsRefused()
    {
        var ex = Should.Throw<BillingRuleException>(() => Monthly("2026-01-07").WithCycleChange(D("2026-01-10"), BillingCycle.Daily, D("2026-02-02")));
        ex.Field.ShouldBe("Anchor");
        ex.Value.ShouldBe("2026-02-02");
        ex.Message.ShouldContain("the new anchor must be on or before 2026-02-01, the day the change takes effect");
    }

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

        // Even for a period that is not one of its own, before the anchor.
        var before = new BillingPeriod(D("2026-01-05"), D("2026-03-29"));
        schedule.OpensAt(before).ShouldBe(calendar.OpensAt(before));
        schedule.ClosesAt(before).ShouldBe(calendar.ClosesAt(before));
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.PeriodContaining(Instant.FromUtc(2026, 2, 9, 23, 59)))
            .Message.ShouldContain("2026-02-09 is before the anchor 2026-02-10 of the billing schedule");
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => schedule.PeriodContaining(D("2026-02-09")));
        ex.Message.ShouldContain("2026-02-09 is before the anchor 2026-02-10 of the billing schedule");
        ex.ParamName.ShouldBe("date");
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.IndexOf(D("2026-02-09"))).Message.ShouldContain("of the billing schedule");
        schedule.PeriodContaining(Instant.FromUtc(2026, 2, 10, 0, 0)).ShouldBe(calendar.First);
    }

    [Fact]
    public void WithChange_PolicyOnly_KeepsTheAnchorDayAndCutsTheFirstPeriodAtTheChange()
    {
        var schedule = new BillingSchedule(new BillingCalendar(BillingCycle.MonthlyAnniversary, D("2026-01-31"), London))
            .WithChange(D("2026-03-10"), monthEndPolicy: MonthEndPolicy.LastDayOfMonth);

        var change = schedule.Changes.ShouldHaveSingleItem();
        change.EffectiveFrom.ShouldBe(D("2026-03-28"));
        change.Anchor.ShouldBe(D("2026-01-31"));
        change.Cycle.ShouldBe(BillingCycle.MonthlyAnniversary);
        change.MonthEndPolicy.ShouldBe(MonthEndPolicy.LastDayOfMonth);
        change.Zone.ShouldBe(London);
        schedule.PeriodsBetween(D("2026-01-31"), D("2026-05-31")).Select(p => p.ToString()).ShouldBe(
        [
            "[2026-01-31, 2026-02-28)", "[2026-02-28, 2026-03-28)",
            "[2026-03-28, 2026-03-31)", // cut: the new policy's period [28 Feb, 31 Mar) starts on the day the change takes effect
            "[2026-03-31, 2026-04-30)", "[2026-04-30, 2026-05-31)",
        ]);
        schedule.CalendarOn(D("2026-03-27")).MonthEndPolicy.ShouldBe(MonthEndPolicy.ClampTo28);
        schedule.CalendarOn(D("2026-03-28")).MonthEndPolicy.ShouldBe(MonthEndPolicy.LastDayOfMonth);
    }

    [Fact]
    public void WithChange_CycleAndPolicyTogether_TakeEffectTogether()
    {
        var schedule = Monthly("2026-01-07")
            .WithChange(D("2026-01-20"), BillingCycle.QuarterlyAnniversary, D("2025-11-30"), MonthEndPolicy.LastDayOfMonth);

        schedule.PeriodsBetween(D("2026-01-07"), D("2026-09-01")).Select(p => p.ToString()).ShouldBe(
        [
            "[2026-01-07, 2026-02-01)",
            "[2026-02-01, 2026-02-28)", // the quarter from 30 Nov, cut at the change
            "[2026-02-28, 2026-05-30)", "[2026-05-30, 2026-08-30)", "[2026-08-30, 2026-11-30)",
        ]);
        schedule.CycleOn(D("2026-01-31")).ShouldBe(BillingCycle.Monthly);
        schedule.CycleOn(D("2026-02-01")).ShouldBe(BillingCycle.QuarterlyAnniversary);
    }

    [Fact]
    public void WithCycleChange_KeepsThePolicyInForce()
    {
        var schedule = new BillingSchedule(new BillingCalendar(BillingCycle.MonthlyAnniversary, D("2026-01-31"), London, MonthEndPolicy.LastDayOfMonth))
            .WithCycleChange(D("2026-01-31"), BillingCycle.YearlyAnniversary);

        schedule.Changes[0].MonthEndPolicy.ShouldBe(MonthEndPolicy.LastDayOfMonth);
        schedule.Changes[0].Anchor.ShouldBe(D("2026-02-28"));
    }

    [Fact]
    public void WithChange_ZoneOnly_KeepsTheBoundariesAndMovesTheInstants()
    {
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var schedule = Monthly("2026-01-07").WithChange(D("2026-02-10"), zone: newYork);
        var february = schedule.PeriodAt(1);
        var march = schedule.PeriodAt(2);

        march.ShouldBe(new BillingPeriod(D("2026-03-01"), D("2026-04-01")));
        schedule.Changes[0].Anchor.ShouldBe(D("2026-01-07"));
        schedule.Changes[0].TakesEffectAt.ShouldBe(Instant.FromUtc(2026, 3, 1, 0, 0));
        schedule.ClosesAt(february).ShouldBe(Instant.FromUtc(2026, 3, 1, 0, 0));

        // March opens when February closed in London (19:00 on 28 February in New York), and closes at midnight in New York.
        schedule.OpensAt(march).ShouldBe(Instant.FromUtc(2026, 3, 1, 0, 0));
        schedule.ClosesAt(march).ShouldBe(Instant.FromUtc(2026, 4, 1, 4, 0));
        schedule.PeriodContaining(Instant.FromUtc(2026, 2, 28, 23, 59)).ShouldBe(february);
        schedule.PeriodContaining(Instant.FromUtc(2026, 3, 1, 2, 0)).ShouldBe(march); // 28 February, 21:00 in New York
        schedule.PeriodContaining(Instant.FromUtc(2026, 4, 1, 3, 59)).ShouldBe(march);
        schedule.PeriodContaining(Instant.FromUtc(2026, 4, 1, 4, 0)).ShouldBe(schedule.PeriodAt(3));
        schedule.Zone.ShouldBe(London);
        schedule.CalendarOn(D("2026-03-01")).Zone.ShouldBe(newYork);
    }

    [Fact]
    public void WithChange_ZoneToSaoPauloOnItsDstDay_FirstPeriodOpensWhenTheLondonPeriodClosesAndNoInstantIsLost()
    {
        // São Paulo moved its clocks from 00:00 to 01:00 (−03:00 to −02:00) on 2018-11-04, the day the change takes effect.
        var saoPaulo = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];
        var schedule = new BillingSchedule(new BillingCalendar(BillingCycle.MonthlyAnniversary, D("2018-09-04"), London))
            .WithChange(D("2018-10-10"), zone: saoPaulo);
        var october = schedule.PeriodContaining(D("2018-10-20"));
        var november = schedule.Next(october);

        october.ShouldBe(new BillingPeriod(D("2018-10-04"), D("2018-11-04")));
        november.ShouldBe(new BillingPeriod(D("2018-11-04"), D("2018-12-04")));
        schedule.ClosesAt(october).ShouldBe(Instant.FromUtc(2018, 11, 4, 0, 0)); // London midnight (GMT)
        schedule.OpensAt(november).ShouldBe(Instant.FromUtc(2018, 11, 4, 0, 0)); // 21:00 on 3 November in São Paulo
        schedule.ClosesAt(november).ShouldBe(Instant.FromUtc(2018, 12, 4, 2, 0)); // São Paulo midnight (−02:00)
        schedule.PeriodContaining(Instant.FromUtc(2018, 11, 3, 23, 59)).ShouldBe(october);
        schedule.PeriodContaining(Instant.FromUtc(2018, 11, 4, 0, 0)).ShouldBe(november);
        schedule.PeriodContaining(Instant.FromUtc(2018, 11, 4, 2, 59)).ShouldBe(november); // 23:59 on 3 November in São Paulo
        schedule.ClosedForBillingAt(october, Duration.FromHours(6)).ShouldBe(Instant.FromUtc(2018, 11, 4, 6, 0));
    }

    [Fact]
    public void WithChange_ZoneFromSaoPauloOnItsDstDay_FirstPeriodOpensAtSaoPaulosFirstInstantOfTheDay()
    {
        var saoPaulo = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];
        var schedule = new BillingSchedule(new BillingCalendar(BillingCycle.MonthlyAnniversary, D("2018-09-04"), saoPaulo))
            .WithChange(D("2018-10-10"), zone: London);
        var october = schedule.PeriodAt(1);
        var november = schedule.PeriodAt(2);

        // Midnight does not exist in São Paulo on 4 November: the day, and the change, start at 01:00 (−02:00).
        schedule.Changes[0].TakesEffectAt.ShouldBe(Instant.FromUtc(2018, 11, 4, 3, 0));
        schedule.ClosesAt(october).ShouldBe(Instant.FromUtc(2018, 11, 4, 3, 0));
        schedule.OpensAt(november).ShouldBe(Instant.FromUtc(2018, 11, 4, 3, 0));
        schedule.ClosesAt(november).ShouldBe(Instant.FromUtc(2018, 12, 4, 0, 0));
        schedule.PeriodContaining(Instant.FromUtc(2018, 11, 4, 2, 59)).ShouldBe(october); // already 4 November in London
        schedule.PeriodContaining(Instant.FromUtc(2018, 11, 4, 3, 0)).ShouldBe(november);
    }

    [Fact]
    public void WithChange_DailyZoneJumpOverADay_ThePeriodOfTheSkippedDateOpensAndClosesAtTheSameInstant()
    {
        // Pago Pago is at −11:00 and Kiritimati at +14:00: when the change takes effect it is already 12 March in Kiritimati.
        var schedule = new BillingSchedule(new BillingCalendar(BillingCycle.Daily, D("2026-03-01"), DateTimeZoneProviders.Tzdb["Pacific/Pago_Pago"]))
            .WithChange(D("2026-03-10"), zone: DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"]);
        var eleventh = schedule.PeriodContaining(D("2026-03-11"));
        var twelfth = schedule.Next(eleventh);
        var change = Instant.FromUtc(2026, 3, 11, 11, 0);

        schedule.ClosesAt(schedule.Previous(eleventh)).ShouldBe(change);
        schedule.OpensAt(eleventh).ShouldBe(change);
        schedule.ClosesAt(eleventh).ShouldBe(change);
        schedule.OpensAt(twelfth).ShouldBe(change);
        schedule.ClosesAt(twelfth).ShouldBe(Instant.FromUtc(2026, 3, 12, 10, 0));
        schedule.PeriodContaining(change).ShouldBe(twelfth);
        schedule.PeriodContaining(change - Duration.Epsilon).ShouldBe(schedule.Previous(eleventh));
    }

    [Fact]
    public void WithChange_Nothing_IsRefused()
        => Should.Throw<ArgumentException>(() => Monthly("2026-01-07").WithChange(D("2026-01-10")))
            .Message.ShouldContain("none was given");

    [Fact]
    public void WithChange_UndefinedPolicyOrNonIsoAnchor_IsRefused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Monthly("2026-01-07").WithChange(D("2026-01-10"), monthEndPolicy: (MonthEndPolicy)0));
        Should.Throw<ArgumentException>(() => Monthly("2026-01-07").WithChange(D("2026-01-10"), anchor: new LocalDate(2026, 1, 1, CalendarSystem.Julian)));
    }

    [Fact]
    public void Previous_OfFirst_IsRefused_AndOfTheSecondIsTheFirst()
    {
        var schedule = Monthly("2026-01-07").WithCycleChange(D("2026-01-10"), BillingCycle.Weekly);
        Should.Throw<ArgumentException>(() => schedule.Previous(schedule.First)).Message.ShouldContain("first period of this schedule");
        schedule.Previous(schedule.PeriodAt(1)).ShouldBe(schedule.First);
        Should.Throw<ArgumentException>(() => schedule.Next(new BillingPeriod(D("2026-02-03"), D("2026-02-09"))))
            .Message.ShouldContain("is not a period of the billing schedule");
        Should.Throw<ArgumentException>(() => schedule.Next(new BillingPeriod(D("2025-02-03"), D("2025-02-09"))));
    }

    [Fact]
    public void CycleOn_TheAnchor_IsTheInitialCycle_AndBeforeItIsAnError()
    {
        var schedule = Monthly("2026-01-07").WithCycleChange(D("2026-01-07"), BillingCycle.Daily);
        schedule.CycleOn(D("2026-01-07")).ShouldBe(BillingCycle.Monthly);
        schedule.CycleOn(D("2026-02-01")).ShouldBe(BillingCycle.Daily);
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.CycleOn(D("2026-01-06"))).Message.ShouldContain("before the anchor 2026-01-07");
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.CalendarOn(D("2026-01-06")));
    }

    [Fact]
    public void TryPeriodContaining_AnswersLikePeriodContaining_AndFalseOutsideTheRange()
    {
        var schedule = Monthly("2026-01-07").WithCycleChange(D("2026-01-20"), BillingCycle.Weekly);
        schedule.TryPeriodContaining(D("2026-03-04"), out var period).ShouldBeTrue();
        period.ShouldBe(schedule.PeriodContaining(D("2026-03-04")));
        schedule.TryPeriodContaining(D("2026-01-07"), out period).ShouldBeTrue();
        period.ShouldBe(schedule.First);
        schedule.TryPeriodContaining(D("2026-01-06"), out period).ShouldBeFalse();
        period.ShouldBe(default);
        schedule.TryPeriodContaining(LocalDate.MaxIsoValue, out _).ShouldBeFalse();
        schedule.TryPeriodContaining(D("9999-12-26"), out period).ShouldBeTrue(); // Sunday: the last whole week
        period.ShouldBe(new BillingPeriod(D("9999-12-20"), D("9999-12-27")));
    }

    [Fact]
    public void Schedule_NearTheEndOfNodaTimesRange_EndsWithTheLastWholePeriod()
    {
        // A change anchored before it takes effect: its calendar numbers the first period after the change 1, not 0.
        var schedule = Monthly("2026-01-07").WithCycleChange(D("2026-01-20"), BillingCycle.Quarterly, D("2025-12-15"));
        var last = schedule.PeriodContaining(D("9999-09-30"));
        last.ShouldBe(new BillingPeriod(D("9999-07-01"), D("9999-10-01")));
        schedule.PeriodAt(schedule.IndexOf(D("9999-09-30"))).ShouldBe(last);
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.Next(last))
            .Message.ShouldContain($"The period after {last} would end after 9999-12-31");
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.PeriodAt(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.PeriodContaining(D("9999-10-01")));
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.IndexOf(D("9999-10-01")));
        schedule.PeriodsBetween(D("9999-01-01"), LocalDate.MaxIsoValue).Select(p => p.Start)
            .ShouldBe([D("9999-01-01"), D("9999-04-01"), D("9999-07-01")]);
        schedule.PeriodsBetween(D("9999-10-01"), LocalDate.MaxIsoValue).ShouldBeEmpty();
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.WithCycleChange(D("9999-10-02"), BillingCycle.Daily));
    }

    [Fact]
    public void PeriodsBetween_EmptyOrReversedRange_IsEmpty()
    {
        var schedule = Monthly("2026-01-07").WithCycleChange(D("2026-01-20"), BillingCycle.Weekly);
        schedule.PeriodsBetween(D("2026-03-05"), D("2026-03-05")).ShouldBeEmpty();
        schedule.PeriodsBetween(D("2026-03-05"), D("2026-03-04")).ShouldBeEmpty();
        schedule.PeriodsBetween(D("2026-03-05"), D("2026-03-06")).ShouldBe([new BillingPeriod(D("2026-03-02"), D("2026-03-09"))]);
        schedule.PeriodsBetween(D("2025-01-01"), D("2026-01-08")).ShouldBe([schedule.First]);
    }

    [Fact]
    public void TryPeriodContaining_WeeklyDateBeforeTheAnchorInItsWeek_IsFalse()
    {
        var schedule = new BillingSchedule(new BillingCalendar(BillingCycle.Weekly, D("2026-01-08"), London)); // a Thursday
        schedule.TryPeriodContaining(D("2026-01-06"), out var period).ShouldBeFalse();
        period.ShouldBe(default);
        Should.Throw<ArgumentException>(() => schedule.Next(new BillingPeriod(D("2026-01-05"), D("2026-01-12"))));
    }

    [Fact]
    public void ClosedForBillingAt_IsTheCloseInTheZoneInForcePlusTheDelay()
    {
        var schedule = Monthly("2026-01-07");
        var january = schedule.First;
        schedule.ClosedForBillingAt(january, Duration.FromHours(6)).ShouldBe(Instant.FromUtc(2026, 2, 1, 6, 0));
        schedule.IsClosedForBilling(january, Instant.FromUtc(2026, 2, 1, 5, 59), Duration.FromHours(6)).ShouldBeFalse();
        schedule.IsClosedForBilling(january, Instant.FromUtc(2026, 2, 1, 6, 0), Duration.FromHours(6)).ShouldBeTrue();
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.ClosedForBillingAt(january, Duration.FromSeconds(-1)));
    }

    [Fact]
    public void ToString_NamesEveryCalendarAndChange()
        => Monthly("2026-01-07").WithCycleChange(D("2026-02-10"), BillingCycle.Weekly).ToString()
            .ShouldBe("Monthly from 2026-01-07 in Europe/London; Weekly from 2026-03-01 in Europe/London, effective 2026-03-01 (requested 2026-02-10)");

    /// <summary>One random change: what it changes is null when it keeps what is in force.</summary>
    private sealed record ChangeStep(int DaysAfterLastEffective, BillingCycle? Cycle, int AnchorDaysBeforeEffective, MonthEndPolicy? Policy, string? ZoneId)
    {
        public override string ToString() => $"+{DaysAfterLastEffective}d {Cycle?.ToString() ?? "-"} anchor −{AnchorDaysBeforeEffective}d {Policy?.ToString() ?? "-"} {ZoneId ?? "-"}";
    }

    [Property(MaxTest = 500)]
    public Property Schedule_WithRandomChanges_StaysContiguousInDatesAndInstantsAndNumbersPeriodsConsistently()
    {
        static Gen<T?> Sometimes<T>(Gen<T> gen)
            where T : class
            => Gen.Frequency((1, Gen.Constant<T?>(null)), (1, gen.Select(v => (T?)v)));

        var steps = (from days in Gen.Choose(0, 200)
                     from cycle in Gen.Frequency((1, Gen.Constant<BillingCycle?>(null)), (2, PeriodGenerators.Cycle.Select(c => (BillingCycle?)c)))
                     from anchorBack in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 400)))
                     from policy in Gen.Frequency((2, Gen.Constant<MonthEndPolicy?>(null)), (1, PeriodGenerators.Policy.Select(p => (MonthEndPolicy?)p)))
                     from zone in Sometimes(PeriodGenerators.Zone)
                     select new ChangeStep(days, cycle, anchorBack, policy, zone)).ListOf().Select(l => l.Take(6).ToArray());

        return Prop.ForAll(PeriodGenerators.Case(maxDaysAfterAnchor: 3000), steps.ToArbitrary(), (c, changes) =>
        {
            var schedule = new BillingSchedule(c.Calendar);
            foreach (var step in changes)
            {
                var lastEffective = schedule.Changes.IsEmpty ? schedule.Anchor : schedule.Changes[^1].EffectiveFrom;
                var requested = lastEffective.PlusDays(step.DaysAfterLastEffective);
                var closing = schedule.PeriodContaining(requested);
                var effective = closing.EndExclusive;
                var inForce = schedule.CalendarOn(requested);
                LocalDate? anchor = step.AnchorDaysBeforeEffective == 0 && step.Cycle is null ? null : effective.PlusDays(-step.AnchorDaysBeforeEffective);
                var zone = step.ZoneId is null ? null : DateTimeZoneProviders.Tzdb[step.ZoneId];
                if (step.Cycle is null && anchor is null && step.Policy is null && zone is null)
                {
                    continue;
                }

                var closes = schedule.ClosesAt(closing);
                schedule = schedule.WithChange(requested, step.Cycle, anchor, step.Policy, zone);
                var change = schedule.Changes[^1];
                if (change.EffectiveFrom != effective || schedule.PeriodContaining(effective).Start != effective || change.TakesEffectAt != closes
                    || change.Cycle != (step.Cycle ?? inForce.Cycle) || change.MonthEndPolicy != (step.Policy ?? inForce.MonthEndPolicy)
                    || change.Zone != (zone ?? inForce.Zone) || change.Anchor != (anchor ?? inForce.Anchor))
                {
                    return false;
                }
            }

            // Walk every period from the first to a date past the last change: contiguous in dates and instants, numbered
            // 0, 1, 2 …, each one after a change is the new calendar's period, cut to start no earlier than the change, and each
            // opens at the start of its first day in the zone in force unless that comes before the change took effect.
            var end = (schedule.Changes.IsEmpty ? schedule.Anchor : schedule.Changes[^1].EffectiveFrom).PlusDays(100);
            var period = schedule.First;
            var index = 0;
            while (period.Start < end)
            {
                if (schedule.PeriodAt(index) != period || schedule.IndexOf(period.Start) != index
                    || schedule.IndexOf(period.End) != index || schedule.PeriodContaining(period.End) != period
                    || !schedule.TryPeriodContaining(period.End, out var tried) || tried != period)
                {
                    return false;
                }

                var inForce = schedule.Changes.LastOrDefault(ch => ch.EffectiveFrom <= period.Start);
                var calendar = inForce?.Calendar ?? schedule.Initial;
                var expected = calendar.PeriodContaining(period.Start);
                var expectedStart = inForce is not null && expected.Start < inForce.EffectiveFrom ? inForce.EffectiveFrom : expected.Start;
                if (period != new BillingPeriod(expectedStart, expected.EndExclusive) || schedule.CalendarOn(period.Start) != calendar)
                {
                    return false;
                }

                var next = schedule.Next(period);
                var opens = schedule.OpensAt(period);
                var closes = schedule.ClosesAt(period);
                var notBefore = inForce?.TakesEffectAt ?? Instant.MinValue;
                var midnight = calendar.OpensAt(period);
                var expectedOpens = inForce is not null && period.Start == inForce.EffectiveFrom ? inForce.TakesEffectAt
                    : midnight < notBefore ? notBefore : midnight;
                if (next.Start != period.EndExclusive || schedule.Previous(next) != period
                    || opens != expectedOpens || closes != schedule.OpensAt(next) || closes < opens
                    || (opens < closes && (schedule.PeriodContaining(opens) != period || schedule.PeriodContaining(closes - Duration.Epsilon) != period)))
                {
                    return false;
                }

                period = next;
                index++;
            }

            return true;
        });
    }

    [Fact]
    public void Next_OfTheLastPeriod_IsRefusedNamingThePeriod()
    {
        var schedule = new BillingSchedule(new BillingCalendar(BillingCycle.Monthly, BillingCalendar.MaxAnchor, London));
        var last = schedule.PeriodsBetween(BillingCalendar.MaxAnchor, LocalDate.MaxIsoValue).Last();
        Should.Throw<ArgumentOutOfRangeException>(() => schedule.Next(last)).ParamName.ShouldBe("period");
    }

    [Fact]
    public void PeriodAt_NumberOutOfRange_SaysWhichNumbersExist()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Monthly("2026-01-01").PeriodAt(-1));

        error.ParamName.ShouldBe("index");
        error.Message.ShouldContain("Period number -1 does not exist: numbers run from 0 (the period starting on the anchor 2026-01-01)");
    }

    [Fact]
    public void WithCycleChange_AnchorOutsideTheSupportedRange_IsRefusedNamingIt()
        => Should.Throw<ArgumentOutOfRangeException>(() => Monthly("2026-01-01").WithCycleChange(D("2026-01-10"), BillingCycle.Weekly, LocalDate.MinIsoValue))
            .ParamName.ShouldBe("anchor");
}
