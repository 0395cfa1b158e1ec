using System.Text.Json.Serialization.Metadata;
using Billing.Core.Serialization;

namespace Billing.Core.Customers;

/// <summary>Reads and writes a <see cref="Customer"/> as its <see cref="CustomerSnapshot"/> (see <see cref="SnapshotJsonConverter{TAggregate, TSnapshot}"/>).</summary>
public sealed class CustomerJsonConverter : SnapshotJsonConverter<Customer, CustomerSnapshot>
{
    /// <inheritdoc />
    private protected override JsonTypeInfo<CustomerSnapshot> OwnTypeInfo => BillingJsonContext.Default.CustomerSnapshot;

    /// <inheritdoc />
    private protected override CustomerSnapshot ToSnapshot(Customer aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    private protected override Customer Restore(CustomerSnapshot snapshot) => Customer.Restore(snapshot);
}
