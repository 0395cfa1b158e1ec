using Billing.Core.Features;
using NodaTime;

namespace Billing.Core.Removal;

/// <summary>
/// When something billed by the day may be deleted: when no day of it can still be billed — it never started (its first day is
/// after today), or its last day lies before the owner's current billing period, whose days are billed when that period closes.
/// </summary>
internal static class RemovalRules
{
    /// <summary>Whether a thing active from <paramref name="firstDay"/> through <paramref name="lastDay"/> (null: open-ended) is settled.</summary>
    public static bool IsSettled(LocalDate firstDay, LocalDate? lastDay, LocalDate currentPeriodStart, LocalDate today)
        => firstDay > today || (lastDay is { } last && last < currentPeriodStart);

    /// <summary>The features that may still be billed, for the reasons of a refusal.</summary>
    public static IEnumerable<string> Unsettled(IEnumerable<Feature> features, LocalDate currentPeriodStart, LocalDate today)
        => features.Where(f => !IsSettled(f.StartDate, f.LastDay, currentPeriodStart, today)).Select(f => $"feature {f.Id} ('{f.Name}')");
}
