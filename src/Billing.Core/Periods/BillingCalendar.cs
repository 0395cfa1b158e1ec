using System.Diagnostics.Contracts;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// The billing periods of one cycle from one anchor in one time zone (see docs/billing-periods.md). Answers which period a date or instant falls
/// in, the n-th period, the next and previous periods and when each opens and closes, all in O(1) time: no lookup walks
/// from the anchor period by period.
/// </summary>
/// <remarks>
/// <para>The first period starts on the anchor (the customer's creation date in its billing zone), so it may be partial.
/// Dates are ISO dates; dates before the anchor have no period. Anchors lie between <see cref="MinAnchor"/> and <see cref="MaxAnchor"/>.</para>
/// <para>For <see cref="BillingCycle.MonthlyAnniversary"/> with an anchor on the 29th, 30th or 31st, the first period ends on
/// the 27th of the following month and every later period runs from the 28th to the 27th.</para>
/// <para>Immutable and thread-safe; lookups by date do not allocate.</para>
/// </remarks>
public sealed class BillingCalendar : IBillingCalendar
{
    private const int LastClampedDay = 28;
    private const long TicksPerDay = NodaConstants.TicksPerDay;

    private readonly int _anchorDay;
    private readonly int _anchorMonth;
    private readonly int _anchorDayOfMonth;
    private readonly int _secondStartDay;
    private readonly int _maxIndex;
    private readonly int _clampedDay;
    private readonly int _anchorKey;
    private readonly int _secondKey;
    private readonly int _lastKey;
    private readonly BillingPeriod _first;

    /// <summary>Creates the calendar of <paramref name="cycle"/> periods starting on <paramref name="anchor"/> in <paramref name="zone"/>.</summary>
    /// <param name="cycle">The billing cycle.</param>
    /// <param name="anchor">The first day of the first period, in the ISO calendar, from <see cref="MinAnchor"/> to <see cref="MaxAnchor"/>.</param>
    /// <param name="zone">The billing time zone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cycle"/> is not a defined cycle, or <paramref name="anchor"/> is before
    /// <see cref="MinAnchor"/> or after <see cref="MaxAnchor"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="anchor"/> is not in the ISO calendar.</exception>
    public BillingCalendar(BillingCycle cycle, LocalDate anchor, DateTimeZone zone)
    {
        Guard.IsoDate(anchor);
        if (!Enum.IsDefined(cycle))
        {
            throw new ArgumentOutOfRangeException(nameof(cycle), cycle, $"Billing cycle {(int)cycle} is not one of the defined cycles.");
        }

        EnsureSupportedAnchor(anchor);
        Zone = Guard.NotNull(zone);
        Cycle = cycle;
        Anchor = anchor;
        _anchorDay = CivilDays.FromDate(anchor);
        _anchorMonth = CivilDays.MonthNumber(anchor.Year, anchor.Month);
        _anchorDayOfMonth = anchor.Day;
        _secondStartDay = cycle switch
        {
            BillingCycle.Daily => _anchorDay + 1,
            BillingCycle.Weekly => _anchorDay + 8 - CivilDays.IsoDayOfWeek(_anchorDay),
            BillingCycle.SemiMonthly => anchor.Day <= 15 ? CivilDays.FromMonth(_anchorMonth, 16) : CivilDays.FromMonth(_anchorMonth + 1, 1),
            BillingCycle.Monthly => CivilDays.FromMonth(_anchorMonth + 1, 1),
            BillingCycle.MonthlyAnniversary => CivilDays.FromMonth(_anchorMonth + 1, Math.Min(anchor.Day, LastClampedDay)),
            _ => _anchorDay + 30,
        };

        // The last period that can be represented ends on or before LocalDate.MaxIsoValue, so the one containing it cannot. An anchor
        // no later than MaxAnchor leaves every cycle about a year of periods.
        _maxIndex = IndexOfDay(CivilDays.MaxDay, LocalDate.MaxIsoValue) - 1;

        _clampedDay = Math.Min(anchor.Day, LastClampedDay);
        _first = BillingPeriod.Trusted(anchor, CivilDays.ToDate(_secondStartDay));
        _anchorKey = CivilDays.Key(anchor);
        _secondKey = CivilDays.Key(_first.EndExclusive);
        _lastKey = CivilDays.Key(CivilDays.ToDate(StartDay(_maxIndex + 1) - 1));
    }

    /// <summary>
    /// The earliest anchor a calendar (and so a customer) may have: 0001-01-01. Every period from it opens and closes at an instant
    /// NodaTime can represent in every time zone.
    /// </summary>
    public static LocalDate MinAnchor { get; } = new(1, 1, 1);

