using System.Text.Json.Serialization.Metadata;
using Billing.Core.Serialization;

namespace Billing.Core.Services;

/// <summary>Reads and writes a <see cref="Service"/> as its <see cref="ServiceSnapshot"/> (see <see cref="SnapshotJsonConverter{TAggregate, TSnapshot}"/>).</summary>
public sealed class ServiceJsonConverter : SnapshotJsonConverter<Service, ServiceSnapshot>
{
    /// <inheritdoc />
    private protected override JsonTypeInfo<ServiceSnapshot> OwnTypeInfo => BillingJsonContext.Default.ServiceSnapshot;

    /// <inheritdoc />
    private protected override ServiceSnapshot ToSnapshot(Service aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    private protected override Service Restore(ServiceSnapshot snapshot) => Service.Restore(snapshot);
}
