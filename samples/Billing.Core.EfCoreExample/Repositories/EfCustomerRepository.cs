using Billing.Core.Customers;
using Billing.Core.EfCoreExample.Rows;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>Customers: names unique among siblings after <see cref="CustomerNames.Normalise"/>, roots included.</summary>
internal sealed class EfCustomerRepository(IDbContextFactory<BillingDbContext> contexts)
    : EfRepository<Customer, CustomerId, CustomerRow>(contexts), ICustomerRepository
{
    private readonly IDbContextFactory<BillingDbContext> _contexts = contexts;

    protected override string EntityType => "Customer";

    public ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId? parentId, CancellationToken cancellationToken = default)
    {
        var parent = parentId?.Value;
        return ListAsync(customers => customers.Where(c => c.ParentId == parent), cancellationToken);
    }

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Customers.LongCountAsync(cancellationToken);
    }

    /// <summary>
    /// A page of customers in the BINARY order of the id column (the bytes of its UTF-8), which both the comparison with
    /// <paramref name="after"/> and the ORDER BY use, so that consecutive pages neither skip nor repeat a customer. EF Core's SQLite
    /// provider turns <c>string.Compare(c.Id, after) &gt; 0</c> into <c>"Id" &gt; @after</c>. Not re-sorted ordinally as the other
    /// lists are: ordinal order differs from the column's for some text beyond the basic plane.
    /// </summary>
    public async ValueTask<IReadOnlyList<Customer>> ListPageAsync(CustomerId? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ICustomerRepository.MaxPageSize);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.AsNoTracking();
        if (after is { } last)
        {
            var lastId = last.Value;
            customers = customers.Where(c => string.Compare(c.Id, lastId) > 0);
        }

        var rows = await customers.OrderBy(c => c.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(ToAggregate)];
    }

    protected override CustomerRow ToRow(Customer customer) => new()
    {
        Id = customer.Id.Value,
        Version = customer.Version,
        Snapshot = customer.ToSnapshot(),
        ParentId = customer.ParentId?.Value,
        ClassId = customer.ClassId?.Value,
        NameKey = CustomerNames.Normalise(customer.Name),
    };

    protected override Customer ToAggregate(CustomerRow row) => Customer.Restore(row.Snapshot with { Version = row.Version });

    protected override CustomerId IdOf(Customer aggregate) => aggregate.Id;

    protected override long VersionOf(Customer aggregate) => aggregate.Version;

    protected override Customer WithVersion(Customer aggregate, long version) => aggregate.WithVersion(version);

    protected override string UniqueValue(Customer aggregate) => aggregate.Name;

    protected override IEnumerable<(string Field, string Kind, Type Row, string? Id)> References(Customer aggregate) =>
    [
        ("Customer.ParentId", "customer", typeof(CustomerRow), aggregate.ParentId?.Value),
        ("Customer.ClassId", "customer class", typeof(CustomerClassRow), aggregate.ClassId?.Value),
    ];

    protected override async Task<string?> FirstReferrerAsync(BillingDbContext db, string id, CancellationToken cancellationToken)
        => await FirstAsync(db.Customers.Where(c => c.ParentId == id), "Customer", cancellationToken)
            ?? await FirstAsync(db.Accounts.Where(a => a.OwnerId == id), "Account", cancellationToken)
            ?? await FirstAsync(db.Numbers.Where(n => n.OwnerId == id), "Number", cancellationToken)
            ?? await FirstAsync(db.Services.Where(s => s.OwnerId == id), "Service", cancellationToken)
            ?? await FirstAsync(db.Invoices.Where(i => i.CustomerId == id), "Invoice", cancellationToken);
}
