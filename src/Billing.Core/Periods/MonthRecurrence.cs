using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// A day that recurs every <c>step</c> months: the period boundaries of the month-based cycles. Occurrence <c>k</c> falls in
/// month <c>first + k × step</c> (a <see cref="CivilMonths"/> number), on one day of month, clamped to the length of shorter
/// months. Every answer is a handful of integer operations, whatever the number of the occurrence.
/// </summary>
/// <remarks>
/// <para>A calendar-aligned cycle recurs on the 1st from the quarter (half-year, year, month) that holds the anchor; an
/// anniversary cycle recurs on the anchor's day of month from the anchor's month, the <see cref="MonthEndPolicy"/> deciding
/// what happens to the 29th–31st. Either way occurrence 0 falls on or before the anchor, so it opens the period holding
/// the anchor.</para>
/// <para>An immutable value, kept by each <see cref="BillingCalendar"/> of a month-based cycle.</para>
/// </remarks>
internal readonly struct MonthRecurrence
{
    private const int LastDayInEveryMonth = 28;

    private readonly int _first;
    private readonly int _step;
    private readonly int _day;

    private MonthRecurrence(int first, int step, int day)
    {
        _first = first;
        _step = step;
        _day = day;
    }

    /// <summary>The 1st of every <paramref name="step"/>-th month, counted from January (so quarters start in January, April, July
    /// and October), from the one on or before <paramref name="anchor"/>.</summary>
    /// <param name="anchor">The anchor of the calendar.</param>
    /// <param name="step">1, 3, 6 or 12: a divisor of 12.</param>
    /// <returns>The recurrence.</returns>
    public static MonthRecurrence Aligned(LocalDate anchor, int step)
    {
        var month = CivilMonths.Number(anchor);
        return new MonthRecurrence(month - (month % step), step, 1);
    }

    /// <summary>The anchor's day of every <paramref name="step"/>-th month from the anchor's, under <paramref name="policy"/>:
    /// the day itself, clamped to each month's length (<see cref="MonthEndPolicy.LastDayOfMonth"/>), or the day clamped to the
    /// 28th once and for all (<see cref="MonthEndPolicy.ClampTo28"/>, so occurrence 0 may fall before the anchor).</summary>
    /// <param name="anchor">The anchor of the calendar.</param>
    /// <param name="step">The months between occurrences.</param>
    /// <param name="policy">The month-end policy.</param>
    /// <returns>The recurrence.</returns>
    public static MonthRecurrence Anniversary(LocalDate anchor, int step, MonthEndPolicy policy)
        => new(CivilMonths.Number(anchor), step, policy == MonthEndPolicy.LastDayOfMonth ? anchor.Day : Math.Min(anchor.Day, LastDayInEveryMonth));

    /// <summary>The month number of occurrence <paramref name="occurrence"/>.</summary>
    public int MonthOf(int occurrence) => _first + (occurrence * _step);

    /// <summary>The day of month the recurrence falls on in month <paramref name="month"/>: its day, or the month's last day
    /// when the month is too short for it (only ever for <see cref="MonthEndPolicy.LastDayOfMonth"/>).</summary>
    public int DayIn(int month) => Math.Min(_day, CivilMonths.DaysIn(month));

    /// <summary>The date of occurrence <paramref name="occurrence"/>; the caller guarantees it lies within NodaTime's range.</summary>
    public LocalDate DateOf(int occurrence)
    {
        var month = MonthOf(occurrence);
        return CivilMonths.Date(month, DayIn(month));
    }

    /// <summary>The <see cref="CivilDays"/> day number of occurrence <paramref name="occurrence"/> (which may lie after
    /// <see cref="LocalDate.MaxIsoValue"/>).</summary>
    public int DayNumberOf(int occurrence)
    {
        var month = MonthOf(occurrence);
        return CivilMonths.DayNumber(month, DayIn(month));
    }

    /// <summary>The number of the last occurrence on or before day <paramref name="day"/> of month <paramref name="month"/>,
    /// a date on or after occurrence 0.</summary>
    public int LastOnOrBefore(int month, int day)
    {
        var occurrence = (int)Occurrences((uint)(month - _first));

        // In a month the recurrence falls in, the days before its day still belong to the previous occurrence.
        return MonthOf(occurrence) == month && day < DayIn(month) ? occurrence - 1 : occurrence;
    }

    /// <summary>
    /// How many whole steps fit in <paramref name="months"/>: a division by the step, written with constant divisors (the steps
    /// are 1, 3, 6 and 12 months), which the JIT turns into a multiplication and a shift instead of a hardware division.
    /// </summary>
    private uint Occurrences(uint months) => _step switch
    {
        1 => months,
        3 => months / 3,
        6 => months / 6,
        _ => months / 12,
    };
}
