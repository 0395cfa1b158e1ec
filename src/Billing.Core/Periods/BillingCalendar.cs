using System.Diagnostics.Contracts;
using System.Runtime.CompilerServices;
using NodaTime;
using NodaTime.TimeZones;

namespace Billing.Core.Periods;

/// <summary>
/// The billing periods of one cycle from one anchor in one time zone (see <c>docs/billing-periods.md</c>). Answers which period
/// a date or instant falls in, the n-th period, the next and previous periods and when each opens, closes and is closed for
/// billing, all in O(1) time: no lookup walks from the anchor period by period.
/// </summary>
/// <remarks>
/// <para>The first period starts on the anchor (the customer's creation date in its billing zone), so it may be partial.
/// Dates are ISO dates; dates before the anchor have no period.</para>
/// <para>For the anniversary cycles with an anchor on the 29th, 30th or 31st, the <see cref="Periods.MonthEndPolicy"/> decides
/// the later periods' first day: the 28th under <see cref="MonthEndPolicy.ClampTo28"/> (the default, the first period then
/// ending on the 27th), the anchor's day or the last day of a shorter month under <see cref="MonthEndPolicy.LastDayOfMonth"/>.</para>
/// <para>Immutable and thread-safe; lookups by date do not allocate.</para>
/// </remarks>
public sealed class BillingCalendar : IBillingCalendar
{
    /// <summary>Midnight, or the earlier of two midnights, or the first instant after a gap that swallows midnight.</summary>
    private static readonly ZoneLocalMappingResolver StartOfDayResolver
        = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly int _anchorDay;
    private readonly int _firstMonday;
    private readonly int _firstHalfMonth;
    private readonly MonthRecurrence _months;
    private readonly int _maxIndex;
    private readonly int _anchorKey;
    private readonly int _secondKey;
    private readonly int _lastKey;
    private readonly BillingPeriod _first;

    /// <summary>Creates the calendar of <paramref name="cycle"/> periods starting on <paramref name="anchor"/> in <paramref name="zone"/>,
    /// with the default <see cref="MonthEndPolicy.ClampTo28"/> month-end policy.</summary>
    /// <param name="cycle">The billing cycle.</param>
    /// <param name="anchor">The first day of the first period, in the ISO calendar.</param>
    /// <param name="zone">The billing time zone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cycle"/> is not a defined cycle, or the first period would end after <see cref="LocalDate.MaxIsoValue"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="anchor"/> is not in the ISO calendar.</exception>
    public BillingCalendar(BillingCycle cycle, LocalDate anchor, DateTimeZone zone)
        : this(cycle, anchor, zone, MonthEndPolicy.ClampTo28)
    {
    }

