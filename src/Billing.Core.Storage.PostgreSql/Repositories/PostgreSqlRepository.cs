using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Billing.Core.Identity;
using Npgsql;
using NpgsqlTypes;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>
/// The shared engine of the PostgreSQL repositories: a row per aggregate holding its snapshot as jsonb beside its key columns,
/// versioned writes (<c>UPDATE … WHERE id = … AND version = …</c>), and the database's own unique keys, exclusion constraint and
/// foreign keys mapped to the library's exceptions. Every value reaches SQL as a parameter; the statements are built once from
/// the table's fixed column names.
/// </summary>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TId">Its id.</typeparam>
/// <typeparam name="TSnapshot">Its snapshot, the jsonb column.</typeparam>
internal abstract class PostgreSqlRepository<TAggregate, TId, TSnapshot> : IRepository<TAggregate, TId>
    where TAggregate : class
    where TId : struct, IBillingId<TId>
    where TSnapshot : class
{
    private readonly string _find;
    private readonly string _insert;
    private readonly string _update;
    private readonly string _delete;
    private readonly string _version;

    protected PostgreSqlRepository(NpgsqlDataSource dataSource, string table, string entityType, params (string Name, NpgsqlDbType Type)[] keyColumns)
    {
        DataSource = dataSource;
        Table = table;
        EntityType = entityType;
        KeyColumns = keyColumns;
        var keys = string.Concat(keyColumns.Select(k => ", " + k.Name));
        var keyParameters = string.Concat(keyColumns.Select((_, i) => $", ${i + 3}"));
        var keySets = string.Concat(keyColumns.Select((k, i) => $", {k.Name} = ${i + 4}"));
        Select = $"SELECT version, snapshot::text FROM {table}";
        _find = $"{Select} WHERE id = $1";
        _insert = $"INSERT INTO {table} (id, version, snapshot{keys}) VALUES ($1, 1, $2::jsonb{keyParameters})";
        _update = $"UPDATE {table} SET version = version + 1, snapshot = $3::jsonb{keySets} WHERE id = $1 AND version = $2";
        _delete = $"DELETE FROM {table} WHERE id = $1 AND version = $2";
        _version = $"SELECT version FROM {table} WHERE id = $1";
    }

    protected NpgsqlDataSource DataSource { get; }

    protected string Table { get; }

    /// <summary>The aggregate's name in exceptions, e.g. <c>Customer</c>.</summary>
    protected string EntityType { get; }

    /// <summary>The start of a query reading aggregates: <c>SELECT version, snapshot FROM table</c>.</summary>
    protected string Select { get; }

    private (string Name, NpgsqlDbType Type)[] KeyColumns { get; }

    protected abstract JsonTypeInfo<TSnapshot> JsonType { get; }

    public async ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
        => await ListAsync(_find, cancellationToken, Text(id.Value)).ConfigureAwait(false) is [var found] ? found : null;

    public async ValueTask<TAggregate> AddAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var snapshot = ToSnapshot(aggregate);
        if (VersionOf(snapshot) != 0)
        {
            throw new ArgumentException(
                $"{EntityType} {IdOf(snapshot)} has version {VersionOf(snapshot)}; only a new aggregate (version 0) can be added. Use UpdateAsync to change a stored one.",
                nameof(aggregate));
        }

        CheckTexts(snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = WithVersion(snapshot, 1);
        await WriteAsync(nameof(AddAsync), stored, _insert, [Text(IdOf(stored).Value), Json(stored), .. Keys(stored)], cancellationToken).ConfigureAwait(false);
        return Restore(stored);
    }

    public async ValueTask<TAggregate> UpdateAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = ToSnapshot(aggregate);
        CheckTexts(snapshot);
        var expected = VersionOf(snapshot);
        var stored = WithVersion(snapshot, expected + 1);
        var id = IdOf(stored);
        var rows = await WriteAsync(nameof(UpdateAsync), stored, _update, [Text(id.Value), Bigint(expected), Json(stored), .. Keys(stored)], cancellationToken).ConfigureAwait(false);
        if (rows == 0)
        {
            throw await ConflictAsync(id, expected, cancellationToken).ConfigureAwait(false);
        }

        return Restore(stored);
    }

    public async ValueTask DeleteAsync(TId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await CheckDeletableAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
        int rows;
        try
        {
            rows = await ExecuteAsync(_delete, cancellationToken, Text(id.Value), Bigint(expectedVersion)).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgreSqlErrors.ForeignKeyViolation && Referrer(e.ConstraintName) is { } referrer)
        {
            var referrerId = await FirstReferrerAsync(referrer.Table, referrer.Column, id.Value, cancellationToken).ConfigureAwait(false);
            throw new ReferencedEntityException(EntityType, id.Value, $"{referrer.Type} {referrerId}");
        }

        if (rows == 0)
        {
            throw await ConflictAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    protected abstract TSnapshot ToSnapshot(TAggregate aggregate);

    protected abstract TAggregate Restore(TSnapshot snapshot);

    protected abstract TSnapshot WithVersion(TSnapshot snapshot, long version);

    protected abstract long VersionOf(TSnapshot snapshot);

    protected abstract TId IdOf(TSnapshot snapshot);

    /// <summary>
    /// Every free text of the snapshot that the aggregate's <c>Restore</c> keeps as it is given (names, descriptions, aliases,
    /// feature names, custom data keys), each with the field it is. Values built by the domain's own factories (ids, addresses,
    /// custom field values and definitions, phone numbers) are checked there and need not be listed.
    /// </summary>
    protected abstract IEnumerable<(string Field, string? Text)> Texts(TSnapshot snapshot);

    /// <summary>The values of the key columns, in the order given to the constructor (null for SQL NULL).</summary>
    protected abstract object?[] KeyValues(TSnapshot snapshot);

    /// <summary>
    /// Rules a delete must meet besides the version and the references; throw a <see cref="BillingException"/> to refuse. Checked
    /// on the row at <paramref name="expectedVersion"/> before the delete, which removes only that version: a row changed in between
    /// has another version, and the delete is then a <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    protected virtual ValueTask CheckDeletableAsync(TId id, long expectedVersion, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The entity type, table and column that a foreign key refusing this aggregate's delete belongs to.</summary>
    protected virtual (string Type, string Table, string Column)? Referrer(string? constraint) => null;

    /// <summary>The exception for a unique or exclusion constraint this aggregate's write broke, or null for an unknown one.</summary>
    protected abstract ValueTask<Exception?> KeyViolationAsync(string? constraint, TSnapshot candidate, CancellationToken cancellationToken);

    /// <summary>The field a foreign key refusing this aggregate's write names (e.g. <c>Account.OwnerId</c>), and what it refers to.</summary>
    protected abstract (string Field, string? Value) MissingReference(string? constraint, TSnapshot candidate);

    /// <summary>Counts the rows of the aggregate's table.</summary>
    protected async ValueTask<long> CountRowsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = Command($"SELECT count(*) FROM {Table}", []);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e) && e is not OperationCanceledException)
        {
            throw new StorageUnavailableException($"{EntityType} read", outcomeKnown: true, e);
        }
    }

    /// <summary>Reads the aggregates a query returns (its columns: <see cref="Select"/>).</summary>
    protected async ValueTask<IReadOnlyList<TAggregate>> ListAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var found = new List<TAggregate>();
        try
        {
            await using var command = Command(sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var snapshot = JsonSerializer.Deserialize(reader.GetString(1), JsonType)
                    ?? throw new InvalidDataException($"{EntityType} row holds a null snapshot.");
                found.Add(Restore(WithVersion(snapshot, reader.GetInt64(0))));
            }
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e) && e is not OperationCanceledException)
        {
            throw new StorageUnavailableException($"{EntityType} read", outcomeKnown: true, e);
        }

        return found;
    }

    /// <summary>The names of an aggregate's features, as fields for <see cref="Texts"/>.</summary>
    protected static IEnumerable<(string Field, string? Text)> FeatureNames(string entityType, IReadOnlyList<Billing.Core.Features.FeatureSnapshot> features)
        => features.Select((f, i) => ($"{entityType}.Features[{i}].Name", (string?)f.Name));

    protected static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    protected static NpgsqlParameter Bigint(long value) => new NpgsqlParameter<long> { TypedValue = value };

    private NpgsqlParameter Json(TSnapshot snapshot) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = JsonSerializer.Serialize(snapshot, JsonType) };

    private IEnumerable<NpgsqlParameter> Keys(TSnapshot snapshot)
        => KeyValues(snapshot).Select((value, i) => new NpgsqlParameter { NpgsqlDbType = KeyColumns[i].Type, Value = value ?? DBNull.Value });

    private NpgsqlCommand Command(string sql, NpgsqlParameter[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private async ValueTask<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        try
        {
            await using var command = Command(sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e) && e is not (OperationCanceledException or PostgresException { SqlState: PostgreSqlErrors.ForeignKeyViolation }))
        {
            // A single statement commits on its own: if the connection was lost while it ran, it may or may not have.
            throw new StorageUnavailableException($"{EntityType} write", outcomeKnown: false, e);
        }
    }

    private async ValueTask<int> WriteAsync(string operation, TSnapshot candidate, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgreSqlErrors.UniqueViolation or PostgreSqlErrors.ExclusionViolation)
        {
            if (e.ConstraintName == $"{Table}_pkey")
            {
                throw new DuplicateEntityException(EntityType, "Id", IdOf(candidate).Value);
            }

            throw await KeyViolationAsync(e.ConstraintName, candidate, cancellationToken).ConfigureAwait(false) ?? e;
        }
        catch (PostgresException e) when (e.SqlState == PostgreSqlErrors.ForeignKeyViolation)
        {
            var (field, value) = MissingReference(e.ConstraintName, candidate);
            throw new BillingRuleException(field, value, "no such entity is stored; store what it refers to first");
        }
        catch (PostgresException e) when (e.SqlState is "22P05" or "22021" or "22P02")
        {
            throw new BillingRuleException($"{EntityType} ({operation})", IdOf(candidate).Value, "PostgreSQL text cannot hold the character U+0000 or an unpaired UTF-16 surrogate");
        }
    }

    /// <summary>
    /// Inside a transaction the caller holds on <paramref name="connection"/>: replaces the stored row if its version is still
    /// <paramref name="expected"/> (<paramref name="stored"/> carries the next one, its texts already checked). False when no row
    /// was at that version; the database's refusals (keys, references) are mapped as <see cref="UpdateAsync"/> maps them.
    /// </summary>
    protected async ValueTask<bool> TryUpdateAsync(NpgsqlConnection connection, TSnapshot stored, long expected, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_update, connection);
        NpgsqlParameter[] parameters = [Text(IdOf(stored).Value), Bigint(expected), Json(stored), .. Keys(stored)];
        command.Parameters.AddRange(parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (PostgresException e) when (e.SqlState is PostgreSqlErrors.UniqueViolation or PostgreSqlErrors.ExclusionViolation)
        {
            throw await KeyViolationAsync(e.ConstraintName, stored, cancellationToken).ConfigureAwait(false) ?? e;
        }
        catch (PostgresException e) when (e.SqlState == PostgreSqlErrors.ForeignKeyViolation)
        {
            var (field, value) = MissingReference(e.ConstraintName, stored);
            throw new BillingRuleException(field, value, "no such entity is stored; store what it refers to first");
        }
    }

    /// <summary>Refuses, before anything is sent, text PostgreSQL cannot store exactly (see <see cref="PostgreSqlText"/>).</summary>
    protected void CheckTexts(TSnapshot snapshot)
    {
        foreach (var (field, text) in Texts(snapshot))
        {
            PostgreSqlText.Check(text, field);
        }
    }

    /// <summary>The <see cref="ConcurrencyConflictException"/> of a versioned write that changed no row, naming the stored version.</summary>
    protected async ValueTask<ConcurrencyConflictException> ConflictAsync(TId id, long expected, CancellationToken cancellationToken)
    {
        long? actual = null;
        try
        {
            await using var command = Command(_version, [Text(id.Value)]);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long stored)
            {
                actual = stored;
            }
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e) && e is not OperationCanceledException)
        {
            throw new StorageUnavailableException($"{EntityType} write", outcomeKnown: true, e);
        }

        return new ConcurrencyConflictException(EntityType, id.Value, expected, actual);
    }

    private async ValueTask<string> FirstReferrerAsync(string table, string column, string id, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT id FROM {table} WHERE {column} = $1 ORDER BY id COLLATE \"C\" LIMIT 1", [Text(id)]);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? "(removed meanwhile)";
    }
}
