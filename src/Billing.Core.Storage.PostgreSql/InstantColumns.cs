using NodaTime;

namespace Billing.Core.Storage.PostgreSql;

/// <summary>
/// An <see cref="Instant"/> as two columns that keep it exactly: whole microseconds since the Unix epoch (<c>bigint</c>, which
/// spans NodaTime's whole range) and the nanoseconds within that microsecond (0..999). PostgreSQL's <c>timestamptz</c> keeps
/// only microseconds, and Npgsql reads it as a <see cref="DateTime"/>, which cannot hold years before 1.
/// </summary>
internal static class InstantColumns
{
    /// <summary>Splits an instant into its two columns.</summary>
    public static (long Microseconds, short Nanoseconds) Split(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks(); // truncated towards the start of time
        var microseconds = Math.DivRem(ticks, 10, out var remainder) - (remainder < 0 ? 1 : 0);
        var nanoseconds = (instant - Instant.FromUnixTimeTicks(microseconds * 10)).ToInt64Nanoseconds();
        return (microseconds, (short)nanoseconds);
    }

    /// <summary>Joins the two columns back into the instant.</summary>
    public static Instant Join(long microseconds, short nanoseconds)
        => Instant.FromUnixTimeTicks(microseconds * 10) + Duration.FromNanoseconds(nanoseconds);
}
