using System.Text.Json.Serialization.Metadata;
using Billing.Core.Serialization;

namespace Billing.Core.CustomerClasses;

/// <summary>Reads and writes a <see cref="CustomerClass"/> as its <see cref="CustomerClassSnapshot"/> (see <see cref="SnapshotJsonConverter{TAggregate, TSnapshot}"/>).</summary>
public sealed class CustomerClassJsonConverter : SnapshotJsonConverter<CustomerClass, CustomerClassSnapshot>
{
    /// <inheritdoc />
    private protected override JsonTypeInfo<CustomerClassSnapshot> OwnTypeInfo => BillingJsonContext.Default.CustomerClassSnapshot;

    /// <inheritdoc />
    private protected override CustomerClassSnapshot ToSnapshot(CustomerClass aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    private protected override CustomerClass Restore(CustomerClassSnapshot snapshot) => CustomerClass.Restore(snapshot);
}
