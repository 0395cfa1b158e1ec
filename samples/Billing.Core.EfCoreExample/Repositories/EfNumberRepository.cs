using Billing.Core.Customers;
using Billing.Core.EfCoreExample.Rows;
using Billing.Core.Numbers;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>
/// Numbers: an active number belongs to one customer at a time. No index can say that (dates overlapping), so the rule is the
/// library's <see cref="Number.EnsureNotActiveElsewhere"/>, checked against the other records of the same E.164 number inside the
/// write's transaction, which on SQLite holds the database's write lock: no other write can slip in between.
/// </summary>
internal sealed class EfNumberRepository(IDbContextFactory<BillingDbContext> contexts)
    : EfRepository<Number, NumberId, NumberRow>(contexts), INumberRepository
{
    protected override string EntityType => "Number";

    public ValueTask<IReadOnlyList<Number>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        var owner = ownerId.Value;
        return ListAsync(numbers => numbers.Where(n => n.OwnerId == owner), cancellationToken);
    }

    public ValueTask<IReadOnlyList<Number>> ListByPhoneNumberAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        var e164 = number.Value;
        return ListAsync(numbers => numbers.Where(n => n.PhoneNumber == e164), cancellationToken);
    }

    protected override NumberRow ToRow(Number number) => new()
    {
        Id = number.Id.Value,
        Version = number.Version,
        Snapshot = number.ToSnapshot(),
        OwnerId = number.OwnerId.Value,
        AccountId = number.AccountId?.Value,
        PhoneNumber = number.Value.Value,
    };

    protected override Number ToAggregate(NumberRow row) => Number.Restore(row.Snapshot with { Version = row.Version });

    protected override NumberId IdOf(Number aggregate) => aggregate.Id;

    protected override long VersionOf(Number aggregate) => aggregate.Version;

    protected override Number WithVersion(Number aggregate, long version) => aggregate.WithVersion(version);

    protected override IEnumerable<(string Field, string Kind, Type Row, string? Id)> References(Number aggregate) =>
    [
        ("Number.OwnerId", "customer", typeof(CustomerRow), aggregate.OwnerId.Value),
        ("Number.AccountId", "account", typeof(AccountRow), aggregate.AccountId?.Value),
    ];

    protected override async Task CheckAsync(BillingDbContext db, Number candidate, CancellationToken cancellationToken)
    {
        var (e164, id) = (candidate.Value.Value, candidate.Id.Value);
        var others = await db.Numbers.AsNoTracking().Where(n => n.PhoneNumber == e164 && n.Id != id).ToListAsync(cancellationToken);
        candidate.EnsureNotActiveElsewhere(others.Select(ToAggregate));
    }
}
