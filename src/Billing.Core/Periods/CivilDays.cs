using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// Integer arithmetic on proleptic Gregorian (ISO) dates: day numbers counted from 1970-01-01 and month
/// numbers counted from January of year 0. Every conversion is a handful of integer operations, which is
/// what lets the billing engines answer in O(1) without walking the calendar.
/// </summary>
/// <remarks>Day-number conversions follow Howard Hinnant's <c>days_from_civil</c>/<c>civil_from_days</c>.</remarks>
internal static class CivilDays
{
    /// <summary>The day number of <see cref="LocalDate.MinIsoValue"/>.</summary>
    public static readonly int MinDay = FromDate(LocalDate.MinIsoValue);

    /// <summary>The day number of <see cref="LocalDate.MaxIsoValue"/>.</summary>
    public static readonly int MaxDay = FromDate(LocalDate.MaxIsoValue);

    /// <summary>Days since 1970-01-01 of an ISO date.</summary>
    public static int FromDate(LocalDate date) => FromCivil(date.Year, date.Month, date.Day);

    /// <summary>Days since 1970-01-01 of the ISO date <paramref name="year"/>-<paramref name="month"/>-<paramref name="day"/>.</summary>
    public static int FromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = FloorDiv(year, 400);
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097) + dayOfEra - 719468;
    }

    /// <summary>The ISO date of a day number; the caller guarantees it lies within NodaTime's range.</summary>
    public static LocalDate ToDate(int dayNumber)
    {
        var z = dayNumber + 719468;
        var era = FloorDiv(z, 146097);
        var dayOfEra = z - (era * 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = dayOfYear - (((153 * mp) + 2) / 5) + 1;
        var month = mp < 10 ? mp + 3 : mp - 9;
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return new LocalDate(year, month, day);
    }

    /// <summary>Months since January of year 0 (so that consecutive months differ by one across years).</summary>
    public static int MonthNumber(int year, int month) => (year * 12) + month - 1;

    /// <summary>The day number of day <paramref name="day"/> of the month with number <paramref name="monthNumber"/>.</summary>
    public static int FromMonth(int monthNumber, int day)
    {
        var year = FloorDiv(monthNumber, 12);
        return FromCivil(year, monthNumber - (year * 12) + 1, day);
    }

    /// <summary>ISO day of week of a day number, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday).</summary>
    public static int IsoDayOfWeek(int dayNumber)
    {
        var fromMonday = (dayNumber + 3) % 7;
        return (fromMonday < 0 ? fromMonday + 7 : fromMonday) + 1;
    }

    /// <summary>Integer division rounding towards negative infinity.</summary>
    public static int FloorDiv(int value, int divisor)
    {
        var quotient = value / divisor;
        return (value % divisor != 0) && ((value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
    }
}
