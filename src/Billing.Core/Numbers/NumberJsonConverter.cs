using System.Text.Json.Serialization.Metadata;
using Billing.Core.Serialization;

namespace Billing.Core.Numbers;

/// <summary>Reads and writes a <see cref="Number"/> as its <see cref="NumberSnapshot"/> (see <see cref="SnapshotJsonConverter{TAggregate, TSnapshot}"/>).</summary>
public sealed class NumberJsonConverter : SnapshotJsonConverter<Number, NumberSnapshot>
{
    /// <inheritdoc />
    private protected override JsonTypeInfo<NumberSnapshot> OwnTypeInfo => BillingJsonContext.Default.NumberSnapshot;

    /// <inheritdoc />
    private protected override NumberSnapshot ToSnapshot(Number aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    private protected override Number Restore(NumberSnapshot snapshot) => Number.Restore(snapshot);
}
