using System.Text.Json.Serialization.Metadata;
using Billing.Core.Customers;
using Npgsql;
using NpgsqlTypes;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>Customers; names unique among siblings after <see cref="CustomerNames.Normalise"/> (constraint <c>customers_name</c>).</summary>
internal sealed class PostgreSqlCustomerRepository(NpgsqlDataSource dataSource)
    : PostgreSqlRepository<Customer, CustomerId, CustomerSnapshot>(dataSource, "customers", "Customer", ("parent_id", NpgsqlDbType.Text), ("class_id", NpgsqlDbType.Text), ("name_key", NpgsqlDbType.Text)),
      ICustomerRepository
{
    protected override JsonTypeInfo<CustomerSnapshot> JsonType => BillingJsonContext.Default.CustomerSnapshot;

    public ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId? parentId, CancellationToken cancellationToken = default)
        => parentId is { } parent
            ? ListAsync($"{Select} WHERE parent_id = $1 ORDER BY id COLLATE \"C\"", cancellationToken, Text(parent.Value))
            : ListAsync($"{Select} WHERE parent_id IS NULL ORDER BY id COLLATE \"C\"", cancellationToken);

    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => CountRowsAsync(cancellationToken);

    /// <summary>A page of customers in the byte order of their ids (<c>COLLATE "C"</c>, which the index <c>customers_by_id_bytes</c>
    /// serves), used by both the comparison with <paramref name="after"/> and the ORDER BY, so that consecutive pages neither skip
    /// nor repeat a customer whatever the database's default collation.</summary>
    public ValueTask<IReadOnlyList<Customer>> ListPageAsync(CustomerId? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ICustomerRepository.MaxPageSize);
        cancellationToken.ThrowIfCancellationRequested();
        var size = new NpgsqlParameter<int> { TypedValue = limit };
        return after is { } last
            ? ListAsync($"{Select} WHERE id COLLATE \"C\" > $1 ORDER BY id COLLATE \"C\" LIMIT $2", cancellationToken, Text(last.Value), size)
            : ListAsync($"{Select} ORDER BY id COLLATE \"C\" LIMIT $1", cancellationToken, size);
    }

    protected override CustomerSnapshot ToSnapshot(Customer aggregate) => aggregate.ToSnapshot();

    protected override Customer Restore(CustomerSnapshot snapshot) => Customer.Restore(snapshot);

    protected override CustomerSnapshot WithVersion(CustomerSnapshot snapshot, long version) => snapshot with { Version = version };

    protected override long VersionOf(CustomerSnapshot snapshot) => snapshot.Version;

    protected override CustomerId IdOf(CustomerSnapshot snapshot) => snapshot.Id;

    protected override IEnumerable<(string Field, string? Text)> Texts(CustomerSnapshot snapshot)
    {
        yield return ("Customer.Name", snapshot.Name);
        yield return ("Customer.Email", snapshot.Email);
        yield return ("Customer.Language", snapshot.Language);
        foreach (var field in snapshot.CustomData.Keys)
        {
            yield return ("Customer.CustomData", field);
        }
    }

    protected override object?[] KeyValues(CustomerSnapshot snapshot) => [snapshot.ParentId?.Value, snapshot.ClassId?.Value, CustomerNames.Normalise(snapshot.Name)];

    protected override (string Type, string Table, string Column)? Referrer(string? constraint) => constraint switch
    {
        "customers_parent" => ("Customer", "customers", "parent_id"),
        "accounts_owner" => ("Account", "accounts", "owner_id"),
        "numbers_owner" => ("Number", "numbers", "owner_id"),
        "services_owner" => ("Service", "services", "owner_id"),
        "invoices_customer" => ("Invoice", "invoices", "customer_id"),
        _ => null,
    };

    protected override ValueTask<Exception?> KeyViolationAsync(string? constraint, CustomerSnapshot candidate, CancellationToken cancellationToken)
        => ValueTask.FromResult<Exception?>(constraint == "customers_name" ? new DuplicateEntityException(EntityType, "Name", candidate.Name) : null);

    protected override (string Field, string? Value) MissingReference(string? constraint, CustomerSnapshot candidate)
        => constraint == "customers_class" ? ("Customer.ClassId", candidate.ClassId?.Value) : ("Customer.ParentId", candidate.ParentId?.Value);
}
