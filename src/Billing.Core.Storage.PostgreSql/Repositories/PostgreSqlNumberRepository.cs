using System.Text.Json.Serialization.Metadata;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Npgsql;
using NodaTime;
using NpgsqlTypes;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>
/// Numbers; an active E.164 number belongs to one customer at a time, held by the exclusion constraint <c>numbers_active</c>
/// (so it holds under concurrency too). When the database refuses a write, the records it clashed with are read back and
/// <see cref="Number.EnsureNotActiveElsewhere"/> throws the rule's own exception.
/// </summary>
internal sealed class PostgreSqlNumberRepository(NpgsqlDataSource dataSource)
    : PostgreSqlRepository<Number, NumberId, NumberSnapshot>(
        dataSource,
        "numbers",
        "Number",
        ("owner_id", NpgsqlDbType.Text),
        ("account_id", NpgsqlDbType.Text),
        ("phone_number", NpgsqlDbType.Text),
        ("sold_day", NpgsqlDbType.Integer),
        ("ceased_day", NpgsqlDbType.Integer)),
      INumberRepository
{
    protected override JsonTypeInfo<NumberSnapshot> JsonType => BillingJsonContext.Default.NumberSnapshot;

    public ValueTask<IReadOnlyList<Number>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
        => ListAsync($"{Select} WHERE owner_id = $1 ORDER BY id COLLATE \"C\"", cancellationToken, Text(ownerId.Value));

    public ValueTask<IReadOnlyList<Number>> ListByPhoneNumberAsync(PhoneNumber number, CancellationToken cancellationToken = default)
        => ListAsync($"{Select} WHERE phone_number = $1 ORDER BY id COLLATE \"C\"", cancellationToken, Text(number.Value));

    protected override NumberSnapshot ToSnapshot(Number aggregate) => aggregate.ToSnapshot();

    protected override Number Restore(NumberSnapshot snapshot) => Number.Restore(snapshot);

    protected override NumberSnapshot WithVersion(NumberSnapshot snapshot, long version) => snapshot with { Version = version };

    protected override long VersionOf(NumberSnapshot snapshot) => snapshot.Version;

    protected override NumberId IdOf(NumberSnapshot snapshot) => snapshot.Id;

    protected override IEnumerable<(string Field, string? Text)> Texts(NumberSnapshot snapshot)
        => [("Number.Tariff", snapshot.Tariff), .. FeatureNames("Number", snapshot.Features)];

    protected override object?[] KeyValues(NumberSnapshot snapshot)
        => [snapshot.OwnerId.Value, snapshot.AccountId?.Value, snapshot.Value.Value, DateColumns.Day(snapshot.DateSold), snapshot.DateCeased is { } ceased ? DateColumns.Day(ceased) : null];

    protected override async ValueTask<Exception?> KeyViolationAsync(string? constraint, NumberSnapshot candidate, CancellationToken cancellationToken)
    {
        if (constraint != "numbers_active")
        {
            return null;
        }

        var others = await ListByPhoneNumberAsync(candidate.Value, cancellationToken).ConfigureAwait(false);
        try
        {
            Number.Restore(candidate).EnsureNotActiveElsewhere(others);
        }
        catch (BillingRuleException rule)
        {
            return rule;
        }

        // The record it clashed with was changed or removed since: the write may be tried again. The candidate carries the
        // version it would have stored; the write expected the one before.
        return ConcurrencyConflictException.WrittenMeanwhile(
            EntityType,
            candidate.Id.Value,
            candidate.Version - 1,
            $"a record of {candidate.Value.Value} it clashed with was changed or removed by another writer; read again and retry");
    }

    protected override (string Field, string? Value) MissingReference(string? constraint, NumberSnapshot candidate)
        => constraint == "numbers_account" ? ("Number.AccountId", candidate.AccountId?.Value) : ("Number.OwnerId", candidate.OwnerId.Value);
}
