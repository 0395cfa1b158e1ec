using System.Text.Json.Serialization.Metadata;
using Billing.Core.Customers;
using Billing.Core.Services;
using Npgsql;
using NpgsqlTypes;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>Services.</summary>
internal sealed class PostgreSqlServiceRepository(NpgsqlDataSource dataSource)
    : PostgreSqlRepository<Service, ServiceId, ServiceSnapshot>(dataSource, "services", "Service", ("owner_id", NpgsqlDbType.Text)), IServiceRepository
{
    protected override JsonTypeInfo<ServiceSnapshot> JsonType => BillingJsonContext.Default.ServiceSnapshot;

    public ValueTask<IReadOnlyList<Service>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
        => ListAsync($"{Select} WHERE owner_id = $1 ORDER BY id COLLATE \"C\"", cancellationToken, Text(ownerId.Value));

    protected override ServiceSnapshot ToSnapshot(Service aggregate) => aggregate.ToSnapshot();

    protected override Service Restore(ServiceSnapshot snapshot) => Service.Restore(snapshot);

    protected override ServiceSnapshot WithVersion(ServiceSnapshot snapshot, long version) => snapshot with { Version = version };

    protected override long VersionOf(ServiceSnapshot snapshot) => snapshot.Version;

    protected override ServiceId IdOf(ServiceSnapshot snapshot) => snapshot.Id;

    protected override IEnumerable<(string Field, string? Text)> Texts(ServiceSnapshot snapshot)
        =>
        [
            ("Service.ServiceType", snapshot.ServiceType),
            ("Service.Name", snapshot.Name),
            ("Service.Description", snapshot.Description),
            .. FeatureNames("Service", snapshot.Features),
        ];

    protected override object?[] KeyValues(ServiceSnapshot snapshot) => [snapshot.OwnerId.Value];

    protected override ValueTask<Exception?> KeyViolationAsync(string? constraint, ServiceSnapshot candidate, CancellationToken cancellationToken)
        => ValueTask.FromResult<Exception?>(null);

    protected override (string Field, string? Value) MissingReference(string? constraint, ServiceSnapshot candidate) => ("Service.OwnerId", candidate.OwnerId.Value);
}
