using Billing.Core.Customers;
using Billing.Core.EfCoreExample.Rows;
using Billing.Core.Services;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>Services.</summary>
internal sealed class EfServiceRepository(IDbContextFactory<BillingDbContext> contexts)
    : EfRepository<Service, ServiceId, ServiceRow>(contexts), IServiceRepository
{
    protected override string EntityType => "Service";

    public ValueTask<IReadOnlyList<Service>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        var owner = ownerId.Value;
        return ListAsync(services => services.Where(s => s.OwnerId == owner), cancellationToken);
    }

    protected override ServiceRow ToRow(Service service) => new()
    {
        Id = service.Id.Value,
        Version = service.Version,
        Snapshot = service.ToSnapshot(),
        OwnerId = service.OwnerId.Value,
    };

    protected override Service ToAggregate(ServiceRow row) => Service.Restore(row.Snapshot with { Version = row.Version });

    protected override ServiceId IdOf(Service aggregate) => aggregate.Id;

    protected override long VersionOf(Service aggregate) => aggregate.Version;

    protected override Service WithVersion(Service aggregate, long version) => aggregate.WithVersion(version);

    protected override IEnumerable<(string Field, string Kind, Type Row, string? Id)> References(Service aggregate) =>
        [("Service.OwnerId", "customer", typeof(CustomerRow), aggregate.OwnerId.Value)];
}
