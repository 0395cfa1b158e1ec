using System.Text.Json.Serialization.Metadata;
using Billing.Core.Serialization;

namespace Billing.Core.Features;

/// <summary>Reads and writes a <see cref="Feature"/> as its <see cref="FeatureSnapshot"/> (see <see cref="SnapshotJsonConverter{TAggregate, TSnapshot}"/>).</summary>
public sealed class FeatureJsonConverter : SnapshotJsonConverter<Feature, FeatureSnapshot>
{
    /// <inheritdoc />
    private protected override JsonTypeInfo<FeatureSnapshot> OwnTypeInfo => BillingJsonContext.Default.FeatureSnapshot;

    /// <inheritdoc />
    private protected override FeatureSnapshot ToSnapshot(Feature aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    private protected override Feature Restore(FeatureSnapshot snapshot) => Feature.Restore(snapshot);
}
