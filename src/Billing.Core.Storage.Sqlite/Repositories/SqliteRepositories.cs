using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Billing.Core.Storage.Sqlite.Writing;

namespace Billing.Core.Storage.Sqlite.Repositories;

/// <summary>Customers: names unique among siblings after <see cref="CustomerNames.Normalise"/> (a unique index, roots included).</summary>
internal sealed class SqliteCustomerRepository(SqliteDatabase database, SqliteWriter writer)
    : SqliteRepository<Customer, CustomerId>(database, writer, "customers", "parent_id", "class_id", "name_key"), ICustomerRepository
{
    private static readonly string[] PageAfterParameters = ["$after", "$limit"];
    private static readonly string[] PageParameters = ["$limit"];

    protected override string EntityType => "Customer";

    protected override (string Column, string Field, string Type, string Table)[] References =>
        [("parent_id", "Customer.ParentId", "customer", "customers"), ("class_id", "Customer.ClassId", "customer class", "customer_classes")];

    protected override (string Type, string Table, string Column)[] ReferencedBy =>
        [
            ("Customer", "customers", "parent_id"), ("Account", "accounts", "owner_id"), ("Number", "numbers", "owner_id"), ("Service", "services", "owner_id"),
            ("Invoice", "invoices", "customer_id"),
        ];

    public ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId? parentId, CancellationToken cancellationToken = default)
        => parentId is { } parent
            ? ListAsync(nameof(ListChildrenAsync), "parent_id = $parent", [("$parent", parent.Value)], cancellationToken)
            : ListAsync(nameof(ListChildrenAsync), "parent_id IS NULL", [], cancellationToken);

    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Database.Read(nameof(CountAsync), connection =>
        {
            using var command = connection.Command("SELECT count(*) FROM customers");
            return (long)command.ExecuteScalar()!;
        }));
    }

    /// <summary>A page of customers in the BINARY order of the id column (the bytes of its UTF-8), which both the comparison with
    /// <paramref name="after"/> and the ORDER BY use, so that consecutive pages neither skip nor repeat a customer. It is not
    /// re-sorted ordinally as the other lists are: ordinal order differs from it for some text beyond the BMP.</summary>
    public ValueTask<IReadOnlyList<Customer>> ListPageAsync(CustomerId? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ICustomerRepository.MaxPageSize);
        cancellationToken.ThrowIfCancellationRequested();
        var (sql, parameters, values) = after is { } last
            ? ("SELECT version, snapshot FROM customers WHERE id > $after ORDER BY id LIMIT $limit", PageAfterParameters, new object?[] { last.Value, limit })
            : ("SELECT version, snapshot FROM customers ORDER BY id LIMIT $limit", PageParameters, new object?[] { limit });
        return ValueTask.FromResult(Database.Read<IReadOnlyList<Customer>>(nameof(ListPageAsync), connection =>
        {
            using var command = connection.Command(sql, parameters).With(values);
            using var reader = command.ExecuteReader();
            var page = new List<Customer>(Math.Min(limit, 256));
            while (reader.Read())
            {
                page.Add(Restore(reader.GetString(1), reader.GetInt64(0)));
            }

            return page;
        }));
    }

    protected override CustomerId IdOf(Customer aggregate) => aggregate.Id;

    protected override long VersionOf(Customer aggregate) => aggregate.Version;

    protected override Customer WithVersion(Customer aggregate, long version) => aggregate.WithVersion(version);

    protected override string Serialize(Customer aggregate) => SnapshotJson.Write(aggregate.ToSnapshot());

    protected override Customer Restore(string snapshot, long version) => Customer.Restore(SnapshotJson.ReadCustomer(snapshot) with { Version = version });

    protected override object?[] KeyValues(Customer aggregate) => [aggregate.ParentId?.Value, aggregate.ClassId?.Value, CustomerNames.Normalise(aggregate.Name)];

    protected override string UniqueValue(Customer aggregate) => aggregate.Name;
}

/// <summary>Customer classes: names unique per manager, ignoring case and spacing (a unique index on the manager and the name's key).</summary>
internal sealed class SqliteCustomerClassRepository(SqliteDatabase database, SqliteWriter writer)
    : SqliteRepository<CustomerClass, CustomerClassId>(database, writer, "customer_classes", "manager_key", "name_key"), ICustomerClassRepository
{
    protected override string EntityType => "CustomerClass";

    protected override (string Type, string Table, string Column)[] ReferencedBy => [("Customer", "customers", "class_id")];

    public ValueTask<IReadOnlyList<CustomerClass>> ListByManagerAsync(ClassManager manager, CancellationToken cancellationToken = default)
        => ListAsync(nameof(ListByManagerAsync), "manager_key = $manager", [("$manager", ManagerKey(manager))], cancellationToken);

    protected override CustomerClassId IdOf(CustomerClass aggregate) => aggregate.Id;

    protected override long VersionOf(CustomerClass aggregate) => aggregate.Version;

    protected override CustomerClass WithVersion(CustomerClass aggregate, long version) => aggregate.WithVersion(version);

    protected override string Serialize(CustomerClass aggregate) => SnapshotJson.Write(aggregate.ToSnapshot());

    protected override CustomerClass Restore(string snapshot, long version) => CustomerClass.Restore(SnapshotJson.ReadCustomerClass(snapshot) with { Version = version });

    protected override object?[] KeyValues(CustomerClass aggregate) => [ManagerKey(aggregate.ManagedBy), CustomerClass.NameKey(aggregate.Name)];

    protected override string UniqueValue(CustomerClass aggregate) => aggregate.Name;

    private static string ManagerKey(ClassManager manager) => manager.ResellerId?.Value ?? string.Empty;
}

