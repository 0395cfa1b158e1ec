using Billing.Core.Customers;
using Billing.Core.Invoicing;
using NodaTime;

namespace Billing.Core.Storage.InMemory;

/// <summary>Invoices in memory: one per customer and period start, grouped by customer, numbered per issuer under the database's
/// lock.</summary>
internal sealed class InMemoryInvoiceRepository(InMemoryDatabase database)
    : InMemoryRepository<Invoice, InvoiceId>(database, a => a.Id, a => a.Version, (a, v) => a.WithVersion(v)), IInvoiceRepository
{
    // The last number each issuer used; written under the database's lock with the invoice it numbered.
    private readonly Dictionary<string, long> _lastNumbers = new(StringComparer.Ordinal);

    protected override string EntityType => "Invoice";

    public ValueTask<Invoice?> FindByPeriodAsync(CustomerId customerId, LocalDate periodStart, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(InGroup(customerId.Value).FirstOrDefault(i => i.Period.Start == periodStart));
    }

    public ValueTask<IReadOnlyList<Invoice>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<Invoice>>(InGroup(customerId.Value).OrderBy(i => i.Period.Start).ToArray());
    }

    public ValueTask<Invoice> IssueAsync(Invoice draft, CustomerId issuerId, LocalDate issuedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        cancellationToken.ThrowIfCancellationRequested();
        lock (Database.WriteGate)
        {
            var next = _lastNumbers.GetValueOrDefault(issuerId.Value) + 1;
            var issued = draft.Issue(issuerId, InvoiceNumbering.Format(next), issuedOn);
            // The update checks the version under the same (re-entrant) lock; the sequence moves only when it succeeded.
            var stored = Update(issued);
            _lastNumbers[issuerId.Value] = next;
            return ValueTask.FromResult(stored);
        }
    }

    protected override string? GroupOf(Invoice aggregate) => aggregate.CustomerId.Value;

    protected override void CheckReferences(Invoice candidate) => RequireStored(candidate, "Invoice.CustomerId", candidate.CustomerId, "customer", Database.Customers);

    protected override void CheckUnique(Invoice candidate, IEnumerable<Invoice> stored)
    {
        if (InGroupLocked(candidate.CustomerId.Value).Any(i => i.Id != candidate.Id && i.Period.Start == candidate.Period.Start))
        {
            throw new DuplicateEntityException(EntityType, "Period", $"{candidate.CustomerId} {candidate.Period}");
        }
    }

    protected override void CheckNotReferenced(InvoiceId id)
    {
        if (Find(id) is { } stored)
        {
            InvoiceNumbering.EnsureDeletable(stored);
        }
    }
}
