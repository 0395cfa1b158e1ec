using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// Answers which billing period a date or instant falls in. Implemented by <see cref="BillingCalendar"/> (one cycle and anchor)
/// and <see cref="BillingSchedule"/> (a calendar with cycle changes). Every operation is O(1) in the distance from the anchor.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe.</remarks>
public interface IBillingCalendar
{
    /// <summary>The first day of the first period.</summary>
    LocalDate Anchor { get; }

    /// <summary>The billing time zone, in which periods open and close. For a <see cref="BillingSchedule"/>, the zone of the first
    /// period: a time-zone change moves later periods to another zone (<see cref="BillingSchedule.CalendarOn"/>).</summary>
    DateTimeZone Zone { get; }

    /// <summary>The first period; it starts on <see cref="Anchor"/> and may be partial.</summary>
    BillingPeriod First { get; }

    /// <summary>The period that contains <paramref name="date"/>.</summary>
    /// <param name="date">An ISO date on or after <see cref="Anchor"/>.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is before the anchor, or its period would end after <see cref="LocalDate.MaxIsoValue"/>.</exception>
    /// <exception cref="ArgumentException">The date is not in the ISO calendar.</exception>
    BillingPeriod PeriodContaining(LocalDate date);

    /// <summary>The period that contains <paramref name="instant"/>, judged by its local date in the billing zone in force at that
    /// instant: the period <c>p</c> with <c>OpensAt(p) ≤ instant &lt; ClosesAt(p)</c>.</summary>
    /// <param name="instant">An instant whose local date is on or after <see cref="Anchor"/>.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The local date is before the anchor, or its period would end after <see cref="LocalDate.MaxIsoValue"/>,
    /// or the instant is so close to <see cref="Instant.MinValue"/> or <see cref="Instant.MaxValue"/> that its date in the zone lies outside NodaTime's range.</exception>
    BillingPeriod PeriodContaining(Instant instant);

    /// <summary>Tries to find the period that contains <paramref name="date"/>.</summary>
    /// <param name="date">An ISO date.</param>
    /// <param name="period">The period, when there is one.</param>
    /// <returns><see langword="false"/> when the date is before the anchor, or its period would end after <see cref="LocalDate.MaxIsoValue"/>.</returns>
    /// <exception cref="ArgumentException">The date is not in the ISO calendar.</exception>
    bool TryPeriodContaining(LocalDate date, out BillingPeriod period);

    /// <summary>The zero-based number of the period that contains <paramref name="date"/> (the first period is 0).</summary>
    /// <param name="date">An ISO date on or after <see cref="Anchor"/>.</param>
    /// <returns>The period number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is before the anchor, or its period would end after <see cref="LocalDate.MaxIsoValue"/>.</exception>
    /// <exception cref="ArgumentException">The date is not in the ISO calendar.</exception>
    int IndexOf(LocalDate date);

    /// <summary>The period with zero-based number <paramref name="index"/>.</summary>
    /// <param name="index">0 for the first period.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative, or the period would end after <see cref="LocalDate.MaxIsoValue"/>.</exception>
    BillingPeriod PeriodAt(int index);

    /// <summary>The period that follows <paramref name="period"/>; it starts on <paramref name="period"/>'s <see cref="BillingPeriod.EndExclusive"/>.</summary>
    /// <param name="period">A period of this calendar.</param>
    /// <returns>The next period.</returns>
    /// <exception cref="ArgumentException"><paramref name="period"/> is not a period of this calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The next period would end after <see cref="LocalDate.MaxIsoValue"/>.</exception>
    BillingPeriod Next(BillingPeriod period);

    /// <summary>The period that precedes <paramref name="period"/>; it ends where <paramref name="period"/> starts.</summary>
    /// <param name="period">A period of this calendar other than the first.</param>
    /// <returns>The previous period.</returns>
    /// <exception cref="ArgumentException"><paramref name="period"/> is not a period of this calendar, or it is the first.</exception>
    BillingPeriod Previous(BillingPeriod period);

    /// <summary>The instant <paramref name="period"/> opens: the start of its first day in the billing zone (see
    /// <see cref="BillingSchedule"/> for the period after a time-zone change).</summary>
    /// <param name="period">A period.</param>
    /// <returns>The first instant of the period.</returns>
    /// <remarks>Where midnight does not exist the day starts at its first valid instant; a day the zone skips entirely starts
    /// where the next existing day starts.</remarks>
    Instant OpensAt(BillingPeriod period);

    /// <summary>The instant <paramref name="period"/> closes: the start of its <see cref="BillingPeriod.EndExclusive"/> day in the
    /// billing zone, which is also the instant the next period opens.</summary>
    /// <param name="period">A period.</param>
    /// <returns>The first instant after the period.</returns>
    Instant ClosesAt(BillingPeriod period);

    /// <summary>
    /// The instant <paramref name="period"/> is closed for billing: <paramref name="closingDelay"/> after it closes. Until then,
    /// late usage records (timestamped inside the period) still land in it; a billing run bills a period only once it is closed
    /// for billing.
    /// </summary>
    /// <param name="period">A period.</param>
    /// <param name="closingDelay">How long after it closes a period stays open for late records (for example 6 hours); zero or
    /// more.</param>
    /// <returns><see cref="ClosesAt"/> plus <paramref name="closingDelay"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="closingDelay"/> is negative, or so long that the instant would lie beyond the
    /// range of <see cref="Instant"/>.</exception>
    Instant ClosedForBillingAt(BillingPeriod period, Duration closingDelay);

    /// <summary>Whether <paramref name="period"/> is closed for billing at <paramref name="now"/>: whether <paramref name="now"/> is on
    /// or after <see cref="ClosedForBillingAt"/>.</summary>
    /// <param name="period">A period.</param>
    /// <param name="now">The instant to judge at (from the host's clock; the engine reads none).</param>
    /// <param name="closingDelay">How long after it closes a period stays open for late records; zero or more.</param>
    /// <returns><see langword="true"/> once the period may be billed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="closingDelay"/> is negative, or so long that the instant would lie beyond the
    /// range of <see cref="Instant"/>.</exception>
    bool IsClosedForBilling(BillingPeriod period, Instant now, Duration closingDelay);

    /// <summary>Lazily enumerates, in order, every period that overlaps the dates <c>[from, toExclusive)</c>.</summary>
    /// <param name="from">The first date of interest; dates before the anchor are ignored.</param>
    /// <param name="toExclusive">The day after the last date of interest.</param>
    /// <returns>The periods, computed one at a time as the sequence is read.</returns>
    /// <exception cref="ArgumentException">A date is not in the ISO calendar.</exception>
    IEnumerable<BillingPeriod> PeriodsBetween(LocalDate from, LocalDate toExclusive);
}