    /// <summary>Creates the calendar of <paramref name="cycle"/> periods starting on <paramref name="anchor"/> in <paramref name="zone"/>,
    /// with the given month-end policy.</summary>
    /// <param name="cycle">The billing cycle.</param>
    /// <param name="anchor">The first day of the first period, in the ISO calendar.</param>
    /// <param name="zone">The billing time zone.</param>
    /// <param name="monthEndPolicy">What the anniversary cycles do with an anchor on the 29th, 30th or 31st; the other cycles
    /// keep it without reading it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cycle"/> or <paramref name="monthEndPolicy"/> is not a defined value,
    /// or the first period would end after <see cref="LocalDate.MaxIsoValue"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="anchor"/> is not in the ISO calendar.</exception>
    public BillingCalendar(BillingCycle cycle, LocalDate anchor, DateTimeZone zone, MonthEndPolicy monthEndPolicy)
    {
        Guard.IsoDate(anchor, nameof(anchor));
        if (!Enum.IsDefined(cycle))
        {
            throw new ArgumentOutOfRangeException(nameof(cycle), cycle, $"Billing cycle {(int)cycle} is not one of the defined cycles.");
        }

        if (!Enum.IsDefined(monthEndPolicy))
        {
            throw new ArgumentOutOfRangeException(
                nameof(monthEndPolicy),
                monthEndPolicy,
                $"Month-end policy {(int)monthEndPolicy} is not one of the defined policies.");
        }

        EnsureSupportedAnchor(anchor);
        Zone = Guard.NotNull(zone);
        Cycle = cycle;
        Anchor = anchor;
        MonthEndPolicy = monthEndPolicy;
        _anchorDay = CivilDays.FromDate(anchor);
        _firstMonday = _anchorDay - CivilDays.IsoDayOfWeek(_anchorDay) + 1;
        _firstHalfMonth = (2 * CivilMonths.Number(anchor)) + (anchor.Day > 15 ? 1 : 0);
        var months = MonthsPerPeriod(cycle);
        _months = months == 0 ? default
            : IsAnniversary(cycle) ? MonthRecurrence.Anniversary(anchor, months, monthEndPolicy)
            : MonthRecurrence.Aligned(anchor, months);

        // The last period that can be represented ends on or before LocalDate.MaxIsoValue, so the one containing it cannot. An anchor
        // no later than MaxAnchor leaves every cycle at least one period.
        _maxIndex = IndexOfDay(CivilDays.MaxDay, LocalDate.MaxIsoValue) - 1;

        _first = BillingPeriod.Trusted(anchor, CivilDays.ToDate(StartDay(1)));
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
    /// The latest anchor a calendar (and so a customer) may have: 9998-12-31. It leaves every cycle at least one period before
    /// <see cref="LocalDate.MaxIsoValue"/>, the last date NodaTime supports.
    /// </summary>
    public static LocalDate MaxAnchor { get; } = new(9998, 12, 31);

    /// <summary>The billing cycle.</summary>
    public BillingCycle Cycle { get; }

    /// <inheritdoc />
    public LocalDate Anchor { get; }

    /// <inheritdoc />
    public DateTimeZone Zone { get; }

    /// <summary>What the anniversary cycles do with an anchor on the 29th, 30th or 31st; the other cycles ignore it.</summary>
    public MonthEndPolicy MonthEndPolicy { get; }

    /// <inheritdoc />
    public BillingPeriod First => _first;

    /// <summary>The zero-based number of the last period that ends on or before <see cref="LocalDate.MaxIsoValue"/>.</summary>
    public int LastIndex => _maxIndex;

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodContaining(LocalDate date) => PeriodContaining(Guard.IsoDate(date, nameof(date)), nameof(date));

    /// <inheritdoc />
    [Pure]
    public BillingPeriod PeriodContaining(Instant instant) => PeriodContaining(DateOf(instant, Zone, nameof(instant)), nameof(instant));

    /// <inheritdoc />
    public bool TryPeriodContaining(LocalDate date, out BillingPeriod period)
    {
        Guard.IsoDate(date, nameof(date));
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
    public int IndexOf(LocalDate date) => IndexOf(Guard.IsoDate(date, nameof(date)), nameof(date));

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
    [Pure]
    public Instant ClosedForBillingAt(BillingPeriod period, Duration closingDelay) => AfterClosingDelay(ClosesAt(period), closingDelay);

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
    public override string ToString()
        => IsAnniversary(Cycle)
            ? $"{Cycle} ({MonthEndPolicy}) from {Guard.Format(Anchor)} in {Zone.Id}"
            : $"{Cycle} from {Guard.Format(Anchor)} in {Zone.Id}";

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
        var day = ticks / NodaConstants.TicksPerDay;
        if (ticks % NodaConstants.TicksPerDay < 0)
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

    /// <summary>Whether <paramref name="cycle"/> repeats the anchor's day of month, and so reads the <see cref="Periods.MonthEndPolicy"/>.</summary>
    internal static bool IsAnniversary(BillingCycle cycle)
        => cycle switch
        {
            BillingCycle.MonthlyAnniversary => true,
            BillingCycle.QuarterlyAnniversary => true,
            BillingCycle.HalfYearlyAnniversary => true,
            BillingCycle.YearlyAnniversary => true,
            _ => false,
        };

    /// <summary>The months in a period of a month-based cycle; 0 for the others.</summary>
    internal static int MonthsPerPeriod(BillingCycle cycle)
        => cycle switch
        {
            BillingCycle.Monthly => 1,
            BillingCycle.MonthlyAnniversary => 1,
            BillingCycle.Quarterly => 3,
            BillingCycle.QuarterlyAnniversary => 3,
            BillingCycle.HalfYearly => 6,
            BillingCycle.HalfYearlyAnniversary => 6,
            BillingCycle.Yearly => 12,
            BillingCycle.YearlyAnniversary => 12,
            _ => 0,
        };

    /// <summary>The instant a period that closes at <paramref name="closes"/> is closed for billing.</summary>
    internal static Instant AfterClosingDelay(Instant closes, Duration closingDelay)
    {
        if (closingDelay < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(closingDelay),
                closingDelay,
                $"A closing delay cannot be negative (it was {closingDelay}): a period is closed for billing when it closes, or later.");
        }

        if (closingDelay > Instant.MaxValue - closes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(closingDelay),
                closingDelay,
                $"A closing delay of {closingDelay} after {Guard.Format(closes)} lies beyond the last instant NodaTime supports.");
        }

        return closes + closingDelay;
    }

