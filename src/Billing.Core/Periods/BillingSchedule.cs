using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// A customer's billing periods across changes of cycle (see docs/billing-periods.md, "Cycle changes"): a change takes effect when the period
/// containing the request closes, so periods stay contiguous and never overlap. Answers the same questions as a
/// <see cref="BillingCalendar"/>, numbering periods from 0 across all changes.
/// </summary>
/// <remarks>
/// Immutable and thread-safe: <see cref="WithCycleChange"/> returns a new schedule. Lookups are O(1) in the distance from the
/// anchor and linear in the number of changes (a handful per customer).
/// </remarks>
public sealed class BillingSchedule : IBillingCalendar
{
    private readonly Segment[] _segments;

    /// <summary>Creates a schedule that starts with <paramref name="initial"/> and has no changes yet.</summary>
    /// <param name="initial">The calendar in force from its anchor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="initial"/> is null.</exception>
    public BillingSchedule(BillingCalendar initial)
    {
        Initial = Guard.NotNull(initial);
        _segments = [new Segment(initial, initial.Anchor, CivilDays.FromDate(initial.Anchor), 0, 0)];
        Changes = [];
    }

    private BillingSchedule(BillingCalendar initial, Segment[] segments, ImmutableArray<BillingCycleChange> changes)
    {
        Initial = initial;
        _segments = segments;
        Changes = changes;
    }

    /// <summary>The calendar in force from the anchor until the first change.</summary>
    public BillingCalendar Initial { get; }

    /// <summary>The changes, in the order they take effect.</summary>
    public ImmutableArray<BillingCycleChange> Changes { get; }

    /// <inheritdoc />
    public LocalDate Anchor => Initial.Anchor;

    /// <inheritdoc />
    public DateTimeZone Zone => Initial.Zone;

    /// <inheritdoc />
    public BillingPeriod First => PeriodAtUnchecked(0);

    /// <summary>Records a change of cycle requested on <paramref name="requestedOn"/>, effective when the period containing that day closes.</summary>
    /// <param name="requestedOn">The day of the request; on or after the day the last change took effect.</param>
    /// <param name="cycle">The new cycle.</param>
    /// <param name="anchor">The anchor of the new cycle, on or before the day the change takes effect; by default that day itself
    /// (for example, a change to <see cref="BillingCycle.MonthlyAnniversary"/> then bills from the day of month the change takes effect).</param>
    /// <returns>A new schedule with the change.</returns>
    /// <exception cref="ArgumentException"><paramref name="requestedOn"/> or <paramref name="anchor"/> is not in the ISO calendar.</exception>
    /// <exception cref="BillingRuleException">The request is before the anchor, or before the previous change has taken effect;
    /// or the new anchor is after the day the change takes effect.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cycle"/> is not a defined cycle, the new anchor is outside
    /// <see cref="BillingCalendar.MinAnchor"/>..<see cref="BillingCalendar.MaxAnchor"/>, or the change would take effect beyond the dates
    /// NodaTime supports.</exception>
    [Pure]
    public BillingSchedule WithCycleChange(LocalDate requestedOn, BillingCycle cycle, LocalDate? anchor = null)
    {
        Guard.IsoDate(requestedOn);
        Guard.IsoDate(anchor);
        var last = _segments[^1];
        Guard.Rule(
            requestedOn >= Anchor,
            nameof(BillingCycleChange.RequestedOn),
            requestedOn,
            $"a cycle change cannot be requested before the schedule's anchor {Anchor}");
        Guard.Rule(
            requestedOn >= last.EffectiveFrom,
            nameof(BillingCycleChange.RequestedOn),
            requestedOn,
            $"the previous change takes effect on {last.EffectiveFrom}; a new change can be requested from that day on");

        var current = IndexOf(requestedOn, nameof(requestedOn));
        var effectiveFrom = PeriodAtUnchecked(current).EndExclusive;
        var newAnchor = anchor ?? effectiveFrom;
        Guard.Rule(
            newAnchor <= effectiveFrom,
            nameof(BillingCycleChange.Anchor),
            newAnchor,
            $"the new anchor must be on or before {effectiveFrom}, the day the change takes effect, so that periods stay contiguous");

        var calendar = new BillingCalendar(cycle, newAnchor, Zone);
        var effectiveDay = CivilDays.FromDate(effectiveFrom);
        var offset = calendar.IndexOf(effectiveFrom, anchor is null ? nameof(requestedOn) : nameof(anchor));
        var baseIndex = current + 1;
        var segments = new Segment[_segments.Length + 1];
        _segments.CopyTo(segments, 0);
        segments[^1] = new Segment(calendar, effectiveFrom, effectiveDay, baseIndex, offset);
        return new BillingSchedule(Initial, segments, Changes.Add(new BillingCycleChange(requestedOn, effectiveFrom, calendar)));
    }

