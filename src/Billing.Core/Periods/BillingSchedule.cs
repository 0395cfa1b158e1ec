using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// A customer's billing periods across changes of cycle, anchor, month-end policy and billing time zone (see
/// <c>docs/billing-periods.md</c>, "Schedule changes"): a change takes effect when the period containing the request closes,
/// so periods stay contiguous and never overlap, in dates and in instants. Answers the same questions as a
/// <see cref="BillingCalendar"/>, numbering periods from 0 across all changes.
/// </summary>
/// <remarks>
/// <para>After a time-zone change, the first period opens at the instant the last period in the old zone closed
/// (<see cref="BillingScheduleChange.TakesEffectAt"/>), and no later period opens before that instant; otherwise periods open
/// and close at the start of their days in the zone in force, as a calendar's do.</para>
/// <para>Immutable and thread-safe: <see cref="WithChange"/> returns a new schedule. Lookups are O(1) in the distance from the
/// anchor and linear in the number of changes (a handful per customer); lookups by date do not allocate.</para>
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
        var opens = BillingCalendar.StartOfDay(initial.Zone, initial.Anchor);
        _segments = [new Segment(initial, initial.Anchor, CivilDays.FromDate(initial.Anchor), 0, 0, opens)];
        Changes = [];
    }

    private BillingSchedule(BillingCalendar initial, Segment[] segments, ImmutableArray<BillingScheduleChange> changes)
    {
        Initial = initial;
        _segments = segments;
        Changes = changes;
    }

    /// <summary>The calendar in force from the anchor until the first change.</summary>
    public BillingCalendar Initial { get; }

    /// <summary>The changes, in the order they take effect.</summary>
    public ImmutableArray<BillingScheduleChange> Changes { get; }

    /// <inheritdoc />
    public LocalDate Anchor => Initial.Anchor;

    /// <summary>The billing time zone of the first period. After a time-zone change, later periods are in another zone: ask
    /// <see cref="CalendarOn"/>.</summary>
    public DateTimeZone Zone => Initial.Zone;

    /// <inheritdoc />
    public BillingPeriod First => PeriodAtUnchecked(0);

    /// <summary>Records a change of cycle requested on <paramref name="requestedOn"/>, effective when the period containing that
    /// day closes; the month-end policy and the time zone stay as they are. The same as <see cref="WithChange"/> with a cycle.</summary>
    /// <param name="requestedOn">The day of the request; on or after the day the last change took effect.</param>
    /// <param name="cycle">The new cycle.</param>
    /// <param name="anchor">The anchor of the new cycle, on or before the day the change takes effect; by default that day itself
    /// (for example, a change to <see cref="BillingCycle.MonthlyAnniversary"/> then bills from the day of month the change takes effect).</param>
    /// <returns>A new schedule with the change.</returns>
    /// <exception cref="BillingRuleException">The request is before the anchor, or before the previous change has taken effect;
    /// or the new anchor is after the day the change takes effect.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The change would take effect beyond the dates NodaTime supports, or
    /// <paramref name="cycle"/> is not a defined cycle.</exception>
    /// <exception cref="ArgumentException">A date is not in the ISO calendar.</exception>
    [Pure]
    public BillingSchedule WithCycleChange(LocalDate requestedOn, BillingCycle cycle, LocalDate? anchor = null)
        => WithChange(requestedOn, cycle, anchor);

    /// <summary>
    /// Records a change of cycle, anchor, month-end policy or billing time zone (any of them, or several at once) requested on
    /// <paramref name="requestedOn"/>. It takes effect on the day the period containing the request closes, at the instant it
    /// closes: the periods up to then are unchanged, and the first period after it starts on that day.
    /// </summary>
    /// <param name="requestedOn">The day of the request; on or after the day the last change took effect.</param>
    /// <param name="cycle">The new cycle; by default the one in force.</param>
    /// <param name="anchor">The anchor the new periods are laid out from, on or before the day the change takes effect. By
    /// default, that day itself when a cycle is given, else the anchor in force (so a change of policy or zone alone keeps the
    /// anniversary day).</param>
    /// <param name="monthEndPolicy">The new month-end policy; by default the one in force.</param>
    /// <param name="zone">The new billing time zone; by default the one in force.</param>
    /// <returns>A new schedule with the change.</returns>
    /// <exception cref="BillingRuleException">The request is before the anchor, or before the previous change has taken effect;
    /// or the new anchor is after the day the change takes effect.</exception>
    /// <exception cref="ArgumentException">Nothing to change was given, or a date is not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The change would take effect beyond the dates NodaTime supports, or
    /// <paramref name="cycle"/> or <paramref name="monthEndPolicy"/> is not a defined value.</exception>
    [Pure]
    public BillingSchedule WithChange(
        LocalDate requestedOn,
        BillingCycle? cycle = null,
        LocalDate? anchor = null,
        MonthEndPolicy? monthEndPolicy = null,
        DateTimeZone? zone = null)
    {
        Guard.IsoDate(requestedOn, nameof(requestedOn));
        if (cycle is null && anchor is null && monthEndPolicy is null && zone is null)
        {
            throw new ArgumentException("A schedule change needs a new cycle, anchor, month-end policy or time zone; none was given.");
        }

        var last = _segments[^1];
        Guard.Rule(
            requestedOn >= Anchor,
            nameof(BillingScheduleChange.RequestedOn),
            Guard.Format(requestedOn),
            $"a schedule change cannot be requested before the schedule's anchor {Guard.Format(Anchor)}");
        Guard.Rule(
            requestedOn >= last.EffectiveFrom,
            nameof(BillingScheduleChange.RequestedOn),
            Guard.Format(requestedOn),
            $"the previous change takes effect on {Guard.Format(last.EffectiveFrom)}; a new change can be requested from that day on");

        var current = IndexOf(requestedOn, nameof(requestedOn));
        var closing = PeriodAtUnchecked(current);
        var effectiveFrom = closing.EndExclusive;
        var inForce = last.Calendar;
        var newAnchor = anchor ?? (cycle is null ? inForce.Anchor : effectiveFrom);
        Guard.IsoDate(newAnchor, nameof(anchor));
        Guard.Rule(
            newAnchor <= effectiveFrom,
            nameof(BillingScheduleChange.Anchor),
            Guard.Format(newAnchor),
            $"the new anchor must be on or before {Guard.Format(effectiveFrom)}, the day the change takes effect, so that periods stay contiguous");

        var calendar = new BillingCalendar(
            cycle ?? inForce.Cycle,
            newAnchor,
            zone ?? inForce.Zone,
            monthEndPolicy ?? inForce.MonthEndPolicy);
        var offset = calendar.IndexOf(effectiveFrom, anchor is null ? nameof(requestedOn) : nameof(anchor));
        var takesEffectAt = ClosesAt(closing);
        var segments = new Segment[_segments.Length + 1];
        _segments.CopyTo(segments, 0);
        segments[^1] = new Segment(calendar, effectiveFrom, CivilDays.FromDate(effectiveFrom), current + 1, offset, takesEffectAt);
        var change = new BillingScheduleChange(requestedOn, effectiveFrom, takesEffectAt, calendar);
        return new BillingSchedule(Initial, segments, Changes.Add(change));
    }

    /// <summary>The calendar in force on <paramref name="date"/>: its cycle, month-end policy and billing time zone (its anchor
    /// lays out the periods; the first period after a change is cut to start on the day the change takes effect).</summary>
    /// <param name="date">An ISO date on or after the anchor.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is before the anchor.</exception>
    /// <exception cref="ArgumentException">The date is not in the ISO calendar.</exception>
    [Pure]
    public BillingCalendar CalendarOn(LocalDate date)
    {
        Guard.IsoDate(date, nameof(date));
        return date < Anchor ? throw BeforeAnchor(date) : _segments[SegmentIndexForDay(CivilDays.FromDate(date))].Calendar;
    }

    /// <summary>The cycle in force on <paramref name="date"/>.</summary>
    /// <param name="date">An ISO date on or after the anchor.</param>
    /// <returns>The cycle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is before the anchor.</exception>
    /// <exception cref="ArgumentException">The date is not in the ISO calendar.</exception>
    [Pure]
    public BillingCycle CycleOn(LocalDate date) => CalendarOn(date).Cycle;

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodContaining(LocalDate date) => PeriodContaining(Guard.IsoDate(date, nameof(date)), nameof(date));

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodContaining(Instant instant)
    {
        var index = SegmentIndexForInstant(instant);
        var segment = _segments[index];
        var date = BillingCalendar.DateOf(instant, segment.Calendar.Zone, nameof(instant));

        // After a move west, the new zone's local date can still be the day before the change: those instants open the new
        // zone's first period.
        return PeriodContaining(index > 0 ? LocalDate.Max(date, segment.EffectiveFrom) : date, nameof(instant));
    }

    /// <inheritdoc />
    public bool TryPeriodContaining(LocalDate date, out BillingPeriod period)
    {
        Guard.IsoDate(date, nameof(date));
        var index = IndexWithinRange(date);
        period = index < 0 ? default : PeriodAtUnchecked(index);
        return index >= 0;
    }

    /// <inheritdoc />
    [Pure]
    public int IndexOf(LocalDate date) => IndexOf(Guard.IsoDate(date, nameof(date)), nameof(date));

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
    public Instant OpensAt(BillingPeriod period) => BoundaryInstant(SegmentIndexForDay(CivilDays.FromDate(period.Start)), period.Start);

    /// <inheritdoc />
    [Pure]
    public Instant ClosesAt(BillingPeriod period) => BoundaryInstant(SegmentIndexForDay(CivilDays.FromDate(period.Start)), period.EndExclusive);

    /// <inheritdoc />
    [Pure]
    public Instant ClosedForBillingAt(BillingPeriod period, Duration closingDelay) => BillingCalendar.AfterClosingDelay(ClosesAt(period), closingDelay);

    /// <inheritdoc />
    [Pure]
    public bool IsClosedForBilling(BillingPeriod period, Instant now, Duration closingDelay) => now >= ClosedForBillingAt(period, closingDelay);

    /// <inheritdoc />
    public IEnumerable<BillingPeriod> PeriodsBetween(LocalDate from, LocalDate toExclusive)
    {
        Guard.IsoDate(from, nameof(from));
        Guard.IsoDate(toExclusive, nameof(toExclusive));
        return Enumerate(LocalDate.Max(from, Anchor), toExclusive);

        IEnumerable<BillingPeriod> Enumerate(LocalDate first, LocalDate end)
        {
            var index = IndexWithinRange(first);
            if (end <= first || index < 0)
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
    /// <returns>Text such as <c>Monthly from 2026-01-07 in Europe/London; Weekly from 2026-03-01 in Europe/London, effective 2026-03-01 (requested 2026-02-10)</c>.</returns>
    public override string ToString() => string.Join("; ", Changes.Select(c => c.ToString()).Prepend(Initial.ToString()));

    /// <summary>The number of the last period the schedule can represent.</summary>
    private int LastIndex => _segments[^1].BaseIndex + _segments[^1].Calendar.LastIndex - _segments[^1].Offset;

    /// <summary>The number of the period containing <paramref name="date"/>, or −1 when the date is before the anchor or its
    /// period would end after <see cref="LocalDate.MaxIsoValue"/>.</summary>
    private int IndexWithinRange(LocalDate date)
    {
        if (date < Anchor)
        {
            return -1;
        }

        var day = CivilDays.FromDate(date);
        var segment = _segments[SegmentIndexForDay(day)];
        var local = segment.Calendar.IndexOfDay(day, date);
        return local <= segment.Calendar.LastIndex ? segment.BaseIndex + local - segment.Offset : -1;
    }

    private BillingPeriod PeriodAtUnchecked(int index)
    {
        var segment = _segments[SegmentIndexForIndex(index)];
        var local = index - segment.BaseIndex + segment.Offset;
        var start = local == segment.Offset ? segment.EffectiveFromDay : segment.Calendar.StartDay(local);
        return BillingPeriod.Trusted(CivilDays.ToDate(start), CivilDays.ToDate(segment.Calendar.StartDay(local + 1)));
    }

    private int IndexOfOwn(BillingPeriod period)
    {
        var index = IndexWithinRange(period.Start);
        if (index < 0 || PeriodAtUnchecked(index) != period)
        {
            throw new ArgumentException($"{period} is not a period of the billing schedule {this}.", nameof(period));
        }

        return index;
    }

    /// <summary>
    /// The instant a period boundary on <paramref name="date"/> falls at, in segment <paramref name="segmentIndex"/>: the start of
    /// the day in the segment's zone, except that nothing in a changed segment opens before the change took effect, and its
    /// first period opens exactly then (so an earlier start in a zone further west leaves no gap).
    /// </summary>
    private Instant BoundaryInstant(int segmentIndex, LocalDate date)
    {
        var segment = _segments[segmentIndex];
        if (segmentIndex == 0)
        {
            return BillingCalendar.StartOfDay(segment.Calendar.Zone, date);
        }

        if (date <= segment.EffectiveFrom)
        {
            return segment.TakesEffectAt;
        }

        return Instant.Max(BillingCalendar.StartOfDay(segment.Calendar.Zone, date), segment.TakesEffectAt);
    }

    private int SegmentIndexForDay(int day)
    {
        var segments = _segments;
        var i = segments.Length - 1;
        while (i != 0 && segments[i].EffectiveFromDay > day)
        {
            i--;
        }

        return i;
    }

    private int SegmentIndexForIndex(int index)
    {
        var segments = _segments;
        var i = segments.Length - 1;
        while (i != 0 && segments[i].BaseIndex > index)
        {
            i--;
        }

        return i;
    }

    private int SegmentIndexForInstant(Instant instant)
    {
        var segments = _segments;
        var i = segments.Length - 1;
        while (i != 0 && segments[i].TakesEffectAt > instant)
        {
            i--;
        }

        return i;
    }

    /// <summary>The number of the period containing an ISO date, refusing one outside the schedule naming <paramref name="paramName"/>.</summary>
    private int IndexOf(LocalDate date, string paramName)
    {
        if (date < Anchor)
        {
            throw BeforeAnchor(date, paramName);
        }

        // The segment's calendar reports a date past the supported range in its own words.
        var segment = _segments[SegmentIndexForDay(CivilDays.FromDate(date))];
        return segment.BaseIndex + segment.Calendar.IndexOf(date, paramName) - segment.Offset;
    }

    /// <summary>The period containing an ISO date, refusing one outside the schedule naming <paramref name="paramName"/>.</summary>
    private BillingPeriod PeriodContaining(LocalDate date, string paramName)
    {
        if (date < Anchor)
        {
            throw BeforeAnchor(date, paramName);
        }

        var segment = _segments[SegmentIndexForDay(CivilDays.FromDate(date))];
        var period = segment.Calendar.PeriodContaining(date, paramName);
        return BillingPeriod.Trusted(LocalDate.Max(period.Start, segment.EffectiveFrom), period.EndExclusive);
    }

    private ArgumentOutOfRangeException BeforeAnchor(LocalDate date, string paramName = "date")
        => new(
            paramName,
            date,
            $"Date {Guard.Format(date)} is before the anchor {Guard.Format(Anchor)} of the billing schedule; no billing period contains it.");

    /// <summary>A run of periods laid out by one calendar, from the day a change took effect.</summary>
    /// <param name="Calendar">The calendar of the run.</param>
    /// <param name="EffectiveFrom">The first day of the run.</param>
    /// <param name="EffectiveFromDay">Its day number.</param>
    /// <param name="BaseIndex">The schedule-wide number of the run's first period.</param>
    /// <param name="Offset">The calendar's own number of the run's first period.</param>
    /// <param name="TakesEffectAt">The instant the run's first period opens.</param>
    private readonly record struct Segment(
        BillingCalendar Calendar,
        LocalDate EffectiveFrom,
        int EffectiveFromDay,
        int BaseIndex,
        int Offset,
        Instant TakesEffectAt);
}
