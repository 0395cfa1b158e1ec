using Billing.Core.Periods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Billing.Core.Tests.Support;
using NodaTime;
using NodaTime.Text;

namespace Billing.Core.Tests.Periods;

public class BillingCalendarTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    private static BillingCalendar Calendar(BillingCycle cycle, string anchor, string zone = "Europe/London")
        => new(cycle, D(anchor), DateTimeZoneProviders.Tzdb[zone]);

    private static BillingCalendar Calendar(BillingCycle cycle, string anchor, MonthEndPolicy policy)
        => new(cycle, D(anchor), London, policy);

    /// <summary>The first periods of a calendar, as "first–last" inclusive date pairs.</summary>
    private static string[] FirstPeriods(BillingCalendar calendar, int count)
        => Enumerable.Range(0, count).Select(i => calendar.PeriodAt(i)).Select(p => $"{p.Start:uuuu-MM-dd}–{p.End:uuuu-MM-dd}").ToArray();

    // The worked examples of docs/billing-periods.md.
    [Fact]
    public void MonthlyAnniversary_Anchor19March_RunsFromThe19thToThe18th()
        => FirstPeriods(Calendar(BillingCycle.MonthlyAnniversary, "2026-03-19"), 3)
            .ShouldBe(["2026-03-19–2026-04-18", "2026-04-19–2026-05-18", "2026-05-19–2026-06-18"]);

    [Theory]
    [InlineData("2026-01-29")]
    [InlineData("2026-01-30")]
    [InlineData("2026-01-31")]
    public void MonthlyAnniversary_AnchorOn29thTo31st_FirstEndsOnThe27thThenRuns28thTo27th(string anchor)
        => FirstPeriods(Calendar(BillingCycle.MonthlyAnniversary, anchor), 4)
            .ShouldBe([$"{anchor}–2026-02-27", "2026-02-28–2026-03-27", "2026-03-28–2026-04-27", "2026-04-28–2026-05-27"]);

    [Fact]
    public void MonthlyAnniversary_Anchor30JanuaryInLeapYear_StillUsesThe28th()
        => FirstPeriods(Calendar(BillingCycle.MonthlyAnniversary, "2024-01-30"), 3)
            .ShouldBe(["2024-01-30–2024-02-27", "2024-02-28–2024-03-27", "2024-03-28–2024-04-27"]);

    // The month-end policy (docs/billing-periods.md, "The month-end policy").
    [Fact]
    public void Constructor_WithoutPolicy_ClampsTo28()
    {
        var calendar = Calendar(BillingCycle.MonthlyAnniversary, "2026-01-31");
        calendar.MonthEndPolicy.ShouldBe(MonthEndPolicy.ClampTo28);
        FirstPeriods(calendar, 3).ShouldBe(FirstPeriods(Calendar(BillingCycle.MonthlyAnniversary, "2026-01-31", MonthEndPolicy.ClampTo28), 3));
    }

    [Fact]
    public void MonthlyAnniversary_LastDayOfMonthAnchor31January_KeepsThe31stAndClampsOnlyInShortMonths()
        => FirstPeriods(Calendar(BillingCycle.MonthlyAnniversary, "2026-01-31", MonthEndPolicy.LastDayOfMonth), 6).ShouldBe(
        [
            "2026-01-31–2026-02-27", "2026-02-28–2026-03-30", "2026-03-31–2026-04-29", "2026-04-30–2026-05-30",
            "2026-05-31–2026-06-29", "2026-06-30–2026-07-30",
        ]);

    [Fact]
    public void MonthlyAnniversary_LastDayOfMonthAnchor31JanuaryInLeapYear_StartsOn29February()
        => FirstPeriods(Calendar(BillingCycle.MonthlyAnniversary, "2024-01-31", MonthEndPolicy.LastDayOfMonth), 3)
            .ShouldBe(["2024-01-31–2024-02-28", "2024-02-29–2024-03-30", "2024-03-31–2024-04-29"]);

    [Theory]
    [InlineData("2026-01-30", "2026-01-30–2026-02-27", "2026-02-28–2026-03-29", "2026-03-30–2026-04-29")]
    [InlineData("2026-01-29", "2026-01-29–2026-02-27", "2026-02-28–2026-03-28", "2026-03-29–2026-04-28")]
    [InlineData("2024-01-30", "2024-01-30–2024-02-28", "2024-02-29–2024-03-29", "2024-03-30–2024-04-29")]
    [InlineData("2024-01-29", "2024-01-29–2024-02-28", "2024-02-29–2024-03-28", "2024-03-29–2024-04-28")]
    [InlineData("2026-03-19", "2026-03-19–2026-04-18", "2026-04-19–2026-05-18", "2026-05-19–2026-06-18")]
    public void MonthlyAnniversary_LastDayOfMonth_KeepsThe29thAnd30th(string anchor, string first, string second, string third)
        => FirstPeriods(Calendar(BillingCycle.MonthlyAnniversary, anchor, MonthEndPolicy.LastDayOfMonth), 3).ShouldBe([first, second, third]);

    [Fact]
    public void MonthlyAnniversary_LastDayOfMonthAnchor30April_StartsOnThe30thEvenAfterA31DayMonth()
        => FirstPeriods(Calendar(BillingCycle.MonthlyAnniversary, "2026-04-30", MonthEndPolicy.LastDayOfMonth), 4)
            .ShouldBe(["2026-04-30–2026-05-29", "2026-05-30–2026-06-29", "2026-06-30–2026-07-29", "2026-07-30–2026-08-29"]);

    // Multi-month cycles, calendar-aligned.
    [Fact]
    public void Quarterly_Anchor10February_FirstRunsToTheEndOfMarchThenCalendarQuarters()
        => FirstPeriods(Calendar(BillingCycle.Quarterly, "2026-02-10"), 5).ShouldBe(
        [
            "2026-02-10–2026-03-31", "2026-04-01–2026-06-30", "2026-07-01–2026-09-30", "2026-10-01–2026-12-31",
            "2027-01-01–2027-03-31",
        ]);

    [Fact]
    public void Quarterly_AnchorOnAQuarterDay_FirstIsAWholeQuarter()
        => FirstPeriods(Calendar(BillingCycle.Quarterly, "2026-10-01"), 2).ShouldBe(["2026-10-01–2026-12-31", "2027-01-01–2027-03-31"]);

    [Fact]
    public void HalfYearly_Anchor10February_FirstRunsToTheEndOfJuneThenHalfYears()
        => FirstPeriods(Calendar(BillingCycle.HalfYearly, "2026-02-10"), 4)
            .ShouldBe(["2026-02-10–2026-06-30", "2026-07-01–2026-12-31", "2027-01-01–2027-06-30", "2027-07-01–2027-12-31"]);

    [Fact]
    public void HalfYearly_AnchorInTheSecondHalf_FirstRunsToTheEndOfDecember()
        => FirstPeriods(Calendar(BillingCycle.HalfYearly, "2026-12-31"), 2).ShouldBe(["2026-12-31–2026-12-31", "2027-01-01–2027-06-30"]);

    [Fact]
    public void Yearly_Anchor29February_FirstRunsToTheEndOfTheYearThenCalendarYears()
        => FirstPeriods(Calendar(BillingCycle.Yearly, "2024-02-29"), 3)
            .ShouldBe(["2024-02-29–2024-12-31", "2025-01-01–2025-12-31", "2026-01-01–2026-12-31"]);

    // Multi-month cycles, anniversary, under each policy.
    [Theory]
    [InlineData(MonthEndPolicy.ClampTo28, "2026-01-31–2026-04-27", "2026-04-28–2026-07-27", "2026-07-28–2026-10-27", "2026-10-28–2027-01-27", "2027-01-28–2027-04-27")]
    [InlineData(MonthEndPolicy.LastDayOfMonth, "2026-01-31–2026-04-29", "2026-04-30–2026-07-30", "2026-07-31–2026-10-30", "2026-10-31–2027-01-30", "2027-01-31–2027-04-29")]
    public void QuarterlyAnniversary_Anchor31January_FollowsThePolicy(MonthEndPolicy policy, params string[] periods)
        => FirstPeriods(Calendar(BillingCycle.QuarterlyAnniversary, "2026-01-31", policy), 5).ShouldBe(periods);

    [Theory]
    [InlineData(MonthEndPolicy.ClampTo28, "2025-11-30–2026-02-27", "2026-02-28–2026-05-27", "2026-05-28–2026-08-27", "2026-08-28–2026-11-27")]
    [InlineData(MonthEndPolicy.LastDayOfMonth, "2025-11-30–2026-02-27", "2026-02-28–2026-05-29", "2026-05-30–2026-08-29", "2026-08-30–2026-11-29")]
    public void QuarterlyAnniversary_Anchor30November_ThroughAShortFebruary(MonthEndPolicy policy, params string[] periods)
        => FirstPeriods(Calendar(BillingCycle.QuarterlyAnniversary, "2025-11-30", policy), 4).ShouldBe(periods);

    [Fact]
    public void QuarterlyAnniversary_Anchor19March_KeepsThe19thUnderEitherPolicy()
    {
        string[] expected = ["2026-03-19–2026-06-18", "2026-06-19–2026-09-18", "2026-09-19–2026-12-18", "2026-12-19–2027-03-18"];
        FirstPeriods(Calendar(BillingCycle.QuarterlyAnniversary, "2026-03-19", MonthEndPolicy.ClampTo28), 4).ShouldBe(expected);
        FirstPeriods(Calendar(BillingCycle.QuarterlyAnniversary, "2026-03-19", MonthEndPolicy.LastDayOfMonth), 4).ShouldBe(expected);
    }

    [Theory]
    [InlineData(MonthEndPolicy.ClampTo28, "2026-08-31–2027-02-27", "2027-02-28–2027-08-27", "2027-08-28–2028-02-27", "2028-02-28–2028-08-27")]
    [InlineData(MonthEndPolicy.LastDayOfMonth, "2026-08-31–2027-02-27", "2027-02-28–2027-08-30", "2027-08-31–2028-02-28", "2028-02-29–2028-08-30")]
    public void HalfYearlyAnniversary_Anchor31August_FollowsThePolicyThroughALeapFebruary(MonthEndPolicy policy, params string[] periods)
        => FirstPeriods(Calendar(BillingCycle.HalfYearlyAnniversary, "2026-08-31", policy), 4).ShouldBe(periods);

    [Theory]
    [InlineData(MonthEndPolicy.ClampTo28, "2024-02-29–2025-02-27", "2025-02-28–2026-02-27", "2026-02-28–2027-02-27", "2027-02-28–2028-02-27", "2028-02-28–2029-02-27")]
    [InlineData(MonthEndPolicy.LastDayOfMonth, "2024-02-29–2025-02-27", "2025-02-28–2026-02-27", "2026-02-28–2027-02-27", "2027-02-28–2028-02-28", "2028-02-29–2029-02-27")]
    public void YearlyAnniversary_Anchor29February_FollowsThePolicyInCommonYears(MonthEndPolicy policy, params string[] periods)
        => FirstPeriods(Calendar(BillingCycle.YearlyAnniversary, "2024-02-29", policy), 5).ShouldBe(periods);

    [Theory]
    [InlineData(MonthEndPolicy.ClampTo28, "2026-03-31–2027-03-27", "2027-03-28–2028-03-27")]
    [InlineData(MonthEndPolicy.LastDayOfMonth, "2026-03-31–2027-03-30", "2027-03-31–2028-03-30")]
    public void YearlyAnniversary_Anchor31March_FollowsThePolicy(MonthEndPolicy policy, params string[] periods)
        => FirstPeriods(Calendar(BillingCycle.YearlyAnniversary, "2026-03-31", policy), 2).ShouldBe(periods);

    [Theory]
    [InlineData("2100-06-01", "2100-02-28", "2101-02-28")] // 2100 is not a leap year
    [InlineData("2104-02-28", "2103-02-28", "2104-02-29")]
    [InlineData("2104-03-01", "2104-02-29", "2105-02-28")]
    [InlineData("2400-02-29", "2400-02-29", "2401-02-28")] // 2400 is
    public void YearlyAnniversary_LastDayOfMonthAnchor29February_FarAway_KeepsThe29thInLeapYearsOnly(string date, string start, string endExclusive)
        => Calendar(BillingCycle.YearlyAnniversary, "2096-02-29", MonthEndPolicy.LastDayOfMonth).PeriodContaining(D(date))
            .ShouldBe(new BillingPeriod(D(start), D(endExclusive)));

    [Fact]
    public void ThirtyDays_Anchor20March_RunsInBlocksOfThirtyDays()
        => FirstPeriods(Calendar(BillingCycle.ThirtyDays, "2026-03-20"), 3)
            .ShouldBe(["2026-03-20–2026-04-18", "2026-04-19–2026-05-18", "2026-05-19–2026-06-17"]);

    [Fact]
    public void Weekly_AnchorWednesday_FirstRunsToSundayThenMondayToSunday()
        => FirstPeriods(Calendar(BillingCycle.Weekly, "2026-01-07"), 3)
            .ShouldBe(["2026-01-07–2026-01-11", "2026-01-12–2026-01-18", "2026-01-19–2026-01-25"]);

    [Fact]
    public void Weekly_AnchorMonday_FirstIsAFullWeek()
        => FirstPeriods(Calendar(BillingCycle.Weekly, "2026-01-05"), 2).ShouldBe(["2026-01-05–2026-01-11", "2026-01-12–2026-01-18"]);

    [Fact]
    public void Weekly_AnchorSunday_FirstIsOneDay()
        => FirstPeriods(Calendar(BillingCycle.Weekly, "2026-01-11"), 2).ShouldBe(["2026-01-11–2026-01-11", "2026-01-12–2026-01-18"]);

    [Fact]
    public void SemiMonthly_Anchor10February_SplitsAtThe15th()
        => FirstPeriods(Calendar(BillingCycle.SemiMonthly, "2026-02-10"), 4)
            .ShouldBe(["2026-02-10–2026-02-15", "2026-02-16–2026-02-28", "2026-03-01–2026-03-15", "2026-03-16–2026-03-31"]);

    [Fact]
    public void SemiMonthly_AnchorInSecondHalf_FirstRunsToMonthEnd()
        => FirstPeriods(Calendar(BillingCycle.SemiMonthly, "2024-02-20"), 2).ShouldBe(["2024-02-20–2024-02-29", "2024-03-01–2024-03-15"]);

    [Fact]
    public void Monthly_Anchor29February_FirstIsOneDayThenWholeMonths()
        => FirstPeriods(Calendar(BillingCycle.Monthly, "2024-02-29"), 3)
            .ShouldBe(["2024-02-29–2024-02-29", "2024-03-01–2024-03-31", "2024-04-01–2024-04-30"]);

    [Fact]
    public void Daily_EachPeriodIsOneDay()
        => FirstPeriods(Calendar(BillingCycle.Daily, "2025-12-31"), 2).ShouldBe(["2025-12-31–2025-12-31", "2026-01-01–2026-01-01"]);

    [Theory]
    [InlineData(BillingCycle.MonthlyAnniversary, "2026-01-31", "2031-07-04", "2031-06-28", "2031-07-28")]
    [InlineData(BillingCycle.MonthlyAnniversary, "2026-03-19", "2036-03-18", "2036-02-19", "2036-03-19")]
    [InlineData(BillingCycle.ThirtyDays, "2026-03-20", "2026-06-17", "2026-05-19", "2026-06-18")]
    [InlineData(BillingCycle.Weekly, "2026-01-07", "2027-01-01", "2026-12-28", "2027-01-04")]
    [InlineData(BillingCycle.SemiMonthly, "2026-02-10", "2028-02-29", "2028-02-16", "2028-03-01")]
    [InlineData(BillingCycle.Monthly, "2024-02-29", "2100-02-28", "2100-02-01", "2100-03-01")]
    public void PeriodContaining_FarFromTheAnchor_GivesTheRightPeriod(BillingCycle cycle, string anchor, string date, string start, string endExclusive)
        => Calendar(cycle, anchor).PeriodContaining(D(date)).ShouldBe(new BillingPeriod(D(start), D(endExclusive)));

    [Fact]
    public void PeriodContaining_Instant_UsesTheLocalDateInTheBillingZone()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-01-01", "Asia/Kolkata");

        // 2026-01-31T20:00Z is 2026-02-01 01:30 in Kolkata (+05:30).
        calendar.PeriodContaining(Instant.FromUtc(2026, 1, 31, 20, 0)).Start.ShouldBe(D("2026-02-01"));
        calendar.PeriodContaining(Instant.FromUtc(2026, 1, 31, 18, 29)).Start.ShouldBe(D("2026-01-01"));
    }

    [Fact]
    public void OpensAt_InLondonSummer_IsMidnightBritishSummerTime()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-01-01");
        var july = calendar.PeriodContaining(D("2026-07-10"));
        calendar.OpensAt(july).ShouldBe(Instant.FromUtc(2026, 6, 30, 23, 0));
        calendar.ClosesAt(july).ShouldBe(Instant.FromUtc(2026, 7, 31, 23, 0));
    }

    [Fact]
    public void OpensAt_SaoPauloDayWithoutMidnight_OpensAtOneInTheMorning()
    {
        // Brazil moved clocks from 00:00 to 01:00 on 2018-11-04.
        var zone = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];
        var calendar = new BillingCalendar(BillingCycle.Daily, D("2018-11-01"), zone);
        var period = calendar.PeriodContaining(D("2018-11-04"));

        var opens = calendar.OpensAt(period);
        opens.InZone(zone).LocalDateTime.ShouldBe(new LocalDateTime(2018, 11, 4, 1, 0));
        opens.ShouldBe(Instant.FromUtc(2018, 11, 4, 3, 0));
        calendar.ClosesAt(calendar.Previous(period)).ShouldBe(opens);
        calendar.PeriodContaining(opens).ShouldBe(period);
        calendar.PeriodContaining(opens - Duration.Epsilon).ShouldBe(calendar.Previous(period));
    }

    [Fact]
    public void OpensAt_ApiaSkippedDay_DailyPeriodOpensAndClosesAtTheStartOf31December()
    {
        // Samoa skipped 2011-12-30: 2011-12-29 24:00 (−10:00) was followed by 2011-12-31 00:00 (+14:00).
        var zone = DateTimeZoneProviders.Tzdb["Pacific/Apia"];
        var calendar = new BillingCalendar(BillingCycle.Daily, D("2011-12-01"), zone);
        var skipped = calendar.PeriodContaining(D("2011-12-30"));
        var startOf31st = Instant.FromUtc(2011, 12, 30, 10, 0);

        skipped.ShouldBe(new BillingPeriod(D("2011-12-30"), D("2011-12-31")));
        calendar.OpensAt(skipped).ShouldBe(startOf31st);
        calendar.ClosesAt(skipped).ShouldBe(startOf31st);
        calendar.ClosesAt(calendar.Previous(skipped)).ShouldBe(startOf31st);
        calendar.PeriodContaining(startOf31st).Start.ShouldBe(D("2011-12-31"));
    }

    [Fact]
    public void ClosesAt_ApiaBoundaryOnSkippedDay_FallsAtTheStartOfTheNextDayThatExists()
    {
        var zone = DateTimeZoneProviders.Tzdb["Pacific/Apia"];
        var calendar = new BillingCalendar(BillingCycle.ThirtyDays, D("2011-11-30"), zone);
        var first = calendar.First;

        first.EndExclusive.ShouldBe(D("2011-12-30"));
        calendar.ClosesAt(first).ShouldBe(Instant.FromUtc(2011, 12, 30, 10, 0));
        calendar.OpensAt(calendar.Next(first)).ShouldBe(calendar.ClosesAt(first));
        calendar.PeriodContaining(Instant.FromUtc(2011, 12, 30, 9, 59)).ShouldBe(first);
    }

    [Fact]
    public void PeriodContaining_DateBeforeAnchor_IsAClearError()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-03-19");
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(D("2026-03-18")));
        ex.Message.ShouldContain("2026-03-18 is before the anchor 2026-03-19");
        ex.ParamName.ShouldBe("date");
        calendar.TryPeriodContaining(D("2026-03-18"), out _).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.IndexOf(D("1900-01-01"))).ParamName.ShouldBe("date");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(Instant.FromUtc(2026, 3, 18, 12, 0)));
    }

    [Fact]
    public void PeriodContaining_PeriodEndingBeyondNodaTimeRange_IsAClearError()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-03-19");
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(LocalDate.MaxIsoValue));
        ex.Message.ShouldContain("9999-12-31");
        calendar.TryPeriodContaining(LocalDate.MaxIsoValue, out _).ShouldBeFalse();

        var last = calendar.PeriodAt(calendar.LastIndex);
        last.ShouldBe(new BillingPeriod(D("9999-11-01"), D("9999-12-01")));
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.Next(last));
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodAt(calendar.LastIndex + 1))
            .Message.ShouldContain($"Period number {calendar.LastIndex + 1} does not exist: numbers run from 0 (the period starting on the anchor 2026-03-19) to {calendar.LastIndex}");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodAt(-1));
    }

    [Theory]
    [InlineData("9999-01-01")]
    [InlineData("9999-12-05")]
    [InlineData("0000-12-31")]
    [InlineData("-9998-01-01")]
    public void Constructor_AnchorOutsideTheSupportedRange_IsRefused(string anchor)
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => Calendar(BillingCycle.Monthly, anchor));
        ex.ParamName.ShouldBe("anchor");
        ex.Message.ShouldContain("0001-01-01 to 9998-12-31");
    }

    [Theory]
    [InlineData(BillingCycle.Monthly)]
    [InlineData(BillingCycle.MonthlyAnniversary)]
    [InlineData(BillingCycle.SemiMonthly)]
    [InlineData(BillingCycle.Weekly)]
    public void Constructor_AnchorsAtTheEndsOfTheRange_LeaveRoomForPeriodsThatOpenAndCloseInEveryZone(BillingCycle cycle)
    {
        foreach (var zone in new[] { DateTimeZone.ForOffset(Offset.MaxValue), DateTimeZone.ForOffset(Offset.MinValue), London })
        {
            var first = new BillingCalendar(cycle, BillingCalendar.MinAnchor, zone);
            first.OpensAt(first.First).ShouldBeLessThan(first.ClosesAt(first.First));
            var last = new BillingCalendar(cycle, BillingCalendar.MaxAnchor, zone);
            var end = last.PeriodAt(last.LastIndex);
            end.EndExclusive.ShouldBeGreaterThan(D("9999-11-30"));
            last.ClosesAt(end).ShouldBeGreaterThan(last.OpensAt(end));
        }
    }
    public static TheoryData<BillingCycle, MonthEndPolicy> CyclesAndPolicies => PeriodGenerators.CyclesAndPolicies();

    [Theory]
    [MemberData(nameof(CyclesAndPolicies))]
    public void LastIndex_IsThePeriodThatEndsByTheLastNodaTimeDate(BillingCycle cycle, MonthEndPolicy policy)
    {
        var calendar = new BillingCalendar(cycle, D("2026-01-31"), London, policy);
        var last = calendar.PeriodAt(calendar.LastIndex);

        // The period after it would contain 9999-12-31 and end after it; NodaTime has no date to end it on.
        last.EndExclusive.ShouldBeLessThanOrEqualTo(LocalDate.MaxIsoValue);
        calendar.PeriodContaining(last.End).ShouldBe(last);
        calendar.PeriodContaining(last.Start).ShouldBe(last);
        calendar.IndexOf(last.End).ShouldBe(calendar.LastIndex);
        calendar.TryPeriodContaining(last.End, out var tried).ShouldBeTrue();
        tried.ShouldBe(last);
        calendar.Next(calendar.Previous(last)).ShouldBe(last);
        calendar.PeriodsBetween(last.Start, LocalDate.MaxIsoValue).ShouldBe([last]);
        calendar.PeriodsBetween(calendar.Previous(last).Start, LocalDate.MaxIsoValue).ShouldBe([calendar.Previous(last), last]);
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.Next(last)).Message.ShouldContain("9999-12-31");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodAt(calendar.LastIndex + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(LocalDate.MaxIsoValue));
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.IndexOf(LocalDate.MaxIsoValue));
        calendar.TryPeriodContaining(LocalDate.MaxIsoValue, out _).ShouldBeFalse();
        if (last.EndExclusive < LocalDate.MaxIsoValue)
        {
            var beyond = Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(last.EndExclusive));
            beyond.Message.ShouldContain($"The billing period containing {last.EndExclusive:uuuu-MM-dd} would end after 9999-12-31");
            beyond.ParamName.ShouldBe("date");
            calendar.TryPeriodContaining(last.EndExclusive, out _).ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData(BillingCycle.Daily, MonthEndPolicy.ClampTo28, "9999-12-30", "9999-12-31")]
    [InlineData(BillingCycle.Weekly, MonthEndPolicy.ClampTo28, "9999-12-20", "9999-12-27")]
    [InlineData(BillingCycle.SemiMonthly, MonthEndPolicy.ClampTo28, "9999-12-01", "9999-12-16")]
    [InlineData(BillingCycle.Monthly, MonthEndPolicy.ClampTo28, "9999-11-01", "9999-12-01")]
    [InlineData(BillingCycle.Quarterly, MonthEndPolicy.ClampTo28, "9999-07-01", "9999-10-01")]
    [InlineData(BillingCycle.HalfYearly, MonthEndPolicy.ClampTo28, "9999-01-01", "9999-07-01")]
    [InlineData(BillingCycle.Yearly, MonthEndPolicy.ClampTo28, "9998-01-01", "9999-01-01")]
    [InlineData(BillingCycle.MonthlyAnniversary, MonthEndPolicy.ClampTo28, "9999-11-28", "9999-12-28")]
    [InlineData(BillingCycle.MonthlyAnniversary, MonthEndPolicy.LastDayOfMonth, "9999-11-30", "9999-12-31")]
    [InlineData(BillingCycle.QuarterlyAnniversary, MonthEndPolicy.ClampTo28, "9999-07-28", "9999-10-28")]
    [InlineData(BillingCycle.QuarterlyAnniversary, MonthEndPolicy.LastDayOfMonth, "9999-07-31", "9999-10-31")]
    [InlineData(BillingCycle.HalfYearlyAnniversary, MonthEndPolicy.LastDayOfMonth, "9999-01-31", "9999-07-31")]
    [InlineData(BillingCycle.YearlyAnniversary, MonthEndPolicy.LastDayOfMonth, "9998-01-31", "9999-01-31")]
    public void LastIndex_Anchor31January2026_GivesTheLastWholePeriod(BillingCycle cycle, MonthEndPolicy policy, string start, string endExclusive)
    {
        var calendar = new BillingCalendar(cycle, D("2026-01-31"), London, policy);
        calendar.PeriodAt(calendar.LastIndex).ShouldBe(new BillingPeriod(D(start), D(endExclusive)));
    }

    [Theory]
    [MemberData(nameof(CyclesAndPolicies))]
    public void Constructor_LastSupportedAnchor_LeavesAPeriodAndTheNextDayIsRefused(BillingCycle cycle, MonthEndPolicy policy)
    {
        var calendar = new BillingCalendar(cycle, BillingCalendar.MaxAnchor, London, policy);
        calendar.LastIndex.ShouldBeGreaterThanOrEqualTo(0);
        calendar.PeriodAt(0).ShouldBe(calendar.First);
        calendar.First.Start.ShouldBe(BillingCalendar.MaxAnchor);
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => new BillingCalendar(cycle, BillingCalendar.MaxAnchor.PlusDays(1), London, policy));
        ex.ParamName.ShouldBe("anchor");
        ex.Message.ShouldContain("outside the supported anchors");
    }

    [Theory]
    [MemberData(nameof(CyclesAndPolicies))]
    public void Constructor_AnchorOnTheFirstSupportedDate_Works(BillingCycle cycle, MonthEndPolicy policy)
    {
        var calendar = new BillingCalendar(cycle, BillingCalendar.MinAnchor, DateTimeZone.Utc, policy);
        calendar.First.Start.ShouldBe(BillingCalendar.MinAnchor);
        calendar.PeriodContaining(BillingCalendar.MinAnchor).ShouldBe(calendar.First);
        calendar.Next(calendar.First).Start.ShouldBe(calendar.First.EndExclusive);
        calendar.Previous(calendar.Next(calendar.First)).ShouldBe(calendar.First);
        Should.Throw<ArgumentOutOfRangeException>(() => new BillingCalendar(cycle, BillingCalendar.MinAnchor.PlusDays(-1), DateTimeZone.Utc, policy)).ParamName.ShouldBe("anchor");
    }

    [Fact]
    public void First_DailyCalendar_IsTheAnchorAlone()
    {
        var calendar = Calendar(BillingCycle.Daily, "2026-03-19");
        calendar.First.ShouldBe(new BillingPeriod(D("2026-03-19"), D("2026-03-20")));
        calendar.First.End.ShouldBe(D("2026-03-19"));
        calendar.PeriodAt(0).ShouldBe(calendar.First);
    }

    // Closing delay (docs/billing-periods.md, "Closed for billing").
    [Fact]
    public void ClosedForBillingAt_SixHours_IsSixHoursAfterTheLocalMidnightThatClosesThePeriod()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-01-01");
        var january = calendar.First;
        var july = calendar.PeriodContaining(D("2026-07-10"));
        var sixHours = Duration.FromHours(6);

        calendar.ClosedForBillingAt(january, sixHours).ShouldBe(Instant.FromUtc(2026, 2, 1, 6, 0));
        calendar.ClosedForBillingAt(july, sixHours).ShouldBe(Instant.FromUtc(2026, 8, 1, 5, 0)); // closes at 23:00Z (BST)
        calendar.ClosedForBillingAt(july, Duration.Zero).ShouldBe(calendar.ClosesAt(july));
    }

    [Fact]
    public void IsClosedForBilling_TurnsTrueExactlyWhenTheDelayHasPassed()
    {
        var calendar = Calendar(BillingCycle.Daily, "2026-03-01");
        var period = calendar.PeriodContaining(D("2026-03-28"));
        var closedAt = Instant.FromUtc(2026, 3, 29, 6, 0);

        calendar.IsClosedForBilling(period, closedAt - Duration.Epsilon, Duration.FromHours(6)).ShouldBeFalse();
        calendar.IsClosedForBilling(period, closedAt, Duration.FromHours(6)).ShouldBeTrue();
        calendar.IsClosedForBilling(period, calendar.ClosesAt(period), Duration.Zero).ShouldBeTrue();
        calendar.IsClosedForBilling(period, calendar.ClosesAt(period) - Duration.Epsilon, Duration.Zero).ShouldBeFalse();
    }

    [Fact]
    public void ClosedForBillingAt_NegativeDelay_IsRefused()
    {
        var calendar = Calendar(BillingCycle.Daily, "2026-03-01");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.ClosedForBillingAt(calendar.First, -Duration.Epsilon))
            .Message.ShouldContain("cannot be negative");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.IsClosedForBilling(calendar.First, Instant.FromUtc(2027, 1, 1, 0, 0), Duration.FromHours(-6)))
            .ParamName.ShouldBe("closingDelay");
    }

    [Fact]
    public void ToString_NamesThePolicyOfAnniversaryCyclesOnly()
    {
        Calendar(BillingCycle.Quarterly, "2026-01-31", MonthEndPolicy.LastDayOfMonth).ToString().ShouldBe("Quarterly from 2026-01-31 in Europe/London");
        Calendar(BillingCycle.QuarterlyAnniversary, "2026-01-31", MonthEndPolicy.LastDayOfMonth).ToString()
            .ShouldBe("QuarterlyAnniversary (LastDayOfMonth) from 2026-01-31 in Europe/London");
        Calendar(BillingCycle.MonthlyAnniversary, "2026-01-31").ToString().ShouldBe("MonthlyAnniversary (ClampTo28) from 2026-01-31 in Europe/London");
    }

    [Fact]
    public void Constructor_UndefinedPolicy_IsRefused()
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => new BillingCalendar(BillingCycle.Monthly, D("2026-01-01"), London, (MonthEndPolicy)0));
        ex.ParamName.ShouldBe("monthEndPolicy");
        ex.Message.ShouldContain("Month-end policy 0 is not one of the defined policies");
    }

    [Fact]
    public void Constructor_AnchorWhoseFirstPeriodEndsBeyondRange_IsRefused()
        => Should.Throw<ArgumentOutOfRangeException>(() => Calendar(BillingCycle.Monthly, "9999-12-05"))
            .Message.ShouldContain("outside the supported anchors");

    [Fact]
    public void Constructor_BadArguments_AreRefused()
    {
        Should.Throw<ArgumentNullException>(() => new BillingCalendar(BillingCycle.Daily, D("2026-01-01"), null!));
        Should.Throw<ArgumentOutOfRangeException>(() => new BillingCalendar((BillingCycle)99, D("2026-01-01"), London))
            .Message.ShouldContain("Billing cycle 99 is not one of the defined cycles");
        var julian = Should.Throw<ArgumentException>(() => new BillingCalendar(BillingCycle.Daily, new LocalDate(2026, 1, 1, CalendarSystem.Julian), London));
        julian.ParamName.ShouldBe("anchor");
        julian.Message.ShouldContain("is in the Julian calendar");
    }

    [Fact]
    public void AfterClosingDelay_EndingExactlyAtTheLastInstant_IsKept_AndBeyondItRefused()
    {
        var closes = Instant.MaxValue - Duration.FromDays(3);

        BillingCalendar.AfterClosingDelay(closes, Duration.FromDays(3)).ShouldBe(Instant.MaxValue);
        var beyond = Should.Throw<ArgumentOutOfRangeException>(() => BillingCalendar.AfterClosingDelay(closes, Duration.FromDays(3) + Duration.Epsilon));
        beyond.ParamName.ShouldBe("closingDelay");
        beyond.Message.ShouldContain("lies beyond the last instant NodaTime supports");
    }

    [Fact]
    public void BillingPeriod_StartingBeforeTheEarliestAnchor_IsRefusedSayingSo()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(
            () => new BillingPeriod(BillingCalendar.MinAnchor.PlusDays(-1), BillingCalendar.MinAnchor.PlusDays(1)));

        error.ParamName.ShouldBe("start");
        error.Message.ShouldContain("No billing period starts before 0001-01-01");
    }

    [Fact]
    public void Lookups_DateInAnotherCalendar_AreRefused()
    {
        var julian = new LocalDate(2026, 2, 1, CalendarSystem.Julian);
        var iso = D("2026-03-01");
        var calendar = Calendar(BillingCycle.Monthly, "2026-01-01");
        var schedule = new BillingSchedule(calendar);
        Action[] lookups =
        [
            () => calendar.PeriodContaining(julian),
            () => calendar.IndexOf(julian),
            () => calendar.TryPeriodContaining(julian, out _),
            () => calendar.PeriodsBetween(julian, iso),
            () => calendar.PeriodsBetween(iso, julian), // refused when called, not when enumerated
            () => schedule.PeriodContaining(julian),
            () => schedule.IndexOf(julian),
            () => schedule.TryPeriodContaining(julian, out _),
            () => schedule.CalendarOn(julian),
            () => schedule.PeriodsBetween(julian, iso),
            () => schedule.PeriodsBetween(iso, julian),
            () => schedule.WithCycleChange(julian, BillingCycle.Daily),
            () => schedule.WithCycleChange(iso, BillingCycle.Daily, julian),
        ];
        foreach (var lookup in lookups)
        {
            var message = Should.Throw<ArgumentException>(lookup).Message;
            message.ShouldContain("Billing dates are ISO dates;");
            message.ShouldContain("is in the Julian calendar");
        }
    }

    [Fact]
    public void BillingPeriod_DatesInAnotherCalendarOrOutOfOrder_AreRefusedNamingTheDate()
    {
        var julian = new LocalDate(2026, 2, 1, CalendarSystem.Julian);
        var start = Should.Throw<ArgumentException>(() => new BillingPeriod(julian, D("2026-03-01")));
        start.ParamName.ShouldBe("start");
        start.Message.ShouldContain("ISO");
        var end = Should.Throw<ArgumentException>(() => new BillingPeriod(D("2026-01-01"), julian));
        end.ParamName.ShouldBe("endExclusive");
        end.Message.ShouldContain("ISO");
        var order = Should.Throw<ArgumentException>(() => new BillingPeriod(D("2026-03-01"), D("2026-02-01")));
        order.ParamName.ShouldBe("endExclusive");
        order.Message.ShouldContain("A billing period ends after it starts; endExclusive 2026-02-01 is not after start 2026-03-01");
    }

    [Fact]
    public void BillingPeriod_Equality_ComparesBothDates()
    {
        var period = new BillingPeriod(D("2024-02-01"), D("2024-03-01"));
        object same = new BillingPeriod(D("2024-02-01"), D("2024-03-01"));
        period.Equals(same).ShouldBeTrue();
        period.GetHashCode().ShouldBe(same.GetHashCode());
        period.Equals((object)new BillingPeriod(D("2024-02-01"), D("2024-03-02"))).ShouldBeFalse();
        period.Equals((object)new BillingPeriod(D("2024-01-31"), D("2024-03-01"))).ShouldBeFalse();
        period.Equals("[2024-02-01, 2024-03-01)").ShouldBeFalse();
        period.Equals(null).ShouldBeFalse();
        (period == (BillingPeriod)same).ShouldBeTrue();
        (period != (BillingPeriod)same).ShouldBeFalse();
    }

    [Fact]
    public void NextAndPrevious_OfAPeriodBeforeTheAnchor_AreRefused()
    {
        var daily = Calendar(BillingCycle.Daily, "2026-03-19");
        var before = new BillingPeriod(D("2026-03-10"), D("2026-03-11"));
        Should.Throw<ArgumentException>(() => daily.Next(before)).Message.ShouldContain("is not a period of the Daily from 2026-03-19 in Europe/London billing calendar");
        Should.Throw<ArgumentException>(() => daily.Previous(before));
        Should.Throw<ArgumentException>(() => daily.Previous(new BillingPeriod(D("2026-03-20"), D("2026-03-22"))));
        var monthly = Calendar(BillingCycle.Monthly, "2026-01-07");
        Should.Throw<ArgumentException>(() => monthly.Previous(new BillingPeriod(D("2026-03-01"), D("2026-03-31"))));
    }

    [Fact]
    public void PeriodsBetween_FromBeyondTheLastPeriod_IsEmpty()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-01-07");
        calendar.PeriodsBetween(D("9999-12-05"), LocalDate.MaxIsoValue).ShouldBeEmpty();
        calendar.PeriodsBetween(D("9999-11-30"), LocalDate.MaxIsoValue).ShouldBe([calendar.PeriodAt(calendar.LastIndex)]);
    }

    [Fact]
    public void Previous_OfFirst_IsRefused()
    {
        var calendar = Calendar(BillingCycle.Weekly, "2026-01-07");
        Should.Throw<ArgumentException>(() => calendar.Previous(calendar.First)).Message.ShouldContain("first period");
    }

    [Fact]
    public void Next_PeriodOfAnotherCalendar_IsRefused()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-01-07");
        Should.Throw<ArgumentException>(() => calendar.Next(new BillingPeriod(D("2026-02-03"), D("2026-03-01"))))
            .Message.ShouldContain("is not a period of");
        Should.Throw<ArgumentException>(() => calendar.Next(new BillingPeriod(D("2025-02-01"), D("2025-03-01"))));
    }

    [Fact]
    public void IndexOf_AndPeriodAt_AreInverse()
    {
        var calendar = Calendar(BillingCycle.SemiMonthly, "2026-02-10");
        calendar.IndexOf(D("2026-02-10")).ShouldBe(0);
        calendar.IndexOf(D("2026-02-16")).ShouldBe(1);
        calendar.IndexOf(D("2027-02-15")).ShouldBe(24);
        calendar.PeriodAt(24).ShouldBe(new BillingPeriod(D("2027-02-01"), D("2027-02-16")));
    }

    [Fact]
    public void PeriodsBetween_IsLazyAndCoversTheRange()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-01-15");
        calendar.PeriodsBetween(D("2025-01-01"), D("2026-03-02")).Select(p => p.ToString())
            .ShouldBe(["[2026-01-15, 2026-02-01)", "[2026-02-01, 2026-03-01)", "[2026-03-01, 2026-04-01)"]);
        calendar.PeriodsBetween(D("2026-03-01"), D("2026-03-01")).ShouldBeEmpty();
        calendar.PeriodsBetween(D("2020-01-01"), D("2026-01-15")).ShouldBeEmpty();

        // Reading the first periods of an unbounded range does not walk to the end of it.
        calendar.PeriodsBetween(D("2026-01-01"), LocalDate.MaxIsoValue).Take(2).Count().ShouldBe(2);
        calendar.PeriodsBetween(D("2026-01-01"), LocalDate.MaxIsoValue).Last().ShouldBe(calendar.PeriodAt(calendar.LastIndex));
    }

    [Fact]
    public void BillingPeriod_Members_DescribeTheRange()
    {
        var period = new BillingPeriod(D("2024-02-01"), D("2024-03-01"));
        period.End.ShouldBe(D("2024-02-29"));
        period.LengthInDays.ShouldBe(29);
        period.Contains(D("2024-02-01")).ShouldBeTrue();
        period.Contains(D("2024-02-29")).ShouldBeTrue();
        period.Contains(D("2024-03-01")).ShouldBeFalse();
        period.Contains(D("2024-01-31")).ShouldBeFalse();
        period.ToString().ShouldBe("[2024-02-01, 2024-03-01)");
        var (start, end) = period;
        (start, end).ShouldBe((D("2024-02-01"), D("2024-03-01")));
        Should.Throw<ArgumentException>(() => new BillingPeriod(D("2024-02-01"), D("2024-02-01")));
    }

    public static TheoryData<string, Instant> InstantsWithoutADate() => new()
    {
        { "Europe/London", Instant.MinValue },
        { "Europe/London", Instant.MinValue + Duration.FromMinutes(1) },
        { "Pacific/Kiritimati", Instant.MaxValue },
        { "Etc/GMT-14", Instant.MaxValue - Duration.FromHours(9) },
        { "America/New_York", Instant.MinValue },
    };

    [Theory]
    [MemberData(nameof(InstantsWithoutADate))]
    public void PeriodContaining_InstantWhoseDateNodaTimeCannotRepresent_IsRefusedNamingTheInstant(string zone, Instant instant)
    {
        IBillingCalendar[] calendars =
        [
            new BillingCalendar(BillingCycle.Daily, BillingCalendar.MinAnchor, DateTimeZoneProviders.Tzdb[zone]),
            new BillingSchedule(new BillingCalendar(BillingCycle.Monthly, BillingCalendar.MinAnchor, DateTimeZoneProviders.Tzdb[zone])),
        ];
        foreach (var calendar in calendars)
        {
            var ex = Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(instant));
            ex.ParamName.ShouldBe("instant");
            ex.Message.ShouldContain("NodaTime cannot represent");
        }
    }

    [Fact]
    public void PeriodContaining_InstantBeforeTheAnchorOrPastTheLastPeriod_NamesTheInstant()
    {
        var calendar = Calendar(BillingCycle.Monthly, "2026-03-19");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(Instant.FromUtc(2026, 3, 18, 12, 0))).ParamName.ShouldBe("instant");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(Instant.MaxValue)).ParamName.ShouldBe("instant");
        Should.Throw<ArgumentOutOfRangeException>(() => new BillingSchedule(calendar).PeriodContaining(Instant.MinValue)).ParamName.ShouldBe("instant");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.PeriodContaining(D("2026-03-18"))).ParamName.ShouldBe("date");
    }

    [Property(MaxTest = 2000)]
    public Property PeriodContaining_AnyInstantInAnyZone_IsThePeriodOfItsLocalDateOrARangeError()
    {
        var zones = new[] { "Europe/London", "Pacific/Kiritimati", "Pacific/Apia", "America/St_Johns", "Etc/GMT+12" }
            .Select(id => DateTimeZoneProviders.Tzdb[id])
            .Append(DateTimeZone.ForOffset(Offset.MaxValue))
            .Append(DateTimeZone.ForOffset(Offset.MinValue))
            .ToArray();
        var ticks = Gen.Frequency(
            (3, Gen.Choose(int.MinValue, int.MaxValue).Select(i => (long)i * 150_000_000_000L)),
            (1, Gen.Choose(-200_000, 200_000).Select(m => Instant.MinValue.ToUnixTimeTicks() + (m * 600_000_000L))),
            (1, Gen.Choose(-200_000, 200_000).Select(m => Instant.MaxValue.ToUnixTimeTicks() - (m * 600_000_000L))));
        var instants = ticks.Select(t => Instant.FromUnixTimeTicks(Math.Clamp(t, Instant.MinValue.ToUnixTimeTicks(), Instant.MaxValue.ToUnixTimeTicks())));
        return Prop.ForAll(instants.ToArbitrary(), Gen.Elements(zones).ToArbitrary(), (instant, zone) =>
        {
            var calendar = new BillingCalendar(BillingCycle.Daily, BillingCalendar.MinAnchor, zone);
            LocalDate? expected;
            try
            {
                expected = instant.InZone(zone).Date;
            }
            catch (ArgumentOutOfRangeException)
            {
                expected = null;
            }

            if (expected is { } date && date >= BillingCalendar.MinAnchor && date < LocalDate.MaxIsoValue)
            {
                return calendar.PeriodContaining(instant).Start == date;
            }

            try
            {
                calendar.PeriodContaining(instant);
                return false;
            }
            catch (ArgumentOutOfRangeException e)
            {
                return e.ParamName == "instant";
            }
        });
    }

    [Fact]
    public void BillingPeriod_StartingBeforeTheEarliestAnchor_IsRefused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new BillingPeriod(LocalDate.MinIsoValue, D("2026-01-01"))).ParamName.ShouldBe("start");
        Should.Throw<ArgumentOutOfRangeException>(() => new BillingPeriod(D("0000-12-31"), D("0001-01-01"))).ParamName.ShouldBe("start");
        new BillingPeriod(BillingCalendar.MinAnchor, LocalDate.MaxIsoValue).LengthInDays.ShouldBe(3_652_058);
        var plusEighteen = new BillingCalendar(BillingCycle.Daily, D("2026-01-01"), DateTimeZone.ForOffset(Offset.MaxValue));
        plusEighteen.OpensAt(new BillingPeriod(BillingCalendar.MinAnchor, D("0001-01-02"))).ShouldBe(Instant.FromUtc(0, 12, 31, 6, 0));
    }
}
