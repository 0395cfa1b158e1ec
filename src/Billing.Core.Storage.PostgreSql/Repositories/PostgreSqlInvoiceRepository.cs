using System.Text.Json.Serialization.Metadata;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Npgsql;
using NodaTime;
using NpgsqlTypes;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>
/// Invoices; one per customer and period start (constraint <c>invoices_period</c>), numbered per issuer from
/// <c>invoice_sequences</c>. <see cref="IssueAsync"/> runs in one transaction: it moves the issuer's sequence on with
/// <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, which locks the issuer's row until the commit (a concurrent issue for the same
/// issuer waits, then reads the number this one wrote), lets <see cref="Invoice.Issue"/> decide, and writes the invoice under its
/// version; anything that fails rolls the whole transaction back, the sequence's move included.
/// </summary>
internal sealed class PostgreSqlInvoiceRepository(NpgsqlDataSource dataSource)
    : PostgreSqlRepository<Invoice, InvoiceId, InvoiceSnapshot>(dataSource, "invoices", "Invoice", ("customer_id", NpgsqlDbType.Text), ("period_start", NpgsqlDbType.Integer)),
      IInvoiceRepository
{
    private const string NextNumber =
        "INSERT INTO invoice_sequences AS s (issuer_id, last_number) VALUES ($1, 1) "
        + "ON CONFLICT (issuer_id) DO UPDATE SET last_number = s.last_number + 1 RETURNING last_number";

    protected override JsonTypeInfo<InvoiceSnapshot> JsonType => BillingJsonContext.Default.InvoiceSnapshot;

    public async ValueTask<Invoice?> FindByPeriodAsync(CustomerId customerId, LocalDate periodStart, CancellationToken cancellationToken = default)
        => await ListAsync($"{Select} WHERE customer_id = $1 AND period_start = $2", cancellationToken, Text(customerId.Value), Integer(DateColumns.Day(periodStart)))
            .ConfigureAwait(false) is [var found]
            ? found
            : null;

    public ValueTask<IReadOnlyList<Invoice>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
        => ListAsync($"{Select} WHERE customer_id = $1 ORDER BY period_start", cancellationToken, Text(customerId.Value));

    public async ValueTask<Invoice> IssueAsync(Invoice draft, CustomerId issuerId, LocalDate issuedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        cancellationToken.ThrowIfCancellationRequested();
        var expected = draft.Version;
        var committing = false;
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            long number;
            await using (var next = new NpgsqlCommand(NextNumber, connection))
            {
                next.Parameters.Add(Text(issuerId.Value));
                number = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            // The core decides (a draft only); a refusal leaves the transaction to roll back on dispose, the sequence's move with it.
            var issued = draft.Issue(issuerId, InvoiceNumbering.Format(number), issuedOn).ToSnapshot() with { Version = expected + 1 };
            CheckTexts(issued);
            if (!await TryUpdateAsync(connection, issued, expected, cancellationToken).ConfigureAwait(false))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                throw await ConflictAsync(draft.Id, expected, cancellationToken).ConfigureAwait(false);
            }

            committing = true;
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return Invoice.Restore(issued);
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e) && e is not OperationCanceledException)
        {
            // Before the commit nothing was written; a connection lost during it may or may not have committed.
            throw new StorageUnavailableException($"{EntityType} issue", outcomeKnown: !committing, e);
        }
    }

    protected override InvoiceSnapshot ToSnapshot(Invoice aggregate) => aggregate.ToSnapshot();

    protected override Invoice Restore(InvoiceSnapshot snapshot) => Invoice.Restore(snapshot);

    protected override InvoiceSnapshot WithVersion(InvoiceSnapshot snapshot, long version) => snapshot with { Version = version };

    protected override long VersionOf(InvoiceSnapshot snapshot) => snapshot.Version;

    protected override InvoiceId IdOf(InvoiceSnapshot snapshot) => snapshot.Id;

    protected override IEnumerable<(string Field, string? Text)> Texts(InvoiceSnapshot snapshot)
    {
        yield return ("Invoice.Number", snapshot.Number);
        for (var i = 0; i < snapshot.Lines.Count; i++)
        {
            var line = snapshot.Lines[i];
            yield return ($"Invoice.Lines[{i}].OwnerId", line.OwnerId);
            yield return ($"Invoice.Lines[{i}].Name", line.Name);
            yield return ($"Invoice.Lines[{i}].IdempotencyKey", line.IdempotencyKey);
        }
    }

    protected override object?[] KeyValues(InvoiceSnapshot snapshot) => [snapshot.CustomerId.Value, DateColumns.Day(snapshot.Period.Start)];

    protected override async ValueTask CheckDeletableAsync(InvoiceId id, long expectedVersion, CancellationToken cancellationToken)
    {
        // Only a draft is deleted; the delete then removes exactly the version read here (another is a conflict).
        if (await ListAsync($"{Select} WHERE id = $1 AND version = $2", cancellationToken, Text(id.Value), Bigint(expectedVersion)).ConfigureAwait(false) is [var stored])
        {
            InvoiceNumbering.EnsureDeletable(stored);
        }
    }

    protected override ValueTask<Exception?> KeyViolationAsync(string? constraint, InvoiceSnapshot candidate, CancellationToken cancellationToken)
        => ValueTask.FromResult<Exception?>(
            constraint == "invoices_period" ? new DuplicateEntityException(EntityType, "Period", $"{candidate.CustomerId} {candidate.Period}") : null);

    protected override (string Field, string? Value) MissingReference(string? constraint, InvoiceSnapshot candidate) => ("Invoice.CustomerId", candidate.CustomerId.Value);

    private static NpgsqlParameter Integer(int value) => new NpgsqlParameter<int> { TypedValue = value };
}
