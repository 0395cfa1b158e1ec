using System.Collections.Immutable;
using Billing.Core.Monetary;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Features;

/// <summary>
/// The feature rules every owner (number, service, account) shares: ids unique within the owner,
/// currency always the owner's, and dates inside the owner's own active range when it has one.
/// </summary>
internal static class FeatureList
{
    /// <summary>Checks every feature of an owner; each check builds its message only when it fails.</summary>
    /// <param name="features">The owner's features.</param>
    /// <param name="field">The owner's feature field named in errors, e.g. <c>Number.Features</c>.</param>
    /// <param name="currency">The owner's currency.</param>
    /// <param name="from">The owner's first active day, if it has one.</param>
    /// <param name="to">The owner's last active day, if it has one.</param>
    public static void Validate(ImmutableArray<Feature> features, string field, Currency currency, LocalDate? from, LocalDate? to)
    {
        if (features.IsDefault)
        {
            throw new ArgumentNullException(nameof(features));
        }

        for (var i = 0; i < features.Length; i++)
        {
            var feature = features[i];
            if (feature is null)
            {
                throw new ArgumentNullException(nameof(features), "A feature list must not hold null.");
            }

            Check(feature, field, currency, from, to);
            for (var j = 0; j < i; j++)
            {
                Guard.Rule(features[j].Id != feature.Id, field, feature.Id.Value, "a feature id may appear only once on its owner");
            }
        }
    }

    private static void Check(Feature feature, string field, Currency currency, LocalDate? from, LocalDate? to)
    {
        Guard.Rule(feature.Currency == currency, field, $"{feature.Id} {feature.UnitAmount}", $"a feature's currency must be its owner's ({currency.Code})");
        if (from is { } first)
        {
            Guard.Rule(feature.StartDate >= first, field, $"{feature.Id} from {feature.StartDate}", $"a feature cannot start before its owner's first day {first}");
        }

        if (to is { } lastAllowed)
        {
            Guard.Rule(
                feature.LastDay is { } last && last <= lastAllowed,
                field,
                $"{feature.Id} to {feature.LastDay}{(feature.LastDay is null ? "open end" : null)}",
                $"a feature cannot run past its owner's last day {lastAllowed}");
        }
    }

    /// <summary>Restores an owner's stored features; the owner's constructor then checks them together (<see cref="Validate"/>).</summary>
    public static ImmutableArray<Feature> Restore(IReadOnlyList<FeatureSnapshot>? snapshots, string field)
    {
        StoredFields.Required(snapshots, field);
        var builder = ImmutableArray.CreateBuilder<Feature>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            builder.Add(Feature.Restore(StoredFields.Required(snapshot, field)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The snapshots of an owner's features, in order.</summary>
    public static IReadOnlyList<FeatureSnapshot> ToSnapshots(ImmutableArray<Feature> features)
    {
        var builder = ImmutableArray.CreateBuilder<FeatureSnapshot>(features.Length);
        foreach (var feature in features)
        {
            builder.Add(feature.ToSnapshot());
        }

        return ValueList<FeatureSnapshot>.Of(builder.MoveToImmutable());
    }

    public static ImmutableArray<Feature> Attach(ImmutableArray<Feature> features, Feature feature, string field)
    {
        ArgumentNullException.ThrowIfNull(feature);
        Guard.Rule(!features.Any(f => f.Id == feature.Id), field, feature.Id.Value, "a feature with this id is already attached");
        return features.Add(feature);
    }

    public static ImmutableArray<Feature> Replace(ImmutableArray<Feature> features, Feature feature, string field)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var index = IndexOf(features, feature.Id, field);
        return features.SetItem(index, feature);
    }

    public static ImmutableArray<Feature> Detach(ImmutableArray<Feature> features, FeatureId id, string field)
        => features.RemoveAt(IndexOf(features, id, field));

    private static int IndexOf(ImmutableArray<Feature> features, FeatureId id, string field)
    {
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i].Id == id)
            {
                return i;
            }
        }

        throw new BillingRuleException(field, id.Value, "no feature with this id is attached");
    }

    /// <summary>Ends every recurring feature that runs past <paramref name="lastDay"/> on that day; refuses features that start after it.</summary>
    public static ImmutableArray<Feature> EndBy(ImmutableArray<Feature> features, LocalDate lastDay, string field)
    {
        var builder = ImmutableArray.CreateBuilder<Feature>(features.Length);
        foreach (var feature in features)
        {
            Guard.Rule(feature.StartDate <= lastDay, field, $"{feature.Id} from {feature.StartDate}", $"starts after the owner's last day {lastDay}; detach it first");

            builder.Add(feature.Kind == FeatureKind.Recurring && (feature.EndDate is null || feature.EndDate.Value > lastDay) ? feature.WithEndDate(lastDay) : feature);
        }

        return builder.MoveToImmutable();
    }
}
