using System.Text.Json.Serialization.Metadata;
using Billing.Core.Serialization;

namespace Billing.Core.Invoicing;

/// <summary>Reads and writes an <see cref="Invoice"/> as its <see cref="InvoiceSnapshot"/> (see <see cref="SnapshotJsonConverter{TAggregate, TSnapshot}"/>).</summary>
public sealed class InvoiceJsonConverter : SnapshotJsonConverter<Invoice, InvoiceSnapshot>
{
    /// <inheritdoc />
    private protected override JsonTypeInfo<InvoiceSnapshot> OwnTypeInfo => BillingJsonContext.Default.InvoiceSnapshot;

    /// <inheritdoc />
    private protected override InvoiceSnapshot ToSnapshot(Invoice aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    private protected override Invoice Restore(InvoiceSnapshot snapshot) => Invoice.Restore(snapshot);
}
