using NodaTime;

namespace Billing.Core.Storage.PostgreSql;

/// <summary>
/// A <see cref="LocalDate"/> as one <c>integer</c> column: days since 1970-01-01, so the column orders and compares as the dates
/// do, for every NodaTime date (a number's sold and ceased days, an invoice's period start).
/// </summary>
internal static class DateColumns
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);

    /// <summary>The date as days since 1970-01-01.</summary>
    public static int Day(LocalDate date) => Period.Between(Epoch, date, PeriodUnits.Days).Days;
}
