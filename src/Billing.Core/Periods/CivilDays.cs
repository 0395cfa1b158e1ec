using System.Runtime.CompilerServices;
using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// Integer arithmetic on proleptic Gregorian (ISO) dates: day numbers counted from 1970-01-01 (months are
/// <see cref="CivilMonths"/>). Every conversion is a handful of integer operations, which is what lets the
/// billing engines answer in O(1) without walking the calendar.
/// </summary>
/// <remarks>Day-number conversions follow Howard Hinnant's <c>days_from_civil</c>/<c>civil_from_days</c>.</remarks>
internal static class CivilDays
{
    // 10,000 years = 25 eras of 146,097 days; 719,468 is the day of era-based day 0 (0000-03-01) before 1970-01-01.
    private const int YearShift = 10_000;
    private const int DayShift = 719_468 + (25 * 146_097);

    /// <summary>The day number of <see cref="LocalDate.MinIsoValue"/>.</summary>
    public static readonly int MinDay = FromDate(LocalDate.MinIsoValue);

    /// <summary>The day number of <see cref="LocalDate.MaxIsoValue"/>.</summary>
    public static readonly int MaxDay = FromDate(LocalDate.MaxIsoValue);

    /// <summary>Days since 1970-01-01 of an ISO date.</summary>
    public static int FromDate(LocalDate date) => FromCivil(date.Year, date.Month, date.Day);

    /// <summary>Days since 1970-01-01 of the ISO date <paramref name="year"/>-<paramref name="month"/>-<paramref name="day"/>.</summary>
    /// <remarks>Years are shifted by 10,000 (25 whole 400-year eras) so every division is of a non-negative number by a constant.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FromCivil(int year, int month, int day)
    {
        var y = (uint)(year + YearShift - (month <= 2 ? 1 : 0));
        var era = y / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (uint)(month > 2 ? month - 3 : month + 9)) + 2) / 5 + (uint)day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (int)((era * 146097) + dayOfEra) - DayShift;
    }

    /// <summary>The ISO date of a day number; the caller guarantees it lies within NodaTime's range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LocalDate ToDate(int dayNumber)
    {
        var z = (uint)(dayNumber + DayShift);
        var era = z / 146097;
        var dayOfEra = z - (era * 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        var month = mp < 10 ? (int)mp + 3 : (int)mp - 9;
        var year = (int)(yearOfEra + (era * 400)) - YearShift + (month <= 2 ? 1 : 0);
        return new LocalDate(year, month, day);
    }

    /// <summary>A number that orders dates like <see cref="LocalDate"/> does, without NodaTime's calendar checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Key(int year, int month, int day) => (year * 512) + (month * 32) + day;

    /// <summary>The <see cref="Key(int, int, int)"/> of an ISO date.</summary>
    public static int Key(LocalDate date) => Key(date.Year, date.Month, date.Day);

    /// <summary>ISO day of week of a day number, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday).</summary>
    public static int IsoDayOfWeek(int dayNumber) => (int)((uint)(dayNumber + DayShift + 2) % 7) + 1; // DayShift ≡ 1 (mod 7); day 0 was a Thursday
}
