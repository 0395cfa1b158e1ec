using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// A change recorded in a <see cref="BillingSchedule"/>: a new cycle, anchor, month-end policy or billing time zone, or several
/// at once. It was requested on <see cref="RequestedOn"/> and takes effect on <see cref="EffectiveFrom"/>, the day the period
/// containing the request closes, at the instant <see cref="TakesEffectAt"/> that period closes.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BillingScheduleChange
{
    internal BillingScheduleChange(LocalDate requestedOn, LocalDate effectiveFrom, Instant takesEffectAt, BillingCalendar calendar)
    {
        RequestedOn = requestedOn;
        EffectiveFrom = effectiveFrom;
        TakesEffectAt = takesEffectAt;
        Calendar = calendar;
    }

    /// <summary>The day the change was asked for.</summary>
    public LocalDate RequestedOn { get; }

    /// <summary>The first day billed under the change: the end of the period that contained <see cref="RequestedOn"/>.</summary>
    public LocalDate EffectiveFrom { get; }

    /// <summary>The instant the change takes effect: when the period that contained <see cref="RequestedOn"/> closes, in the zone
    /// that was in force. The first period after the change opens at this instant, even when the new zone's start of
    /// <see cref="EffectiveFrom"/> comes earlier or later, so that no instant is in two periods or in none.</summary>
    public Instant TakesEffectAt { get; }

    /// <summary>The cycle from <see cref="EffectiveFrom"/> on.</summary>
    public BillingCycle Cycle => Calendar.Cycle;

    /// <summary>The anchor the periods are laid out from (on or before <see cref="EffectiveFrom"/>); the first period after the
    /// change is cut to start on <see cref="EffectiveFrom"/>.</summary>
    public LocalDate Anchor => Calendar.Anchor;

    /// <summary>The month-end policy from <see cref="EffectiveFrom"/> on.</summary>
    public MonthEndPolicy MonthEndPolicy => Calendar.MonthEndPolicy;

    /// <summary>The billing time zone from <see cref="TakesEffectAt"/> on.</summary>
    public DateTimeZone Zone => Calendar.Zone;

    /// <summary>The calendar that lays out the periods from <see cref="EffectiveFrom"/> on.</summary>
    public BillingCalendar Calendar { get; }

    /// <summary>A description of the change.</summary>
    /// <returns>Text such as <c>Weekly from 2026-03-01 in Europe/London, effective 2026-03-01 (requested 2026-02-10)</c>.</returns>
    public override string ToString()
        => $"{Calendar}, effective {Guard.Format(EffectiveFrom)} (requested {Guard.Format(RequestedOn)})";
}
