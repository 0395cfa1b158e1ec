using Billing.Core.Identity;
using Billing.Core.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite.Repositories;

/// <summary>
/// What every SQLite repository does alike: one table per aggregate holding the id, the key columns that queries, unique keys and
/// foreign keys need, the version and the snapshot as JSON. Reads run on pooled connections; writes go through the store's writer,
/// guarded by the version (<c>UPDATE … WHERE id = $id AND version = $expected</c>), with unique keys and references enforced by
/// the database and its errors mapped to the core's exceptions.
/// </summary>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TId">Its id.</typeparam>
internal abstract class SqliteRepository<TAggregate, TId> : IRepository<TAggregate, TId>
    where TAggregate : class
    where TId : struct, IBillingId<TId>
{
    // SQLite's extended result codes for the constraints this store relies on.
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;
    private const int ForeignKeyViolation = 787;

    private readonly SqliteWriter _writer;
    private readonly string _select;
    private readonly string _selectVersion;
    private readonly string _insert;
    private readonly string _update;
    private readonly string _delete;
    private readonly string[] _insertParameters;
    private readonly string[] _updateParameters;

    protected SqliteRepository(SqliteDatabase database, SqliteWriter writer, string table, params string[] keyColumns)
    {
        Database = database;
        _writer = writer;
        Table = table;
        var keys = keyColumns.Select(c => "$" + c).ToArray();
        _select = $"SELECT version, snapshot FROM {table} WHERE id = $id";
        _selectVersion = $"SELECT version FROM {table} WHERE id = $id";
        _insert = $"INSERT INTO {table} (id, {string.Concat(keyColumns.Select(c => c + ", "))}version, snapshot) VALUES ($id, {string.Concat(keys.Select(k => k + ", "))}$version, $snapshot)";
        _update = $"UPDATE {table} SET {string.Concat(keyColumns.Select(c => $"{c} = ${c}, "))}version = $version, snapshot = $snapshot WHERE id = $id AND version = $expected";
        _delete = $"DELETE FROM {table} WHERE id = $id AND version = $expected";
        _insertParameters = ["$id", .. keys, "$version", "$snapshot"];
        _updateParameters = ["$id", .. keys, "$version", "$snapshot", "$expected"];
    }

    /// <summary>The aggregate's name in error messages, e.g. <c>Customer</c>.</summary>
    protected abstract string EntityType { get; }

    /// <summary>The unique key (besides the id) a unique violation of this table is about, e.g. <c>Name</c>.</summary>
    protected virtual string UniqueKey => "Name";

    /// <summary>The columns this table refers to other aggregates by: column, the snapshot field, the referenced type and table.</summary>
    protected virtual (string Column, string Field, string Type, string Table)[] References => [];

    /// <summary>What may refer to this aggregate, in the order a refused delete names them: type, table, column.</summary>
    protected virtual (string Type, string Table, string Column)[] ReferencedBy => [];

    protected SqliteDatabase Database { get; }

    protected string Table { get; }

    public ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Database.Read(nameof(FindAsync), connection =>
        {
            using var command = connection.Command(_select, "$id").With(id.Value);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Restore(reader.GetString(1), reader.GetInt64(0)) : null;
        }));
    }

    public ValueTask<TAggregate> AddAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (VersionOf(aggregate) != 0)
        {
            throw new ArgumentException(
                $"{EntityType} {IdOf(aggregate)} has version {VersionOf(aggregate)}; only a new aggregate (version 0) can be added. Use UpdateAsync to change a stored one.",
                nameof(aggregate));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var stored = WithVersion(aggregate, 1);
        var values = Values(stored, 1);
        return new ValueTask<TAggregate>(_writer.WriteAsync(new RepositoryWrite<TAggregate>(
            nameof(AddAsync),
            batch =>
            {
                CheckRules(batch, stored);
                batch.Prepared(_insert, _insertParameters).With(values).ExecuteNonQuery();
                return stored;
            },
            (batch, e) => WriteRefusal(batch, e, stored),
            cancellationToken)));
    }

    public ValueTask<TAggregate> UpdateAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        cancellationToken.ThrowIfCancellationRequested();
        var expected = VersionOf(aggregate);
        var stored = WithVersion(aggregate, expected + 1);
        object?[] values = [.. Values(stored, expected + 1), expected];
        return new ValueTask<TAggregate>(_writer.WriteAsync(new RepositoryWrite<TAggregate>(
            nameof(UpdateAsync),
            batch => Update(batch, stored, values, expected),
            (batch, e) => WriteRefusal(batch, e, stored),
            cancellationToken)));
    }

    public ValueTask DeleteAsync(TId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask(_writer.WriteAsync(new RepositoryWrite<bool>(
            nameof(DeleteAsync),
            batch =>
            {
                CheckDeletable(batch, id, expectedVersion);
                return batch.Prepared(_delete, "$id", "$expected").With(id.Value, expectedVersion).ExecuteNonQuery() == 1
                    ? true
                    : throw Conflict(batch, id, expectedVersion);
            },
            (batch, e) => e.SqliteExtendedErrorCode == ForeignKeyViolation ? Referenced(batch, id) : null,
            cancellationToken)));
    }

    /// <summary>The stored aggregates a query selects (its WHERE clause and parameters), ordered by id.</summary>
    protected ValueTask<IReadOnlyList<TAggregate>> ListAsync(string operation, string where, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Database.Read<IReadOnlyList<TAggregate>>(operation, connection =>
        {
            using var command = connection.Command($"SELECT id, version, snapshot FROM {Table} WHERE {where}", [.. parameters.Select(p => p.Name)])
                .With([.. parameters.Select(p => p.Value)]);
            using var reader = command.ExecuteReader();
            var found = new List<(string Id, TAggregate Aggregate)>();
            while (reader.Read())
            {
                found.Add((reader.GetString(0), Restore(reader.GetString(2), reader.GetInt64(1))));
            }

            // Ordinal, as ids compare everywhere else (SQLite's BINARY order differs from it for some non-BMP text).
            return [.. found.OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => f.Aggregate)];
        }));
    }

    /// <summary>Queues a write of this repository with the store's writer: it runs in a savepoint of the writer's transaction,
    /// a <see cref="BillingException"/> it throws refuses only it, and a constraint error of SQLite is mapped for
    /// <paramref name="candidate"/> as the other writes of this repository map it.</summary>
    protected Task<T> WriteAsync<T>(string operation, TAggregate candidate, Func<WriteBatch, T> write, CancellationToken cancellationToken)
        => _writer.WriteAsync(new RepositoryWrite<T>(operation, write, (batch, e) => WriteRefusal(batch, e, candidate), cancellationToken));

    /// <summary>Inside a batch's transaction: replaces the stored row of <paramref name="aggregate"/> if its version is still
    /// <paramref name="aggregate"/>'s, and returns the aggregate as stored (the next version).</summary>
    /// <exception cref="ConcurrencyConflictException">The stored version differs, or the row is gone; nothing was written.</exception>
    protected TAggregate UpdateInBatch(WriteBatch batch, TAggregate aggregate)
    {
        var expected = VersionOf(aggregate);
        var stored = WithVersion(aggregate, expected + 1);
        return Update(batch, stored, [.. Values(stored, expected + 1), expected], expected);
    }

    /// <summary>Reads aggregates of this table inside a batch's transaction (rules that look at other rows).</summary>
    protected List<TAggregate> ReadInBatch(WriteBatch batch, string where, string[] parameters, object?[] values)
    {
        using var reader = batch.Prepared($"SELECT version, snapshot FROM {Table} WHERE {where}", parameters).With(values).ExecuteReader();
        var found = new List<TAggregate>();
        while (reader.Read())
        {
            found.Add(Restore(reader.GetString(1), reader.GetInt64(0)));
        }

        return found;
    }

    protected abstract TId IdOf(TAggregate aggregate);

    protected abstract long VersionOf(TAggregate aggregate);

    protected abstract TAggregate WithVersion(TAggregate aggregate, long version);

    /// <summary>The aggregate's snapshot as JSON.</summary>
    protected abstract string Serialize(TAggregate aggregate);

    /// <summary>The aggregate from its stored snapshot; <paramref name="version"/> is the version column.</summary>
    protected abstract TAggregate Restore(string snapshot, long version);

    /// <summary>The key columns' values, in the order of the constructor's key columns.</summary>
    protected abstract object?[] KeyValues(TAggregate aggregate);

    /// <summary>The value of the unique key a unique violation names.</summary>
    protected virtual string UniqueValue(TAggregate aggregate) => IdOf(aggregate).Value;

    /// <summary>Rules that need other stored rows, checked inside the write's transaction (writers are serialised, so this is race-free).</summary>
    protected virtual void CheckRules(WriteBatch batch, TAggregate candidate)
    {
    }

    /// <summary>Rules a delete must meet besides the version and the references, checked inside the write's transaction before
    /// the row is deleted; throw a <see cref="BillingException"/> to refuse.</summary>
    protected virtual void CheckDeletable(WriteBatch batch, TId id, long expectedVersion)
    {
    }

    private TAggregate Update(WriteBatch batch, TAggregate stored, object?[] values, long expected)
    {
        if (batch.Prepared(_update, _updateParameters).With(values).ExecuteNonQuery() == 0)
        {
            throw Conflict(batch, IdOf(stored), expected);
        }

        CheckRules(batch, stored);
        return stored;
    }

    private object?[] Values(TAggregate stored, long version) => [IdOf(stored).Value, .. KeyValues(stored), version, Serialize(stored)];

    private ConcurrencyConflictException Conflict(WriteBatch batch, TId id, long expected)
    {
        var actual = batch.Prepared(_selectVersion, "$id").With(id.Value).ExecuteScalar();
        return new ConcurrencyConflictException(EntityType, id.Value, expected, actual is long version ? version : null);
    }

    private Exception? WriteRefusal(WriteBatch batch, SqliteException e, TAggregate candidate)
    {
        switch (e.SqliteExtendedErrorCode)
        {
            case PrimaryKeyViolation:
                return new DuplicateEntityException(EntityType, "Id", IdOf(candidate).Value);
            case UniqueViolation:
                return new DuplicateEntityException(EntityType, UniqueKey, UniqueValue(candidate));
            case ForeignKeyViolation:
                var values = KeyValues(candidate);
                foreach (var (column, field, type, table) in References)
                {
                    if (values[KeyIndex(column)] is string referenced
                        && batch.Prepared($"SELECT 1 FROM {table} WHERE id = $id", "$id").With(referenced).ExecuteScalar() is null)
                    {
                        return new BillingRuleException(field, referenced, $"{EntityType} {IdOf(candidate)} refers to {type} {referenced}, which is not stored");
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private ReferencedEntityException? Referenced(WriteBatch batch, TId id)
    {
        foreach (var (type, table, column) in ReferencedBy)
        {
            if (batch.Prepared($"SELECT id FROM {table} WHERE {column} = $id ORDER BY id LIMIT 1", "$id").With(id.Value).ExecuteScalar() is string referrer)
            {
                return new ReferencedEntityException(EntityType, id.Value, $"{type} {referrer}");
            }
        }

        return null;
    }

    private int KeyIndex(string column) => Array.IndexOf(_insertParameters, "$" + column) - 1;
}