    /// <summary>The cycle in force on <paramref name="date"/>.</summary>
    /// <param name="date">An ISO date on or after the anchor.</param>
    /// <returns>The cycle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is before the anchor.</exception>
    /// <exception cref="ArgumentException">The date is not in the ISO calendar.</exception>
    [Pure]
    public BillingCycle CycleOn(LocalDate date)
    {
        Guard.IsoDate(date);
        return date < Anchor ? throw BeforeAnchor(date, nameof(date)) : SegmentForDay(CivilDays.FromDate(date)).Calendar.Cycle;
    }

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodContaining(LocalDate date) => PeriodContaining(Guard.IsoDate(date), nameof(date));

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodContaining(Instant instant)
        => PeriodContaining(BillingCalendar.DateOf(instant, Zone, nameof(instant)), nameof(instant));

    /// <inheritdoc />
    public bool TryPeriodContaining(LocalDate date, out BillingPeriod period)
    {
        Guard.IsoDate(date);
        if (date >= Anchor && TryIndexOf(date, out var index))
        {
            period = PeriodAtUnchecked(index);
            return true;
        }

        period = default;
        return false;
    }

    /// <inheritdoc />
    [Pure]
    public int IndexOf(LocalDate date) => IndexOf(Guard.IsoDate(date), nameof(date));

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodAt(int index)
    {
        var maxIndex = LastIndex;
        if ((uint)index > (uint)maxIndex)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index),
                index,
                $"Period number {index} does not exist: numbers run from 0 (the period starting on the anchor {Guard.Format(Anchor)}) to {maxIndex}.");
        }

        return PeriodAtUnchecked(index);
    }

    /// <inheritdoc />
    [Pure]
    public BillingPeriod Next(BillingPeriod period)
    {
        var index = IndexOfOwn(period) + 1;
        return index <= LastIndex
            ? PeriodAtUnchecked(index)
            : throw new ArgumentOutOfRangeException(
                nameof(period),
                period,
                $"The period after {period} would end after {Guard.Format(LocalDate.MaxIsoValue)}, the last date NodaTime supports.");
    }

    /// <inheritdoc />
    [Pure]
    public BillingPeriod Previous(BillingPeriod period)
    {
        var index = IndexOfOwn(period);
        return index == 0
            ? throw new ArgumentException($"Period {period} is the first period of this schedule; it has no previous period.", nameof(period))
            : PeriodAtUnchecked(index - 1);
    }

    /// <inheritdoc />
    [Pure]
    public Instant OpensAt(BillingPeriod period) => BillingCalendar.StartOfDay(Zone, period.Start);

    /// <inheritdoc />
    [Pure]
    public Instant ClosesAt(BillingPeriod period) => BillingCalendar.StartOfDay(Zone, period.EndExclusive);

    /// <inheritdoc />
    public IEnumerable<BillingPeriod> PeriodsBetween(LocalDate from, LocalDate toExclusive)
    {
        Guard.IsoDate(from);
        Guard.IsoDate(toExclusive);
        return Enumerate(from < Anchor ? Anchor : from, toExclusive);

        IEnumerable<BillingPeriod> Enumerate(LocalDate first, LocalDate end)
        {
            if (end <= first || !TryIndexOf(first, out var index))
            {
                yield break;
            }

            var maxIndex = LastIndex;
            for (; index <= maxIndex; index++)
            {
                var period = PeriodAtUnchecked(index);
                if (period.Start >= end)
                {
                    yield break;
                }

                yield return period;
            }
        }
    }

    /// <summary>The schedule's initial calendar and changes.</summary>
    /// <returns>Text such as <c>Monthly from 2026-01-07 in Europe/London; Weekly from 2026-03-01 (requested 2026-02-10)</c>.</returns>
    public override string ToString() => string.Join("; ", Changes.Select(c => c.ToString()).Prepend(Initial.ToString()));

    /// <summary>The number of the last period the schedule can represent.</summary>
    private int LastIndex => _segments[^1].BaseIndex + _segments[^1].Calendar.LastIndex - _segments[^1].Offset;

    private BillingPeriod PeriodContaining(LocalDate date, string paramName)
    {
        if (date < Anchor)
        {
            throw BeforeAnchor(date, paramName);
        }

        var segment = SegmentForDay(CivilDays.FromDate(date));
        var period = segment.Calendar.PeriodContaining(date, paramName);
        return period.Start < segment.EffectiveFrom ? BillingPeriod.Trusted(segment.EffectiveFrom, period.EndExclusive) : period;
    }

    private int IndexOf(LocalDate date, string paramName)
    {
        if (date < Anchor)
        {
            throw BeforeAnchor(date, paramName);
        }

        // The segment's calendar reports a date past the supported range in its own words.
        var segment = SegmentForDay(CivilDays.FromDate(date));
        return segment.BaseIndex + segment.Calendar.IndexOf(date, paramName) - segment.Offset;
    }

    private bool TryIndexOf(LocalDate date, out int index)
    {
        var day = CivilDays.FromDate(date);
        var segment = SegmentForDay(day);
        var local = segment.Calendar.IndexOfDay(day, date);
        index = segment.BaseIndex + local - segment.Offset;
        return local <= segment.Calendar.LastIndex;
    }

    private BillingPeriod PeriodAtUnchecked(int index)
    {
        var segment = SegmentForIndex(index);
        var local = index - segment.BaseIndex + segment.Offset;
        var start = local == segment.Offset ? segment.EffectiveFromDay : segment.Calendar.StartDay(local);
        return BillingPeriod.Trusted(CivilDays.ToDate(start), CivilDays.ToDate(segment.Calendar.StartDay(local + 1)));
    }

    private int IndexOfOwn(BillingPeriod period)
    {
        if (period.Start >= Anchor && TryIndexOf(period.Start, out var index) && PeriodAtUnchecked(index) == period)
        {
            return index;
        }

        throw new ArgumentException($"{period} is not a period of the billing schedule {this}.", nameof(period));
    }

    private Segment SegmentForDay(int day)
    {
        var segments = _segments;
        var i = segments.Length - 1;
        while (i > 0 && segments[i].EffectiveFromDay > day)
        {
            i--;
        }

        return segments[i];
    }

    private Segment SegmentForIndex(int index)
    {
        var segments = _segments;
        var i = segments.Length - 1;
        while (i > 0 && segments[i].BaseIndex > index)
        {
            i--;
        }

        return segments[i];
    }

    private ArgumentOutOfRangeException BeforeAnchor(LocalDate date, string paramName)
        => new(
            paramName,
            Guard.Format(date),
            $"Date {Guard.Format(date)} is before the anchor {Guard.Format(Anchor)} of the billing schedule; no billing period contains it.");

    /// <summary>A run of periods laid out by one calendar, from the day a change took effect.</summary>
    /// <param name="Calendar">The calendar of the run.</param>
    /// <param name="EffectiveFrom">The first day of the run.</param>
    /// <param name="EffectiveFromDay">Its day number.</param>
    /// <param name="BaseIndex">The schedule-wide number of the run's first period.</param>
    /// <param name="Offset">The calendar's own number of the run's first period.</param>
    private readonly record struct Segment(BillingCalendar Calendar, LocalDate EffectiveFrom, int EffectiveFromDay, int BaseIndex, int Offset);
}