    /// <summary>
    /// The latest anchor a calendar (and so a customer) may have: 9998-12-31. It leaves every cycle about a year of periods before
    /// <see cref="LocalDate.MaxIsoValue"/>, the last date NodaTime supports.
    /// </summary>
    public static LocalDate MaxAnchor { get; } = new(9998, 12, 31);

    /// <summary>The billing cycle.</summary>
    public BillingCycle Cycle { get; }

    /// <inheritdoc />
    public LocalDate Anchor { get; }

    /// <inheritdoc />
    public DateTimeZone Zone { get; }

    /// <inheritdoc />
    public BillingPeriod First => _first;

    /// <summary>The zero-based number of the last period that ends on or before <see cref="LocalDate.MaxIsoValue"/>.</summary>
    public int LastIndex => _maxIndex;

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodContaining(LocalDate date) => PeriodContaining(Guard.IsoDate(date), nameof(date));

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodContaining(Instant instant) => PeriodContaining(DateOf(instant, Zone, nameof(instant)), nameof(instant));

    /// <inheritdoc />
    public bool TryPeriodContaining(LocalDate date, out BillingPeriod period)
    {
        Guard.IsoDate(date);
        int year = date.Year, month = date.Month, day = date.Day;
        var key = CivilDays.Key(year, month, day);
        if (key >= _anchorKey && key <= _lastKey)
        {
            period = ContainingUnchecked(date, year, month, day, key);
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
        if ((uint)index > (uint)_maxIndex)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index),
                index,
                $"Period number {index} does not exist: numbers run from 0 (the period starting on the anchor {Guard.Format(Anchor)}) to {_maxIndex} (the last that ends by {Guard.Format(LocalDate.MaxIsoValue)}).");
        }

        return PeriodAtUnchecked(index);
    }

    /// <inheritdoc />
    [Pure]
    public BillingPeriod Next(BillingPeriod period)
    {
        EnsureOwn(period);
        var start = period.EndExclusive;
        var key = CivilDays.Key(start);
        if (key > _lastKey)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period),
                period,
                $"The period after {period} would end after {Guard.Format(LocalDate.MaxIsoValue)}, the last date NodaTime supports.");
        }

        return ContainingUnchecked(start, start.Year, start.Month, start.Day, key);
    }

    /// <inheritdoc />
    [Pure]
    public BillingPeriod Previous(BillingPeriod period)
    {
        EnsureOwn(period);
        if (period.Start == Anchor)
        {
            throw new ArgumentException($"Period {period} is the first period of this calendar; it has no previous period.", nameof(period));
        }

        var last = period.Start.PlusDays(-1);
        return ContainingUnchecked(last, last.Year, last.Month, last.Day, CivilDays.Key(last));
    }

    /// <inheritdoc />
    [Pure]
    public Instant OpensAt(BillingPeriod period) => StartOfDay(Zone, period.Start);

    /// <inheritdoc />
    [Pure]
    public Instant ClosesAt(BillingPeriod period) => StartOfDay(Zone, period.EndExclusive);

    /// <inheritdoc />
    public IEnumerable<BillingPeriod> PeriodsBetween(LocalDate from, LocalDate toExclusive)
    {
        Guard.IsoDate(from);
        Guard.IsoDate(toExclusive);
        return Enumerate(from < Anchor ? Anchor : from, toExclusive);

        IEnumerable<BillingPeriod> Enumerate(LocalDate first, LocalDate end)
        {
            if (end <= first)
            {
                yield break;
            }

            var endKey = CivilDays.Key(end);
            var firstKey = CivilDays.Key(first);
            if (firstKey > _lastKey)
            {
                yield break;
            }

            var period = ContainingUnchecked(first, first.Year, first.Month, first.Day, firstKey);
            while (true)
            {
                yield return period;
                var start = period.EndExclusive;
                var startKey = CivilDays.Key(start);
                if (startKey >= endKey || startKey > _lastKey)
                {
                    yield break;
                }

                period = ContainingUnchecked(start, start.Year, start.Month, start.Day, startKey);
            }
        }
    }

    /// <summary>The calendar's cycle, anchor and zone.</summary>
    /// <returns>Text such as <c>Monthly from 2026-01-07 in Europe/London</c>.</returns>
    public override string ToString() => $"{Cycle} from {Guard.Format(Anchor)} in {Zone.Id}";

    /// <summary>The first instant of <paramref name="date"/> in <paramref name="zone"/> (see docs/billing-periods.md): midnight when it
    /// exists, else the first valid instant of the day, and for a day the zone skips entirely the start of the next day that exists.
    /// Every date from <see cref="MinAnchor"/> on has one in every zone.</summary>
    internal static Instant StartOfDay(DateTimeZone zone, LocalDate date)
    {
        var mapping = zone.MapLocal(date.AtMidnight());
        return mapping.Count > 0 ? mapping.First().ToInstant() : mapping.LateInterval.Start;
    }

    /// <summary>Refuses an anchor outside <see cref="MinAnchor"/>..<see cref="MaxAnchor"/>, naming the parameter it came from.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The anchor is outside the range.</exception>
    internal static void EnsureSupportedAnchor(LocalDate anchor, [CallerArgumentExpression(nameof(anchor))] string? paramName = null)
    {
        if (anchor < MinAnchor || anchor > MaxAnchor)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                Guard.Format(anchor),
                $"Anchor {Guard.Format(anchor)} is outside the supported anchors {Guard.Format(MinAnchor)} to {Guard.Format(MaxAnchor)}: periods must open and close at instants NodaTime can represent, and leave room before {Guard.Format(LocalDate.MaxIsoValue)}.");
        }
    }

    /// <summary>
    /// The local date of <paramref name="instant"/> in <paramref name="zone"/>, where NodaTime itself would throw for an instant within a
    /// day of <see cref="Instant.MinValue"/> or <see cref="Instant.MaxValue"/> whose date in the zone lies outside its range: such an
    /// instant is refused naming <paramref name="paramName"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant's date in the zone is outside NodaTime's range.</exception>
    internal static LocalDate DateOf(Instant instant, DateTimeZone zone, string paramName)
    {
        var ticks = instant.ToUnixTimeTicks() + zone.GetUtcOffset(instant).Ticks;
        var day = ticks / TicksPerDay;
        if (ticks % TicksPerDay < 0)
        {
            day--;
        }

        if (day < CivilDays.MinDay || day > CivilDays.MaxDay)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                Guard.Format(instant),
                $"Instant {Guard.Format(instant)} falls on a date NodaTime cannot represent in {zone.Id}; no billing period contains it.");
        }

        return CivilDays.ToDate((int)day);
    }

    /// <summary>The day number on which period <paramref name="index"/> starts (index ≥ 0; may lie past the NodaTime range).</summary>
    internal int StartDay(int index)
    {
        if (index == 0)
        {
            return _anchorDay;
        }

        return Cycle switch
        {
            BillingCycle.Daily => _anchorDay + index,
            BillingCycle.Weekly => _secondStartDay + (7 * (index - 1)),
            BillingCycle.SemiMonthly => HalfMonthStart((_anchorMonth * 2) + (_anchorDayOfMonth > 15 ? 1 : 0) + index),
            BillingCycle.Monthly => CivilDays.FromMonth(_anchorMonth + index, 1),
            BillingCycle.MonthlyAnniversary => CivilDays.FromMonth(_anchorMonth + index, Math.Min(_anchorDayOfMonth, LastClampedDay)),
            _ => _anchorDay + (30 * index),
        };

        static int HalfMonthStart(int half) => CivilDays.FromMonth(half >> 1, (half & 1) == 0 ? 1 : 16);
    }

    /// <summary>The number of the period containing the day (on or after the anchor); <paramref name="date"/> is the same day.</summary>
    internal int IndexOfDay(int day, LocalDate date)
    {
        switch (Cycle)
        {
            case BillingCycle.Daily:
                return day - _anchorDay;
            case BillingCycle.Weekly:
                return day < _secondStartDay ? 0 : 1 + ((day - _secondStartDay) / 7);
            case BillingCycle.ThirtyDays:
                return (day - _anchorDay) / 30;
        }

        var monthsFromAnchor = CivilDays.MonthNumber(date.Year, date.Month) - _anchorMonth;
        switch (Cycle)
        {
            case BillingCycle.SemiMonthly:
                return (2 * monthsFromAnchor) + (date.Day > 15 ? 1 : 0) - (_anchorDayOfMonth > 15 ? 1 : 0);
            case BillingCycle.Monthly:
                return monthsFromAnchor;
            default:
                if (day < _secondStartDay)
                {
                    return 0;
                }

                return monthsFromAnchor - (date.Day < Math.Min(_anchorDayOfMonth, LastClampedDay) ? 1 : 0);
        }
    }

    internal BillingPeriod PeriodAtUnchecked(int index)
        => BillingPeriod.Trusted(CivilDays.ToDate(StartDay(index)), CivilDays.ToDate(StartDay(index + 1)));

    /// <summary>
    /// The period containing a date already checked to lie in <c>[Anchor, last representable period]</c>, computed straight from its
    /// year, month and day (no day numbers where the cycle does not need them).
    /// </summary>
    internal BillingPeriod ContainingUnchecked(LocalDate date, int year, int month, int day, int key)
    {
        switch (Cycle)
        {
            case BillingCycle.Daily:
                return BillingPeriod.Trusted(date, date.PlusDays(1));
            case BillingCycle.Monthly:
                return BillingPeriod.Trusted(key < _secondKey ? Anchor : new LocalDate(year, month, 1), FirstOfNextMonth(year, month));
            case BillingCycle.SemiMonthly:
                if (key < _secondKey)
                {
                    return _first;
                }

                return day <= 15
                    ? BillingPeriod.Trusted(new LocalDate(year, month, 1), new LocalDate(year, month, 16))
                    : BillingPeriod.Trusted(new LocalDate(year, month, 16), FirstOfNextMonth(year, month));
            case BillingCycle.MonthlyAnniversary:
                if (key < _secondKey)
                {
                    return _first;
                }

                if (day >= _clampedDay)
                {
                    return BillingPeriod.Trusted(new LocalDate(year, month, _clampedDay), DayOfNextMonth(year, month, _clampedDay));
                }

                var startOfPrevious = month == 1 ? new LocalDate(year - 1, 12, _clampedDay) : new LocalDate(year, month - 1, _clampedDay);
                return BillingPeriod.Trusted(startOfPrevious, new LocalDate(year, month, _clampedDay));
            case BillingCycle.Weekly:
            {
                if (key < _secondKey)
                {
                    return _first;
                }

                var dayNumber = CivilDays.FromCivil(year, month, day);
                var monday = dayNumber - CivilDays.IsoDayOfWeek(dayNumber) + 1;
                return BillingPeriod.Trusted(CivilDays.ToDate(monday), CivilDays.ToDate(monday + 7));
            }

            default:
            {
                var start = _anchorDay + ((CivilDays.FromCivil(year, month, day) - _anchorDay) / 30 * 30);
                return BillingPeriod.Trusted(CivilDays.ToDate(start), CivilDays.ToDate(start + 30));
            }
        }
    }

    /// <summary>The period containing an ISO date, refusing one outside the calendar naming <paramref name="paramName"/>.</summary>
    internal BillingPeriod PeriodContaining(LocalDate date, string paramName)
    {
        int year = date.Year, month = date.Month, day = date.Day;
        var key = CivilDays.Key(year, month, day);
        if (key < _anchorKey)
        {
            throw BeforeAnchor(date, paramName);
        }

        if (key > _lastKey)
        {
            throw BeyondRange(date, paramName);
        }

        return ContainingUnchecked(date, year, month, day, key);
    }

    /// <summary>The number of the period containing an ISO date, refusing one outside the calendar naming <paramref name="paramName"/>.</summary>
    internal int IndexOf(LocalDate date, string paramName)
    {
        if (date < Anchor)
        {
            throw BeforeAnchor(date, paramName);
        }

        var index = IndexOfDay(CivilDays.FromDate(date), date);
        if (index > _maxIndex)
        {
            throw BeyondRange(date, paramName);
        }

        return index;
    }

    private static LocalDate FirstOfNextMonth(int year, int month) => month == 12 ? new LocalDate(year + 1, 1, 1) : new LocalDate(year, month + 1, 1);

    private static LocalDate DayOfNextMonth(int year, int month, int day) => month == 12 ? new LocalDate(year + 1, 1, day) : new LocalDate(year, month + 1, day);

    private void EnsureOwn(BillingPeriod period)
    {
        var key = CivilDays.Key(period.Start);
        if (key < _anchorKey || key > _lastKey || ContainingUnchecked(period.Start, period.Start.Year, period.Start.Month, period.Start.Day, key) != period)
        {
            throw new ArgumentException($"{period} is not a period of the {this} billing calendar.", nameof(period));
        }
    }

    private ArgumentOutOfRangeException BeforeAnchor(LocalDate date, string paramName)
        => new(
            paramName,
            Guard.Format(date),
            $"Date {Guard.Format(date)} is before the anchor {Guard.Format(Anchor)} of the {this} billing calendar; no billing period contains it.");

    private static ArgumentOutOfRangeException BeyondRange(LocalDate date, string paramName)
        => new(
            paramName,
            Guard.Format(date),
            $"The billing period containing {Guard.Format(date)} would end after {Guard.Format(LocalDate.MaxIsoValue)}, the last date NodaTime supports.");
}
