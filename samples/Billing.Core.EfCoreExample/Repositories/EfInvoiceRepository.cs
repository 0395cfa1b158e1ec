using Billing.Core.Customers;
using Billing.Core.EfCoreExample.Rows;
using Billing.Core.Invoicing;
using Billing.Core.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>
/// Invoices: one per customer and period start (a unique index), numbered per issuer from the <c>InvoiceSequences</c> table.
/// <see cref="IssueAsync"/> reads the issuer's last number, lets <see cref="Invoice.Issue"/> decide, and saves the issued invoice
/// (under its version) and the new last number in one transaction, which on SQLite begins IMMEDIATE: it holds the database's
/// write lock from before the read until the commit, so two issues never read the same last number.
/// </summary>
internal sealed class EfInvoiceRepository(IDbContextFactory<BillingDbContext> contexts)
    : EfRepository<Invoice, InvoiceId, InvoiceRow>(contexts), IInvoiceRepository
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);

    private readonly IDbContextFactory<BillingDbContext> _contexts = contexts;

    protected override string EntityType => "Invoice";

    protected override string UniqueKey => "Period";

    public async ValueTask<Invoice?> FindByPeriodAsync(CustomerId customerId, LocalDate periodStart, CancellationToken cancellationToken = default)
    {
        var (customer, day) = (customerId.Value, Day(periodStart));
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.CustomerId == customer && i.PeriodStartDay == day, cancellationToken) is { } row
            ? ToAggregate(row)
            : null;
    }

    public async ValueTask<IReadOnlyList<Invoice>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        var customer = customerId.Value;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customer).OrderBy(i => i.PeriodStartDay).ToListAsync(cancellationToken);
        return [.. rows.Select(ToAggregate)];
    }

    public async ValueTask<Invoice> IssueAsync(Invoice draft, CustomerId issuerId, LocalDate issuedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        cancellationToken.ThrowIfCancellationRequested();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sequence = await db.InvoiceSequences.FindAsync([issuerId.Value], cancellationToken);
        var next = (sequence?.LastNumber ?? 0) + 1;

        // The core decides (a draft only); when it refuses, nothing was staged and the transaction is rolled back on dispose.
        var expected = draft.Version;
        var issued = draft.Issue(issuerId, InvoiceNumbering.Format(next), issuedOn).WithVersion(expected + 1);
        var entry = db.Invoices.Update(ToRow(issued));
        entry.Property(r => r.Version).OriginalValue = expected;
        if (sequence is null)
        {
            db.InvoiceSequences.Add(new InvoiceSequenceRow { IssuerId = issuerId.Value, LastNumber = next });
        }
        else
        {
            sequence.LastNumber = next;
        }

        try
        {
            // One SaveChanges: the invoice and the issuer's last number are written together or not at all.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(EntityType, draft.Id.Value, expected, await StoredVersionAsync(db, draft.Id.Value, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return issued;
    }

    protected override InvoiceRow ToRow(Invoice invoice) => new()
    {
        Id = invoice.Id.Value,
        Version = invoice.Version,
        Snapshot = invoice.ToSnapshot(),
        CustomerId = invoice.CustomerId.Value,
        PeriodStartDay = Day(invoice.Period.Start),
    };

    protected override Invoice ToAggregate(InvoiceRow row) => Invoice.Restore(row.Snapshot with { Version = row.Version });

    protected override InvoiceId IdOf(Invoice aggregate) => aggregate.Id;

    protected override long VersionOf(Invoice aggregate) => aggregate.Version;

    protected override Invoice WithVersion(Invoice aggregate, long version) => aggregate.WithVersion(version);

    protected override string UniqueValue(Invoice aggregate) => $"{aggregate.CustomerId} {aggregate.Period}";

    protected override IEnumerable<(string Field, string Kind, Type Row, string? Id)> References(Invoice aggregate) =>
        [("Invoice.CustomerId", "customer", typeof(CustomerRow), aggregate.CustomerId.Value)];

    /// <summary>Only a draft is deleted (<see cref="InvoiceNumbering.EnsureDeletable"/>), checked on the row at the expected version.</summary>
    protected override async Task CheckDeletableAsync(BillingDbContext db, string id, long expectedVersion, CancellationToken cancellationToken)
    {
        if (await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.Version == expectedVersion, cancellationToken) is { } row)
        {
            InvoiceNumbering.EnsureDeletable(ToAggregate(row));
        }
    }

    /// <summary>The day as days since 1970-01-01.</summary>
    private static int Day(LocalDate date) => Period.Between(Epoch, date, PeriodUnits.Days).Days;
}
