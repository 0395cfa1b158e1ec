using System.Diagnostics.Contracts;
using System.Globalization;
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
    public BillingPeriod(LocalDate start, LocalDate endExclusive)
    {
        BillingCalendar.EnsureIso(start, nameof(start));
        BillingCalendar.EnsureIso(endExclusive, nameof(endExclusive));
        if (endExclusive <= start)
        {
            throw new ArgumentException(
                $"A billing period ends after it starts; endExclusive {Format(endExclusive)} is not after start {Format(start)}.",
                nameof(endExclusive));
        }

        Start = start;
        EndExclusive = endExclusive;
    }

    // Used by the engines, whose results are valid by construction.
    private BillingPeriod(LocalDate start, LocalDate endExclusive, bool trusted)
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
    [Pure]
    public bool Contains(LocalDate date) => date >= Start && date < EndExclusive;

    /// <summary>Deconstructs the period into its two dates.</summary>
    /// <param name="start">The first day.</param>
    /// <param name="endExclusive">The day after the last day.</param>
    public void Deconstruct(out LocalDate start, out LocalDate endExclusive)
    {
        start = Start;
        endExclusive = EndExclusive;
    }

    internal static BillingPeriod Trusted(LocalDate start, LocalDate endExclusive) => new(start, endExclusive, trusted: true);

    /// <inheritdoc />
    public bool Equals(BillingPeriod other) => Start == other.Start && EndExclusive == other.EndExclusive;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BillingPeriod other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, EndExclusive);

    /// <summary>The period as <c>[yyyy-MM-dd, yyyy-MM-dd)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"[{Format(Start)}, {Format(EndExclusive)})";

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

    internal static string Format(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