    /// <summary>The first instant of <paramref name="date"/> in <paramref name="zone"/> (see <c>docs/billing-periods.md</c>): midnight when it exists, else the
    /// first valid instant of the day, and for a day the zone skips entirely the start of the next day that exists.</summary>
    internal static Instant StartOfDay(DateTimeZone zone, LocalDate date) => zone.ResolveLocal(date.AtMidnight(), StartOfDayResolver).ToInstant();


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
            BillingCycle.Weekly => _firstMonday + (7 * index),
            BillingCycle.SemiMonthly => HalfMonthStart(_firstHalfMonth + index),
            BillingCycle.ThirtyDays => _anchorDay + (30 * index),
            _ => _months.DayNumberOf(index),
        };

        static int HalfMonthStart(int half) => CivilMonths.DayNumber(half / 2, half % 2 == 0 ? 1 : 16);
    }

    /// <summary>The number of the period containing the day (on or after the anchor); <paramref name="date"/> is the same day.</summary>
    internal int IndexOfDay(int day, LocalDate date)
        => Cycle switch
        {
            BillingCycle.Daily => day - _anchorDay,
            BillingCycle.Weekly => (day - _firstMonday) / 7,
            BillingCycle.SemiMonthly => (2 * CivilMonths.Number(date)) + (date.Day > 15 ? 1 : 0) - _firstHalfMonth,
            BillingCycle.ThirtyDays => (day - _anchorDay) / 30,
            _ => _months.LastOnOrBefore(CivilMonths.Number(date), date.Day),
        };

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

            case BillingCycle.SemiMonthly:
                if (key < _secondKey)
                {
                    return _first;
                }

                return day <= 15
                    ? BillingPeriod.Trusted(new LocalDate(year, month, 1), new LocalDate(year, month, 16))
                    : BillingPeriod.Trusted(new LocalDate(year, month, 16), FirstOfNextMonth(year, month));
            case BillingCycle.ThirtyDays:
            {
                var start = _anchorDay + ((CivilDays.FromCivil(year, month, day) - _anchorDay) / 30 * 30);
                return BillingPeriod.Trusted(CivilDays.ToDate(start), CivilDays.ToDate(start + 30));
            }

            default:
            {
                if (key < _secondKey)
                {
                    return _first;
                }

                var occurrence = _months.LastOnOrBefore(CivilMonths.Number(year, month), day);
                return BillingPeriod.Trusted(_months.DateOf(occurrence), _months.DateOf(occurrence + 1));
            }
        }
    }

    private static LocalDate FirstOfNextMonth(int year, int month) => month == 12 ? new LocalDate(year + 1, 1, 1) : new LocalDate(year, month + 1, 1);

    private void EnsureOwn(BillingPeriod period)
    {
        var key = CivilDays.Key(period.Start);
        if (key < _anchorKey || key > _lastKey || ContainingUnchecked(period.Start, period.Start.Year, period.Start.Month, period.Start.Day, key) != period)
        {
            throw new ArgumentException($"{period} is not a period of the {this} billing calendar.", nameof(period));
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

    private ArgumentOutOfRangeException BeforeAnchor(LocalDate date, string paramName = "date")
        => new(
            paramName,
            date,
            $"Date {Guard.Format(date)} is before the anchor {Guard.Format(Anchor)} of the {this} billing calendar; no billing period contains it.");

    private ArgumentOutOfRangeException BeyondRange(LocalDate date, string paramName = "date")
        => new(
            paramName,
            date,
            $"The billing period containing {Guard.Format(date)} would end after {Guard.Format(LocalDate.MaxIsoValue)}, the last date NodaTime supports.");
}