/// <summary>Accounts: aliases unique across all accounts ignoring case (a unique index on the alias in upper case).</summary>
internal sealed class SqliteAccountRepository(SqliteDatabase database, SqliteWriter writer)
    : SqliteRepository<Account, AccountId>(database, writer, "accounts", "owner_id", "alias_key"), IAccountRepository
{
    protected override string EntityType => "Account";

    protected override string UniqueKey => "Alias";

    protected override (string Column, string Field, string Type, string Table)[] References => [("owner_id", "Account.OwnerId", "customer", "customers")];

    protected override (string Type, string Table, string Column)[] ReferencedBy => [("Number", "numbers", "account_id")];

    public ValueTask<IReadOnlyList<Account>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
        => ListAsync(nameof(ListByOwnerAsync), "owner_id = $owner", [("$owner", ownerId.Value)], cancellationToken);

    public async ValueTask<Account?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var found = await ListAsync(nameof(FindByAliasAsync), "alias_key = $alias", [("$alias", Account.AliasKey(alias.Trim()))], cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    protected override AccountId IdOf(Account aggregate) => aggregate.Id;

    protected override long VersionOf(Account aggregate) => aggregate.Version;

    protected override Account WithVersion(Account aggregate, long version) => aggregate.WithVersion(version);

    protected override string Serialize(Account aggregate) => SnapshotJson.Write(aggregate.ToSnapshot());

    protected override Account Restore(string snapshot, long version) => Account.Restore(SnapshotJson.ReadAccount(snapshot) with { Version = version });

    protected override object?[] KeyValues(Account aggregate) => [aggregate.OwnerId.Value, aggregate.Alias is { } alias ? Account.AliasKey(alias) : null];

    protected override string UniqueValue(Account aggregate) => aggregate.Alias ?? string.Empty;
}

/// <summary>
/// Numbers: an active number belongs to one customer at a time. The rule is <see cref="Number.EnsureNotActiveElsewhere"/>, checked
/// against the other records of the same E.164 number inside the write's transaction; SQLite serialises writers (of every process),
/// so no other write can slip in between the check and the write.
/// </summary>
internal sealed class SqliteNumberRepository(SqliteDatabase database, SqliteWriter writer)
    : SqliteRepository<Number, NumberId>(database, writer, "numbers", "owner_id", "account_id", "e164"), INumberRepository
{
    private static readonly string[] OthersParameters = ["$e164", "$id"];

    protected override string EntityType => "Number";

    protected override (string Column, string Field, string Type, string Table)[] References =>
        [("owner_id", "Number.OwnerId", "customer", "customers"), ("account_id", "Number.AccountId", "account", "accounts")];

    public ValueTask<IReadOnlyList<Number>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
        => ListAsync(nameof(ListByOwnerAsync), "owner_id = $owner", [("$owner", ownerId.Value)], cancellationToken);

    public ValueTask<IReadOnlyList<Number>> ListByPhoneNumberAsync(PhoneNumber number, CancellationToken cancellationToken = default)
        => ListAsync(nameof(ListByPhoneNumberAsync), "e164 = $e164", [("$e164", number.Value)], cancellationToken);

    protected override NumberId IdOf(Number aggregate) => aggregate.Id;

    protected override long VersionOf(Number aggregate) => aggregate.Version;

    protected override Number WithVersion(Number aggregate, long version) => aggregate.WithVersion(version);

    protected override string Serialize(Number aggregate) => SnapshotJson.Write(aggregate.ToSnapshot());

    protected override Number Restore(string snapshot, long version) => Number.Restore(SnapshotJson.ReadNumber(snapshot) with { Version = version });

    protected override object?[] KeyValues(Number aggregate) => [aggregate.OwnerId.Value, aggregate.AccountId?.Value, aggregate.Value.Value];

    protected override void CheckRules(WriteBatch batch, Number candidate)
        => candidate.EnsureNotActiveElsewhere(ReadInBatch(batch, "e164 = $e164 AND id <> $id", OthersParameters, [candidate.Value.Value, candidate.Id.Value]));
}

/// <summary>Services.</summary>
internal sealed class SqliteServiceRepository(SqliteDatabase database, SqliteWriter writer)
    : SqliteRepository<Service, ServiceId>(database, writer, "services", "owner_id"), IServiceRepository
{
    protected override string EntityType => "Service";

    protected override (string Column, string Field, string Type, string Table)[] References => [("owner_id", "Service.OwnerId", "customer", "customers")];

    public ValueTask<IReadOnlyList<Service>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
        => ListAsync(nameof(ListByOwnerAsync), "owner_id = $owner", [("$owner", ownerId.Value)], cancellationToken);

    protected override ServiceId IdOf(Service aggregate) => aggregate.Id;

    protected override long VersionOf(Service aggregate) => aggregate.Version;

    protected override Service WithVersion(Service aggregate, long version) => aggregate.WithVersion(version);

    protected override string Serialize(Service aggregate) => SnapshotJson.Write(aggregate.ToSnapshot());

    protected override Service Restore(string snapshot, long version) => Service.Restore(SnapshotJson.ReadService(snapshot) with { Version = version });

    protected override object?[] KeyValues(Service aggregate) => [aggregate.OwnerId.Value];
}
