using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Services;

namespace Billing.Core.Storage.InMemory;

/// <summary>Customers in memory; names unique among siblings after <see cref="CustomerNames.Normalise"/>.</summary>
internal sealed class InMemoryCustomerRepository : InMemoryRepository<Customer, CustomerId>, ICustomerRepository
{
    protected override string EntityType => "Customer";

    public ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId? parentId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Where(c => Nullable.Equals(c.ParentId, parentId)));
    }

    protected override void CheckUnique(Customer candidate, IEnumerable<Customer> stored)
    {
        var name = CustomerNames.Normalise(candidate.Name);
        if (stored.Any(c => c.Id != candidate.Id && Nullable.Equals(c.ParentId, candidate.ParentId) && CustomerNames.Normalise(c.Name) == name))
        {
            throw new DuplicateEntityException(EntityType, "Name", candidate.Name);
        }
    }

    protected override CustomerId IdOf(Customer aggregate) => aggregate.Id;

    protected override long VersionOf(Customer aggregate) => aggregate.Version;

    protected override Customer WithVersion(Customer aggregate, long version) => aggregate.WithVersion(version);
}

/// <summary>Customer classes in memory; names unique per manager.</summary>
internal sealed class InMemoryCustomerClassRepository : InMemoryRepository<CustomerClass, CustomerClassId>, ICustomerClassRepository
{
    protected override string EntityType => "CustomerClass";

    public ValueTask<IReadOnlyList<CustomerClass>> ListByManagerAsync(ClassManager manager, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Where(c => c.ManagedBy == manager));
    }

    protected override void CheckUnique(CustomerClass candidate, IEnumerable<CustomerClass> stored)
    {
        try
        {
            candidate.EnsureNameUniqueAmong(stored);
        }
        catch (BillingRuleException)
        {
            throw new DuplicateEntityException(EntityType, "Name", candidate.Name);
        }
    }

    protected override CustomerClassId IdOf(CustomerClass aggregate) => aggregate.Id;

    protected override long VersionOf(CustomerClass aggregate) => aggregate.Version;

    protected override CustomerClass WithVersion(CustomerClass aggregate, long version) => aggregate.WithVersion(version);
}

/// <summary>Accounts in memory; aliases unique across all accounts, ignoring case.</summary>
internal sealed class InMemoryAccountRepository : InMemoryRepository<Account, AccountId>, IAccountRepository
{
    protected override string EntityType => "Account";

    public ValueTask<IReadOnlyList<Account>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Where(a => a.OwnerId == ownerId));
    }

    public ValueTask<Account?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        cancellationToken.ThrowIfCancellationRequested();
        var trimmed = alias.Trim();
        return ValueTask.FromResult(Where(a => string.Equals(a.Alias, trimmed, StringComparison.OrdinalIgnoreCase)).FirstOrDefault());
    }

    protected override void CheckUnique(Account candidate, IEnumerable<Account> stored)
    {
        try
        {
            candidate.EnsureAliasUniqueAmong(stored);
        }
        catch (BillingRuleException)
        {
            throw new DuplicateEntityException(EntityType, "Alias", candidate.Alias ?? string.Empty);
        }
    }

    protected override AccountId IdOf(Account aggregate) => aggregate.Id;

    protected override long VersionOf(Account aggregate) => aggregate.Version;

    protected override Account WithVersion(Account aggregate, long version) => aggregate.WithVersion(version);
}

/// <summary>Numbers in memory; an active number belongs to one customer at a time.</summary>
internal sealed class InMemoryNumberRepository : InMemoryRepository<Number, NumberId>, INumberRepository
{
    protected override string EntityType => "Number";

    public ValueTask<IReadOnlyList<Number>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Where(n => n.OwnerId == ownerId));
    }

    public ValueTask<IReadOnlyList<Number>> ListByPhoneNumberAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Where(n => n.Value == number));
    }

    protected override void CheckUnique(Number candidate, IEnumerable<Number> stored) => candidate.EnsureNotActiveElsewhere(stored);

    protected override NumberId IdOf(Number aggregate) => aggregate.Id;

    protected override long VersionOf(Number aggregate) => aggregate.Version;

    protected override Number WithVersion(Number aggregate, long version) => aggregate.WithVersion(version);
}

/// <summary>Services in memory.</summary>
internal sealed class InMemoryServiceRepository : InMemoryRepository<Service, ServiceId>, IServiceRepository
{
    protected override string EntityType => "Service";

    public ValueTask<IReadOnlyList<Service>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Where(s => s.OwnerId == ownerId));
    }

    protected override ServiceId IdOf(Service aggregate) => aggregate.Id;

    protected override long VersionOf(Service aggregate) => aggregate.Version;

    protected override Service WithVersion(Service aggregate, long version) => aggregate.WithVersion(version);
}
