using System.Text.Json.Serialization.Metadata;
using Billing.Core.CustomerClasses;
using Npgsql;
using NpgsqlTypes;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>Customer classes; names unique per manager ignoring case and spacing (constraint <c>customer_classes_name</c>).</summary>
internal sealed class PostgreSqlCustomerClassRepository(NpgsqlDataSource dataSource)
    : PostgreSqlRepository<CustomerClass, CustomerClassId, CustomerClassSnapshot>(dataSource, "customer_classes", "CustomerClass", ("manager_id", NpgsqlDbType.Text), ("name_key", NpgsqlDbType.Text)),
      ICustomerClassRepository
{
    protected override JsonTypeInfo<CustomerClassSnapshot> JsonType => BillingJsonContext.Default.CustomerClassSnapshot;

    public ValueTask<IReadOnlyList<CustomerClass>> ListByManagerAsync(ClassManager manager, CancellationToken cancellationToken = default)
        => manager.ResellerId is { } reseller
            ? ListAsync($"{Select} WHERE manager_id = $1 ORDER BY id COLLATE \"C\"", cancellationToken, Text(reseller.Value))
            : ListAsync($"{Select} WHERE manager_id IS NULL ORDER BY id COLLATE \"C\"", cancellationToken);

    protected override CustomerClassSnapshot ToSnapshot(CustomerClass aggregate) => aggregate.ToSnapshot();

    protected override CustomerClass Restore(CustomerClassSnapshot snapshot) => CustomerClass.Restore(snapshot);

    protected override CustomerClassSnapshot WithVersion(CustomerClassSnapshot snapshot, long version) => snapshot with { Version = version };

    protected override long VersionOf(CustomerClassSnapshot snapshot) => snapshot.Version;

    protected override CustomerClassId IdOf(CustomerClassSnapshot snapshot) => snapshot.Id;

    protected override IEnumerable<(string Field, string? Text)> Texts(CustomerClassSnapshot snapshot)
        =>
        [
            ("CustomerClass.Name", snapshot.Name),
            ("CustomerClass.Description", snapshot.Description),
            ("CustomerClass.BusinessModel", snapshot.BusinessModel),
            ("CustomerClass.InvoiceTemplate", snapshot.InvoiceTemplate),
            ("CustomerClass.NotificationList", snapshot.NotificationList),
        ];

    protected override object?[] KeyValues(CustomerClassSnapshot snapshot) => [snapshot.ManagedBy.ResellerId?.Value, CustomerClass.NameKey(snapshot.Name)];

    protected override (string Type, string Table, string Column)? Referrer(string? constraint)
        => constraint == "customers_class" ? ("Customer", "customers", "class_id") : null;

    protected override ValueTask<Exception?> KeyViolationAsync(string? constraint, CustomerClassSnapshot candidate, CancellationToken cancellationToken)
        => ValueTask.FromResult<Exception?>(constraint == "customer_classes_name" ? new DuplicateEntityException(EntityType, "Name", candidate.Name) : null);

    protected override (string Field, string? Value) MissingReference(string? constraint, CustomerClassSnapshot candidate)
        => ("CustomerClass.ManagedBy", candidate.ManagedBy.ToString());
}
