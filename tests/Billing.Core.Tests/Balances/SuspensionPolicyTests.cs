using Billing.Core.Balances;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Tests.Balances;

public class SuspensionPolicyTests
{
    private static UnpaidInvoice Invoice(string reference, int month, int day, decimal outstanding)
        => new(reference, new LocalDate(2026, month, day), Money.Of(outstanding, "GBP"));

    [Theory]
    [InlineData(8, false)]
    [InlineData(9, true)]
    [InlineData(1, false)]
    [InlineData(20, true)]
    public void Assess_DueFirstMarchSevenDaysGrace_DueFromNinthMarch(int dayOfMarch, bool due)
    {
        var result = SuspensionPolicy.Assess([Invoice("INV-1", 3, 1, 50m)], 7, new LocalDate(2026, 3, dayOfMarch));

        result.IsDue.ShouldBe(due);
        result.SuspendFrom.ShouldBe(new LocalDate(2026, 3, 9));
        result.OldestUnpaidInvoice.ShouldBe("INV-1");
    }

    [Fact]
    public void Assess_NoGrace_DueTheDayAfterTheDueDate()
    {
        SuspensionPolicy.Assess([Invoice("INV-1", 3, 1, 50m)], 0, new LocalDate(2026, 3, 1)).IsDue.ShouldBeFalse();
        SuspensionPolicy.Assess([Invoice("INV-1", 3, 1, 50m)], 0, new LocalDate(2026, 3, 2)).IsDue.ShouldBeTrue();
    }

    [Fact]
    public void Assess_SeveralInvoices_JudgesTheOldestUnpaidOne()
    {
        UnpaidInvoice[] invoices =
        [
            Invoice("INV-3", 3, 1, 20m),
            Invoice("INV-1", 1, 1, 0m),     // settled: ignored
            Invoice("INV-2", 2, 1, 0.01m),  // oldest with something outstanding
        ];

        var result = SuspensionPolicy.Assess(invoices, 14, new LocalDate(2026, 2, 16));

        result.OldestUnpaidInvoice.ShouldBe("INV-2");
        result.OldestUnpaidDueDate.ShouldBe(new LocalDate(2026, 2, 1));
        result.IsDue.ShouldBeTrue();
    }

    [Fact]
    public void Assess_NothingOutstanding_IsNeverDue()
    {
        var result = SuspensionPolicy.Assess([Invoice("INV-1", 1, 1, 0m), Invoice("INV-2", 1, 1, -5m)], 0, new LocalDate(2030, 1, 1));

        result.IsDue.ShouldBeFalse();
        result.OldestUnpaidInvoice.ShouldBeNull();
        result.SuspendFrom.ShouldBeNull();
        SuspensionPolicy.Assess([], 0, new LocalDate(2030, 1, 1)).IsDue.ShouldBeFalse();
    }

    [Fact]
    public void Assess_BadArguments_Throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SuspensionPolicy.Assess([], -1, new LocalDate(2026, 1, 1)));
        Should.Throw<ArgumentException>(() => new UnpaidInvoice(" ", new LocalDate(2026, 1, 1), Money.Of(1m, "GBP")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(365)]
    [InlineData(int.MaxValue)]
    public void Assess_SuspensionDayBeyondTheLastDate_IsNeverDue(int grace)
    {
        var result = SuspensionPolicy.Assess([new UnpaidInvoice("INV-9", LocalDate.MaxIsoValue, Money.Of(1m, "GBP"))], grace, LocalDate.MaxIsoValue);
        result.IsDue.ShouldBeFalse();
        result.SuspendFrom.ShouldBeNull();
        result.OldestUnpaidInvoice.ShouldBe("INV-9");
    }

    [Fact]
    public void Assess_LongGraceThatStillFits_GivesTheDay()
        => SuspensionPolicy.Assess([Invoice("INV-1", 3, 1, 1m)], int.MaxValue / 1000, new LocalDate(2026, 3, 2)).SuspendFrom
            .ShouldBe(new LocalDate(2026, 3, 1).PlusDays((int.MaxValue / 1000) + 1));

    [Fact]
    public void AssessAndInvoice_DatesInAnotherCalendar_AreArgumentErrorsNamingThem()
    {
        var julian = new LocalDate(2026, 3, 1, CalendarSystem.Julian);
        Should.Throw<ArgumentException>(() => SuspensionPolicy.Assess([Invoice("INV-1", 3, 1, 1m)], 0, julian)).ParamName.ShouldBe("today");
        Should.Throw<ArgumentException>(() => new UnpaidInvoice("INV-1", julian, Money.Of(1m, "GBP"))).ParamName.ShouldBe("dueDate");
        Should.Throw<ArgumentException>(() => new UnpaidInvoice("INV-1", new LocalDate(2026, 3, 1), default)).ParamName.ShouldBe("outstanding");
    }
}
