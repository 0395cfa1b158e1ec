using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Services;

namespace Billing.Core.Storage.InMemory;

/// <summary>Customers in memory; names unique among siblings after <see cref="CustomerNames.Normalise"/>.</summary>
internal sealed class InMemoryCustomerRepository(InMemoryDatabase database)
    : InMemoryRepository<Customer, CustomerId>(database, a => a.Id, a => a.Version, (a, v) => a.WithVersion(v)), ICustomerRepository
{
    // Written under the database's lock (see Indexed): the normalised name of every customer among its siblings.
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    protected override string EntityType => "Customer";

    public ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId? parentId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(InGroup(ParentGroup(parentId)));
    }

    public ValueTask<IReadOnlyList<Customer>> ListPageAsync(CustomerId? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ICustomerRepository.MaxPageSize);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Page(after?.Value, limit));
    }

    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult((long)Count);
    }

    protected override string? GroupOf(Customer aggregate) => ParentGroup(aggregate.ParentId);

    protected override void CheckReferences(Customer candidate)
    {
        RequireStored(candidate, "Customer.ParentId", candidate.ParentId, "customer", this);
        RequireStored(candidate, "Customer.ClassId", candidate.ClassId, "customer class", Database.Classes);
    }

    // Roots share the group of the empty text, which no id can be.
    private static string ParentGroup(CustomerId? parentId) => parentId?.Value ?? string.Empty;

    protected override void CheckNotReferenced(CustomerId id)
    {
        Refuse(id, "Customer", FirstStoredLocked(c => c.ParentId == id), c => c.Id.Value);
        Refuse(id, "Account", Database.Accounts.FirstStoredLocked(a => a.OwnerId == id), a => a.Id.Value);
        Refuse(id, "Number", Database.Numbers.FirstStoredLocked(n => n.OwnerId == id), n => n.Id.Value);
        Refuse(id, "Service", Database.Services.FirstStoredLocked(x => x.OwnerId == id), x => x.Id.Value);
        Refuse(id, "Invoice", Database.Invoices.FirstStoredLocked(x => x.CustomerId == id), x => x.Id.Value);
    }

    protected override void CheckUnique(Customer candidate, IEnumerable<Customer> stored)
    {
        if (_names.TryGetValue(NameKey(candidate), out var holder) && holder != candidate.Id.Value)
        {
            throw new DuplicateEntityException(EntityType, "Name", candidate.Name);
        }
    }

    protected override void Indexed(Customer? previous, Customer? current)
    {
        if (previous is not null)
        {
            _names.Remove(NameKey(previous));
        }

        if (current is not null)
        {
            _names[NameKey(current)] = current.Id.Value;
        }
    }

    // Siblings' names are unique after normalisation: the key is the parent's group and the normalised name.
    private static string NameKey(Customer customer) => ParentGroup(customer.ParentId) + "\u0000" + CustomerNames.Normalise(customer.Name);
}

/// <summary>Customer classes in memory; names unique per manager.</summary>
internal sealed class InMemoryCustomerClassRepository(InMemoryDatabase database)
    : InMemoryRepository<CustomerClass, CustomerClassId>(database, a => a.Id, a => a.Version, (a, v) => a.WithVersion(v)), ICustomerClassRepository
{
    protected override string EntityType => "CustomerClass";

    public ValueTask<IReadOnlyList<CustomerClass>> ListByManagerAsync(ClassManager manager, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Where(c => c.ManagedBy == manager));
    }

    protected override void CheckNotReferenced(CustomerClassId id)
        => Refuse(id, "Customer", Database.Customers.FirstStoredLocked(c => c.ClassId == id), c => c.Id.Value);

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
}

/// <summary>Accounts in memory; aliases unique across all accounts, ignoring case.</summary>
internal sealed class InMemoryAccountRepository(InMemoryDatabase database)
    : InMemoryRepository<Account, AccountId>(database, a => a.Id, a => a.Version, (a, v) => a.WithVersion(v)), IAccountRepository
{
    protected override string EntityType => "Account";

    public ValueTask<IReadOnlyList<Account>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(InGroup(ownerId.Value));
    }

    protected override string? GroupOf(Account aggregate) => aggregate.OwnerId.Value;

    protected override void CheckReferences(Account candidate) => RequireStored(candidate, "Account.OwnerId", candidate.OwnerId, "customer", Database.Customers);

    public ValueTask<Account?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        cancellationToken.ThrowIfCancellationRequested();
        var trimmed = alias.Trim();
        return ValueTask.FromResult(Where(a => string.Equals(a.Alias, trimmed, StringComparison.OrdinalIgnoreCase)).FirstOrDefault());
    }

    protected override void CheckNotReferenced(AccountId id)
        => Refuse(id, "Number", Database.Numbers.FirstStoredLocked(n => n.AccountId == id), n => n.Id.Value);

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
}

/// <summary>Numbers in memory; an active number belongs to one customer at a time.</summary>
internal sealed class InMemoryNumberRepository(InMemoryDatabase database)
    : InMemoryRepository<Number, NumberId>(database, a => a.Id, a => a.Version, (a, v) => a.WithVersion(v)), INumberRepository
{
    protected override string EntityType => "Number";

    public ValueTask<IReadOnlyList<Number>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(InGroup(ownerId.Value));
    }

    protected override string? GroupOf(Number aggregate) => aggregate.OwnerId.Value;

    protected override void CheckReferences(Number candidate)
    {
        RequireStored(candidate, "Number.OwnerId", candidate.OwnerId, "customer", Database.Customers);
        RequireStored(candidate, "Number.AccountId", candidate.AccountId, "account", Database.Accounts);
    }

    public ValueTask<IReadOnlyList<Number>> ListByPhoneNumberAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Where(n => n.Value == number));
    }

    protected override void CheckUnique(Number candidate, IEnumerable<Number> stored) => candidate.EnsureNotActiveElsewhere(stored);
}

/// <summary>Services in memory.</summary>
internal sealed class InMemoryServiceRepository(InMemoryDatabase database)
    : InMemoryRepository<Service, ServiceId>(database, a => a.Id, a => a.Version, (a, v) => a.WithVersion(v)), IServiceRepository
{
    protected override string EntityType => "Service";

    public ValueTask<IReadOnlyList<Service>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(InGroup(ownerId.Value));
    }

    protected override string? GroupOf(Service aggregate) => aggregate.OwnerId.Value;

    protected override void CheckReferences(Service candidate) => RequireStored(candidate, "Service.OwnerId", candidate.OwnerId, "customer", Database.Customers);
}
