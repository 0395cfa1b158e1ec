using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Invoicing;

/// <summary>
/// An inclusive range of days, as day numbers (<see cref="CivilDays"/>): the days a feature can be charged for, cut to its owner's
/// active days and then to a billing period. Counting the days two ranges share is two comparisons and a subtraction, so the
/// charges engine never walks a period day by day (see docs/period-charges.md).
/// </summary>
/// <remarks>An empty range has <see cref="Last"/> before <see cref="First"/>. Open ends are the first and last days NodaTime can
/// represent, so every length fits an <see cref="int"/>.</remarks>
internal readonly struct DayRange
{
    /// <summary>Every day NodaTime can represent: the range of an owner with no dates (an account).</summary>
    public static readonly DayRange All = new(CivilDays.MinDay, CivilDays.MaxDay);

    public DayRange(int first, int last)
    {
        First = first;
        Last = last;
    }

    /// <summary>The first day, as a day number.</summary>
    public int First { get; }

    /// <summary>The last day (inclusive), as a day number.</summary>
    public int Last { get; }

    /// <summary>How many days the range holds; 0 when it is empty.</summary>
    public int Length => Last < First ? 0 : Last - First + 1;

    /// <summary>The days from <paramref name="first"/> through <paramref name="last"/>, or through the last representable day when
    /// <paramref name="last"/> is null (an open end). The dates are ISO dates (the aggregates guarantee it).</summary>
    public static DayRange Of(LocalDate first, LocalDate? last)
        => new(CivilDays.FromDate(first), last is { } end ? CivilDays.FromDate(end) : CivilDays.MaxDay);

    /// <summary>The days of a billing period: <c>[Start, EndExclusive)</c> as an inclusive range.</summary>
    public static DayRange Of(BillingPeriod period)
        => new(CivilDays.FromDate(period.Start), CivilDays.FromDate(period.EndExclusive) - 1);

    /// <summary>The days both ranges hold (possibly none).</summary>
    public DayRange Intersect(DayRange other) => new(Math.Max(First, other.First), Math.Min(Last, other.Last));

    /// <summary>How many days both ranges hold, without building the intersection.</summary>
    public int Overlap(DayRange other)
    {
        var first = Math.Max(First, other.First);
        var last = Math.Min(Last, other.Last);
        return last < first ? 0 : last - first + 1;
    }

    /// <inheritdoc />
    public override string ToString()
        => Length == 0 ? "(no days)" : $"[{Guard.Format(CivilDays.ToDate(First))}, {Guard.Format(CivilDays.ToDate(Last))}]";
}
