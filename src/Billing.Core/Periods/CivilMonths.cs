using System.Runtime.CompilerServices;
using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// Integer arithmetic on ISO months. A month number counts months from January of year −10,000, so every month NodaTime
/// supports (and the few after 9999-12 that the end of a last period may need) has a non-negative number, consecutive
/// months differ by one across years, and the calendar quarters and half-years start on multiples of 3 and 6.
/// </summary>
internal static class CivilMonths
{
    // 10,000 years is 25 whole 400-year Gregorian cycles, so the shifted year is a leap year exactly when the year is.
    private const int YearShift = 10_000;

    /// <summary>Days in each month of a common year, January first.</summary>
    private static ReadOnlySpan<byte> DaysInCommonYear => [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    /// <summary>The number of month <paramref name="month"/> (1–12) of <paramref name="year"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Number(int year, int month) => ((year + YearShift) * 12) + month - 1;

    /// <summary>The number of the month of an ISO date.</summary>
    public static int Number(LocalDate date) => Number(date.Year, date.Month);

    /// <summary>The year of a month number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Year(int number) => (int)((uint)number / 12) - YearShift;

    /// <summary>The month of the year (1–12) of a month number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Month(int number) => (int)((uint)number % 12) + 1;

    /// <summary>How many days the month has (28–31).</summary>
    public static int DaysIn(int number)
    {
        var monthIndex = (uint)number % 12;
        if (monthIndex != 1)
        {
            return DaysInCommonYear[(int)monthIndex];
        }

        var shiftedYear = (uint)number / 12;
        var leap = shiftedYear % 4 == 0 && (shiftedYear % 100 != 0 || shiftedYear % 400 == 0);
        return leap ? 29 : 28;
    }

    /// <summary>The date of day <paramref name="day"/> of the month; the caller guarantees the day exists.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LocalDate Date(int number, int day) => new(Year(number), Month(number), day);

    /// <summary>The <see cref="CivilDays"/> day number of day <paramref name="day"/> of the month.</summary>
    public static int DayNumber(int number, int day) => CivilDays.FromCivil(Year(number), Month(number), day);
}
