using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Storage.Sqlite.Writing;
using NodaTime;

namespace Billing.Core.Storage.Sqlite.Repositories;

/// <summary>
/// Invoices: one per customer and period start (the unique index <c>invoices_customer_period</c>), and numbers per issuer from
/// <c>invoice_sequences</c>. <see cref="IssueAsync"/> reads the issuer's last number, lets <see cref="Invoice.Issue"/> decide, and
/// writes the invoice and the new last number in one savepoint of the writer's transaction: SQLite serialises writers (of every
/// process), so no other issue can read the same last number, and a refusal undoes both writes.
/// </summary>
internal sealed class SqliteInvoiceRepository(SqliteDatabase database, SqliteWriter writer)
    : SqliteRepository<Invoice, InvoiceId>(database, writer, "invoices", "customer_id", "period_start"), IInvoiceRepository
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);
    private static readonly string[] IssuerParameters = ["$issuer"];
    private static readonly string[] SequenceParameters = ["$issuer", "$number"];
    private static readonly string[] StoredParameters = ["$id", "$expected"];

    private const string LastNumber = "SELECT last_number FROM invoice_sequences WHERE issuer_id = $issuer";

    private const string WriteLastNumber =
        "INSERT INTO invoice_sequences (issuer_id, last_number) VALUES ($issuer, $number) "
        + "ON CONFLICT (issuer_id) DO UPDATE SET last_number = excluded.last_number";

    protected override string EntityType => "Invoice";

    protected override string UniqueKey => "Period";

    protected override (string Column, string Field, string Type, string Table)[] References => [("customer_id", "Invoice.CustomerId", "customer", "customers")];

    public async ValueTask<Invoice?> FindByPeriodAsync(CustomerId customerId, LocalDate periodStart, CancellationToken cancellationToken = default)
    {
        var found = await ListAsync(
            nameof(FindByPeriodAsync),
            "customer_id = $customer AND period_start = $start",
            [("$customer", customerId.Value), ("$start", Day(periodStart))],
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async ValueTask<IReadOnlyList<Invoice>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        var found = await ListAsync(nameof(ListByCustomerAsync), "customer_id = $customer", [("$customer", customerId.Value)], cancellationToken).ConfigureAwait(false);
        return [.. found.OrderBy(i => i.Period.Start)];
    }

    public ValueTask<Invoice> IssueAsync(Invoice draft, CustomerId issuerId, LocalDate issuedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<Invoice>(WriteAsync(
            nameof(IssueAsync),
            draft,
            batch =>
            {
                var last = batch.Prepared(LastNumber, IssuerParameters).With(issuerId.Value).ExecuteScalar() is long stored ? stored : 0;
                var issued = UpdateInBatch(batch, draft.Issue(issuerId, InvoiceNumbering.Format(last + 1), issuedOn));
                batch.Prepared(WriteLastNumber, SequenceParameters).With(issuerId.Value, last + 1).ExecuteNonQuery();
                return issued;
            },
            cancellationToken));
    }

    protected override InvoiceId IdOf(Invoice aggregate) => aggregate.Id;

    protected override long VersionOf(Invoice aggregate) => aggregate.Version;

    protected override Invoice WithVersion(Invoice aggregate, long version) => aggregate.WithVersion(version);

    protected override string Serialize(Invoice aggregate) => SnapshotJson.Write(aggregate.ToSnapshot());

    protected override Invoice Restore(string snapshot, long version) => Invoice.Restore(SnapshotJson.ReadInvoice(snapshot) with { Version = version });

    protected override object?[] KeyValues(Invoice aggregate) => [aggregate.CustomerId.Value, Day(aggregate.Period.Start)];

    protected override string UniqueValue(Invoice aggregate) => $"{aggregate.CustomerId} {aggregate.Period}";

    /// <summary>Only a draft is deleted: the stored row at the expected version must be one (<see cref="InvoiceNumbering.EnsureDeletable"/>).
    /// Another version, or no row, is left to the delete's version check.</summary>
    protected override void CheckDeletable(WriteBatch batch, InvoiceId id, long expectedVersion)
    {
        foreach (var stored in ReadInBatch(batch, "id = $id AND version = $expected", StoredParameters, [id.Value, expectedVersion]))
        {
            InvoiceNumbering.EnsureDeletable(stored);
        }
    }

    /// <summary>The day as days since 1970-01-01: the column orders and compares as the dates do, for every NodaTime date.</summary>
    private static long Day(LocalDate date) => Period.Between(Epoch, date, PeriodUnits.Days).Days;
}
