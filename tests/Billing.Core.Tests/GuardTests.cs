using System.Globalization;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests;

public class GuardTests
{
    private static readonly LocalDate Day = new(2026, 2, 10);

    /// <summary>
    /// Every public member that takes a date, called with the date under test in one position and valid values elsewhere (or, for
    /// factories, hostile values elsewhere too, to show the check comes first), with the parameter the refusal must name.
    /// </summary>
    public static TheoryData<string, string> Members() => new()
    {
        { "Feature.Recurring start", "startDate" }, { "Feature.Recurring end", "endDate" }, { "Feature.OneOff", "chargeDate" },
        { "Feature.WithStartDate", "startDate" }, { "Feature.WithEndDate", "endDate" },
        { "Number.Create sold", "dateSold" }, { "Number.Create ceased", "dateCeased" },
        { "Number.IsActiveOn", "date" }, { "Number.WithDateSold", "dateSold" }, { "Number.Cease", "lastDay" },
        { "Service.Create start", "startDate" }, { "Service.Create end", "endDate" },
        { "Service.IsActiveOn", "date" }, { "Service.WithStartDate", "startDate" }, { "Service.End", "lastDay" },
        { "CustomFieldValue.Date", "value" }, { "UnpaidInvoice", "dueDate" }, { "SuspensionPolicy.Assess", "today" },
        { "BillingCalendar", "anchor" }, { "BillingCalendar.PeriodContaining", "date" }, { "BillingCalendar.TryPeriodContaining", "date" },
        { "BillingCalendar.IndexOf", "date" }, { "BillingCalendar.PeriodsBetween from", "from" }, { "BillingCalendar.PeriodsBetween to", "toExclusive" },
        { "BillingSchedule.PeriodContaining", "date" }, { "BillingSchedule.IndexOf", "date" }, { "BillingSchedule.CycleOn", "date" },
        { "BillingSchedule.WithCycleChange", "requestedOn" }, { "BillingSchedule.WithCycleChange anchor", "anchor" },
        { "BillingPeriod start", "start" }, { "BillingPeriod end", "endExclusive" }, { "BillingPeriod.Contains", "date" },
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void IsoDate_EveryMemberTakingADate_RefusesOtherCalendarsNamingTheParameter(string member, string parameter)
    {
        foreach (var calendar in new[] { CalendarSystem.Julian, CalendarSystem.Gregorian, CalendarSystem.HebrewCivil, CalendarSystem.IslamicBcl })
        {
            var date = Day.WithCalendar(calendar);
            var ex = Should.Throw<ArgumentException>(() => Call(member, date), $"{member} with a {calendar.Id} date");
            ex.ParamName.ShouldBe(parameter);
            ex.Message.ShouldContain("ISO dates");
            ex.Message.ShouldContain(calendar.Id);
        }
    }

    [Fact]
    public void IsoDate_Formats_TheDateInItsOwnCalendarInTheMessage()
        => Should.Throw<ArgumentException>(() => Guard.IsoDate(new LocalDate(5786, 5, 1, CalendarSystem.HebrewCivil)))
            .Message.ShouldStartWith("Billing dates are ISO dates; 5786-05-01 is in the Hebrew Civil calendar");

    [Fact]
    public void Format_WritesDatesAndInstantsAsIsoWhateverTheCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // ar-SA formats dates in the Umm al-Qura calendar by default, th-TH in the Buddhist era.
            foreach (var name in new[] { "ar-SA", "th-TH", "fa-IR", "en-US" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
                Guard.Format(new LocalDate(2026, 1, 7)).ShouldBe("2026-01-07");
                Guard.Format<LocalDate?>(new LocalDate(2026, 1, 7)).ShouldBe("2026-01-07");
                Guard.Format<LocalDate?>(null).ShouldBeNull();
                Guard.Format(Instant.FromUtc(2026, 1, 7, 12, 30)).ShouldBe("2026-01-07T12:30:00Z");
                Guard.Format(1234.5m).ShouldBe("1234.5");

                var number = Number.Create(NumberId.From("N"), EndCustomer(), "01632 960123", "T", new LocalDate(2026, 3, 1), numbering: NumberingOptions.Default with { AllowDramaNumbers = true });
                var ex = Should.Throw<BillingRuleException>(() => number.Cease(new LocalDate(2026, 2, 28)));
                (ex.Value, ex.Rule).ShouldBe(("2026-02-28", "must be on or after the date sold 2026-03-01"));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void NotDefault_NamesTheArgumentAndTheType()
    {
        var currency = default(Currency);
        var ex = Should.Throw<ArgumentException>(() => Guard.NotDefault(currency));
        ex.ParamName.ShouldBe("currency");
        ex.Message.ShouldContain("default(Currency)");
        Guard.NotDefault<CustomerId>(null).ShouldBeNull();
        Should.Throw<ArgumentException>(() => Guard.NotDefault<CustomerId>(default(CustomerId))).Message.ShouldContain("default(CustomerId)");
        Guard.NotDefault(Currency.GBP).ShouldBe(Currency.GBP);
    }

    [Fact]
    public void IsDefault_IsTrueOnlyForDefaultValues()
    {
        new bool[]
        {
            default(CustomerId).IsDefault, default(Billing.Core.Accounts.AccountId).IsDefault, default(NumberId).IsDefault,
            default(ServiceId).IsDefault, default(FeatureId).IsDefault, default(CustomerClassId).IsDefault, default(PhoneNumber).IsDefault,
        }.ShouldAllBe(d => d);
        new bool[]
        {
            CustomerId.New().IsDefault, Billing.Core.Accounts.AccountId.New().IsDefault, NumberId.From("N").IsDefault, ServiceId.From("S").IsDefault,
            FeatureId.From("F").IsDefault, CustomerClassId.From("K").IsDefault, PhoneNumber.Parse("+441632960123").IsDefault,
        }.ShouldAllBe(d => !d);
    }

    [Fact]
    public void SnapshotRestore_DateInAnotherCalendar_IsARuleErrorNamingTheField()
    {
        var julian = new LocalDate(2026, 1, 1).WithCalendar(CalendarSystem.Julian);
        var end = EndCustomer();
        var number = Number.Create(NumberId.From("N"), end, "01632 960123", "T", new LocalDate(2026, 1, 1), numbering: NumberingOptions.Default with { AllowDramaNumbers = true });
        var service = Service.Create(ServiceId.From("S"), end, "t", "n", new LocalDate(2026, 1, 1));
        var feature = Feature.Recurring(FeatureId.From("F"), "Rental", Money.Of(1m, "GBP"), new LocalDate(2026, 1, 1));

        Should.Throw<BillingRuleException>(() => Number.Restore(number.ToSnapshot() with { DateSold = julian })).Field.ShouldBe("Number.DateSold");
        Should.Throw<BillingRuleException>(() => Number.Restore(number.ToSnapshot() with { DateCeased = julian })).Field.ShouldBe("Number.DateCeased");
        Should.Throw<BillingRuleException>(() => Service.Restore(service.ToSnapshot() with { StartDate = julian })).Field.ShouldBe("Service.StartDate");
        Should.Throw<BillingRuleException>(() => Service.Restore(service.ToSnapshot() with { EndDate = julian })).Field.ShouldBe("Service.EndDate");
        Should.Throw<BillingRuleException>(() => Feature.Restore(feature.ToSnapshot() with { StartDate = julian })).Field.ShouldBe("Feature.StartDate");
        Should.Throw<BillingRuleException>(() => Customer.Restore(end.ToSnapshot() with { BillingCycleAnchor = julian })).Field.ShouldBe("Customer.BillingCycleAnchor");
    }

    private static object? Call(string member, LocalDate date)
    {
        var end = EndCustomer();
        var gbp = Money.Of(12m, "GBP");
        var feature = Feature.Recurring(FeatureId.From("F"), "Rental", gbp, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));
        var number = Number.Create(NumberId.From("N"), end, "01632 960123", "T", new LocalDate(2026, 1, 1), numbering: NumberingOptions.Default with { AllowDramaNumbers = true });
        var service = Service.Create(ServiceId.From("S"), end, "t", "n", new LocalDate(2026, 1, 1));
        var calendar = new BillingCalendar(BillingCycle.Monthly, new LocalDate(2026, 1, 1), DateTimeZone.Utc);
        var schedule = new BillingSchedule(calendar);
        var period = new BillingPeriod(new LocalDate(2026, 2, 1), new LocalDate(2026, 3, 1));
        var late = new LocalDate(2026, 3, 1);
        return member switch
        {
            // Factories: hostile values elsewhere too; the date is checked first.
            "Feature.Recurring start" => Feature.Recurring(default, null!, default, date, null, 0, (Proration)9),
            "Feature.Recurring end" => Feature.Recurring(FeatureId.From("F"), "Rental", gbp, new LocalDate(2026, 1, 1), date),
            "Feature.OneOff" => Feature.OneOff(default, null!, default, date, -1),
            "Feature.WithStartDate" => feature.WithStartDate(date),
            "Feature.WithEndDate" => feature.WithEndDate(date),
            "Number.Create sold" => Number.Create(default, null!, null!, null!, date),
            "Number.Create ceased" => Number.Create(NumberId.From("N"), end, "01632 960123", "T", new LocalDate(2026, 1, 1), dateCeased: date, numbering: NumberingOptions.Default with { AllowDramaNumbers = true }),
            "Number.IsActiveOn" => number.IsActiveOn(date),
            "Number.WithDateSold" => number.WithDateSold(date),
            "Number.Cease" => number.Cease(date),
            "Service.Create start" => Service.Create(default, null!, null!, null!, date),
            "Service.Create end" => Service.Create(ServiceId.From("S"), end, "t", "n", new LocalDate(2026, 1, 1), endDate: date),
            "Service.IsActiveOn" => service.IsActiveOn(date),
            "Service.WithStartDate" => service.WithStartDate(date),
            "Service.End" => service.End(date),
            "CustomFieldValue.Date" => CustomFieldValue.Date(date),
            "UnpaidInvoice" => new UnpaidInvoice(null!, date, default),
            "SuspensionPolicy.Assess" => SuspensionPolicy.Assess([], -1, date),
            "BillingCalendar" => new BillingCalendar((BillingCycle)99, date, null!),
            "BillingCalendar.PeriodContaining" => calendar.PeriodContaining(date),
            "BillingCalendar.TryPeriodContaining" => calendar.TryPeriodContaining(date, out _),
            "BillingCalendar.IndexOf" => calendar.IndexOf(date),
            "BillingCalendar.PeriodsBetween from" => calendar.PeriodsBetween(date, late),
            "BillingCalendar.PeriodsBetween to" => calendar.PeriodsBetween(new LocalDate(2026, 1, 1), date.Calendar == CalendarSystem.Iso ? late : date),
            "BillingSchedule.PeriodContaining" => schedule.PeriodContaining(date),
            "BillingSchedule.IndexOf" => schedule.IndexOf(date),
            "BillingSchedule.CycleOn" => schedule.CycleOn(date),
            "BillingSchedule.WithCycleChange" => schedule.WithCycleChange(date, (BillingCycle)99),
            "BillingSchedule.WithCycleChange anchor" => schedule.WithCycleChange(new LocalDate(2026, 2, 10), BillingCycle.Weekly, date),
            "BillingPeriod start" => new BillingPeriod(date, date.Calendar == CalendarSystem.Iso ? late : default),
            "BillingPeriod end" => new BillingPeriod(new LocalDate(2026, 1, 1), date),
            "BillingPeriod.Contains" => period.Contains(date),
            _ => throw new ArgumentOutOfRangeException(nameof(member), member, "unknown member"),
        };
    }
}
