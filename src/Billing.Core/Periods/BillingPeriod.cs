using System.Diagnostics.Contracts;
using System.Text.Json.Serialization;
using NodaTime;

namespace Billing.Core.Periods;

/// <summary>
/// A billing period: the half-open range of local dates <c>[Start, EndExclusive)</c> in a customer's billing time zone.
/// </summary>
/// <remarks>
/// A value, compared by its two dates. Both dates are in the ISO calendar. Immutable and thread-safe.
/// The instants at which a period opens and closes depend on the time zone; ask the <see cref="BillingCalendar"/>.
/// </remarks>
[JsonConverter(typeof(BillingPeriodJsonConverter))]
public readonly struct BillingPeriod : IEquatable<BillingPeriod>
{
    /// <summary>Creates a period from its first day and the day after its last.</summary>
    /// <param name="start">The first day of the period.</param>
    /// <param name="endExclusive">The day after the last day of the period; later than <paramref name="start"/>.</param>
    /// <exception cref="ArgumentException">A date is not in the ISO calendar, or <paramref name="endExclusive"/> is not after <paramref name="start"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is before <see cref="BillingCalendar.MinAnchor"/>, where no billing
    /// period starts (its first instant may not exist in NodaTime).</exception>
    public BillingPeriod(LocalDate start, LocalDate endExclusive)
    {
        Guard.IsoDate(start, nameof(start));
        Guard.IsoDate(endExclusive, nameof(endExclusive));
        if (start < BillingCalendar.MinAnchor)
        {
            throw new ArgumentOutOfRangeException(
                nameof(start),
                Guard.Format(start),
                $"No billing period starts before {Guard.Format(BillingCalendar.MinAnchor)}, the earliest anchor.");
        }

        if (endExclusive <= start)
        {
            throw new ArgumentException(
                $"A billing period ends after it starts; endExclusive {Guard.Format(endExclusive)} is not after start {Guard.Format(start)}.",
                nameof(endExclusive));
        }

        Start = start;
        EndExclusive = endExclusive;
    }

    // Used by the engines, whose results are valid by construction.
    private BillingPeriod(LocalDate start, LocalDate endExclusive, TrustedTag trusted)
    {
        _ = trusted;
        Start = start;
        EndExclusive = endExclusive;
    }

    /// <summary>The first day of the period.</summary>
    public LocalDate Start { get; }

    /// <summary>The day after the last day of the period: the first day of the next period.</summary>
    public LocalDate EndExclusive { get; }

    /// <summary>The last day of the period (inclusive).</summary>
    public LocalDate End => EndExclusive.PlusDays(-1);

    /// <summary>How many days the period has.</summary>
    public int LengthInDays => CivilDays.FromDate(EndExclusive) - CivilDays.FromDate(Start);

    /// <summary>Whether <paramref name="date"/> lies in the period (on or after <see cref="Start"/>, before <see cref="EndExclusive"/>).</summary>
    /// <param name="date">The date to test.</param>
    /// <returns><see langword="true"/> when the date lies in the period.</returns>
    /// <exception cref="ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    [Pure]
    public bool Contains(LocalDate date) => Guard.IsoDate(date) >= Start && date < EndExclusive;

    /// <summary>Deconstructs the period into its two dates.</summary>
    /// <param name="start">The first day.</param>
    /// <param name="endExclusive">The day after the last day.</param>
    public void Deconstruct(out LocalDate start, out LocalDate endExclusive)
    {
        start = Start;
        endExclusive = EndExclusive;
    }

    internal static BillingPeriod Trusted(LocalDate start, LocalDate endExclusive) => new(start, endExclusive, default(TrustedTag));

    /// <inheritdoc />
    public bool Equals(BillingPeriod other) => Start == other.Start && EndExclusive == other.EndExclusive;

    /// <inheritdoc />
    public override bool Equals(object? obj)
        => obj switch
        {
            BillingPeriod other => Equals(other),
            _ => false,
        };

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, EndExclusive);

    /// <summary>The period as <c>[yyyy-MM-dd, yyyy-MM-dd)</c>.</summary>
    public override string ToString() => $"[{Guard.Format(Start)}, {Guard.Format(EndExclusive)})";

    /// <summary>Compares two periods for equality.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> when both have the same dates.</returns>
    public static bool operator ==(BillingPeriod left, BillingPeriod right) => left.Equals(right);

    /// <summary>Compares two periods for inequality.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> when the dates differ.</returns>
    public static bool operator !=(BillingPeriod left, BillingPeriod right) => !left.Equals(right);

    /// <summary>Selects the constructor that skips validation.</summary>
    private readonly struct TrustedTag
    {
    }
}
