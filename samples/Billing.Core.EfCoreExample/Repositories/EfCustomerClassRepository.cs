using Billing.Core.CustomerClasses;
using Billing.Core.EfCoreExample.Rows;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>Customer classes: names unique per manager, ignoring case and spacing.</summary>
internal sealed class EfCustomerClassRepository(IDbContextFactory<BillingDbContext> contexts)
    : EfRepository<CustomerClass, CustomerClassId, CustomerClassRow>(contexts), ICustomerClassRepository
{
    protected override string EntityType => "CustomerClass";

    public ValueTask<IReadOnlyList<CustomerClass>> ListByManagerAsync(ClassManager manager, CancellationToken cancellationToken = default)
    {
        var managerId = manager.ResellerId?.Value;
        return ListAsync(classes => classes.Where(c => c.ManagerId == managerId), cancellationToken);
    }

    protected override CustomerClassRow ToRow(CustomerClass customerClass) => new()
    {
        Id = customerClass.Id.Value,
        Version = customerClass.Version,
        Snapshot = customerClass.ToSnapshot(),
        ManagerId = customerClass.ManagedBy.ResellerId?.Value,
        NameKey = CustomerClass.NameKey(customerClass.Name),
    };

    protected override CustomerClass ToAggregate(CustomerClassRow row) => CustomerClass.Restore(row.Snapshot with { Version = row.Version });

    protected override CustomerClassId IdOf(CustomerClass aggregate) => aggregate.Id;

    protected override long VersionOf(CustomerClass aggregate) => aggregate.Version;

    protected override CustomerClass WithVersion(CustomerClass aggregate, long version) => aggregate.WithVersion(version);

    protected override string UniqueValue(CustomerClass aggregate) => aggregate.Name;

    protected override Task<string?> FirstReferrerAsync(BillingDbContext db, string id, CancellationToken cancellationToken)
        => FirstAsync(db.Customers.Where(c => c.ClassId == id), "Customer", cancellationToken);
}
