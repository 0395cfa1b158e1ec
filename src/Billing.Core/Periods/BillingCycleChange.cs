using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// A change of billing cycle (and possibly anchor) recorded in a <see cref="BillingSchedule"/>. It was requested on
/// <see cref="RequestedOn"/> and takes effect on <see cref="EffectiveFrom"/>, the day the period containing the request closes.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BillingCycleChange
{
    internal BillingCycleChange(LocalDate requestedOn, LocalDate effectiveFrom, BillingCalendar calendar)
    {
        RequestedOn = requestedOn;
        EffectiveFrom = effectiveFrom;
        Calendar = calendar;
    }

    /// <summary>The day the change was asked for.</summary>
    public LocalDate RequestedOn { get; }

    /// <summary>The first day billed under the new cycle: the end of the period that contained <see cref="RequestedOn"/>.</summary>
    public LocalDate EffectiveFrom { get; }

    /// <summary>The new cycle.</summary>
    public BillingCycle Cycle => Calendar.Cycle;

    /// <summary>The anchor of the new cycle (on or before <see cref="EffectiveFrom"/>); periods of the new cycle are laid out from it,
    /// and the first one billed is cut to start on <see cref="EffectiveFrom"/>.</summary>
    public LocalDate Anchor => Calendar.Anchor;

    /// <summary>The calendar that lays out the periods from <see cref="EffectiveFrom"/> on.</summary>
    public BillingCalendar Calendar { get; }

    /// <summary>A description of the change.</summary>
    /// <returns>Text such as <c>Weekly from 2026-02-01 (requested 2026-01-20)</c>.</returns>
    public override string ToString()
        => $"{Cycle} from {Guard.Format(EffectiveFrom)} (requested {Guard.Format(RequestedOn)})";
}
