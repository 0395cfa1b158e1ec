using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.QuickStart;

/// <summary>Shows a customer's billing periods under each cycle, and when they open and close.</summary>
internal static class PeriodsDemo
{
    public static void Run()
    {
        Console.WriteLine("== Billing periods ==");
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        var createdOn = new LocalDate(2026, 1, 30); // the customer's creation date in its billing zone is the anchor
        foreach (var cycle in Enum.GetValues<BillingCycle>())
        {
            var calendar = new BillingCalendar(cycle, createdOn, zone);
            var periods = calendar.PeriodsBetween(createdOn, createdOn.PlusDays(45)).Take(4)
                .Select(p => $"{p.Start:d MMM}–{p.End:d MMM} ({p.LengthInDays}d)");
            Console.WriteLine($"  {cycle,-18} {string.Join(", ", periods)}");
        }

        var monthly = new BillingCalendar(BillingCycle.Monthly, createdOn, zone);
        var now = Instant.FromUtc(2026, 7, 15, 9, 30);
        var current = monthly.PeriodContaining(now);
        Console.WriteLine($"  At {now} a Monthly customer is in period #{monthly.IndexOf(current.Start)} {current}, "
            + $"open {monthly.OpensAt(current)} to {monthly.ClosesAt(current)} (London summer time).");

        var saoPaulo = new BillingCalendar(BillingCycle.Daily, new LocalDate(2018, 11, 1), DateTimeZoneProviders.Tzdb["America/Sao_Paulo"]);
        var noMidnight = saoPaulo.PeriodContaining(new LocalDate(2018, 11, 4));
        Console.WriteLine($"  São Paulo skipped midnight on 2018-11-04: that day's period opens at "
            + $"{saoPaulo.OpensAt(noMidnight).InZone(saoPaulo.Zone).LocalDateTime:yyyy-MM-dd HH:mm} local.");

        var schedule = new BillingSchedule(monthly).WithCycleChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly);
        Console.WriteLine($"  Switching to Weekly on 10 Mar takes effect {schedule.Changes[0].EffectiveFrom:d MMM}: "
            + string.Join(", ", schedule.PeriodsBetween(new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 14)).Select(p => p.ToString())));
        Console.WriteLine();
    }
}
