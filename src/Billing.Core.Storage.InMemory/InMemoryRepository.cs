using System.Collections.Concurrent;
using Billing.Core.Identity;
using Billing.Core.Storage;

namespace Billing.Core.Storage.InMemory;

/// <summary>
/// The shared engine of the in-memory repositories: versioned writes, a hook for the unique keys each aggregate has besides
/// its id, and one for the entities that still refer to an aggregate being deleted. Writers take the database's one lock, and
/// every check and the write happen under it, so a refused write changes nothing; reads by id take no lock (the dictionary is a
/// concurrent one) and see the last write that completed.
/// </summary>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
/// <typeparam name="TId">Its id type.</typeparam>
/// <param name="database">The database whose write lock the repository shares.</param>
/// <param name="idOf">Reads an aggregate's id.</param>
/// <param name="versionOf">Reads an aggregate's version.</param>
/// <param name="withVersion">Returns the aggregate with another version.</param>
internal abstract class InMemoryRepository<TAggregate, TId>(
    InMemoryDatabase database,
    Func<TAggregate, TId> idOf,
    Func<TAggregate, long> versionOf,
    Func<TAggregate, long, TAggregate> withVersion) : IRepository<TAggregate, TId>
    where TAggregate : class
    where TId : struct, IBillingId<TId>
{
    private readonly Lock _gate = database.WriteGate;
    // Keyed by the id's text: ordinal string keys get the runtime's fast string hashing (randomised only if keys collide).
    private readonly ConcurrentDictionary<string, TAggregate> _items = new(StringComparer.Ordinal);

    /// <summary>The database the repository belongs to.</summary>
    protected InMemoryDatabase Database { get; } = database;

    /// <summary>The aggregate's name in error messages, e.g. <c>Customer</c>.</summary>
    protected abstract string EntityType { get; }

    public ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_items.GetValueOrDefault(id.Value));
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
        lock (_gate)
        {
            var id = IdOf(aggregate);
            if (_items.ContainsKey(id.Value))
            {
                throw new DuplicateEntityException(EntityType, "Id", id.ToString() ?? string.Empty);
            }

            CheckUnique(aggregate, Stored());
            var stored = WithVersion(aggregate, 1);
            _items[id.Value] = stored;
            return ValueTask.FromResult(stored);
        }
    }

    public ValueTask<TAggregate> UpdateAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var id = IdOf(aggregate);
            EnsureVersion(id, VersionOf(aggregate));
            CheckUnique(aggregate, Stored());
            var stored = WithVersion(aggregate, VersionOf(aggregate) + 1);
            _items[id.Value] = stored;
            return ValueTask.FromResult(stored);
        }
    }

    public ValueTask DeleteAsync(TId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            EnsureVersion(id, expectedVersion);
            CheckNotReferenced(id);
            _items.TryRemove(id.Value, out _);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The stored aggregates that match, ordered by id.</summary>
    protected IReadOnlyList<TAggregate> Where(Func<TAggregate, bool> predicate)
    {
        lock (_gate)
        {
            return Stored().Where(predicate).OrderBy(a => IdOf(a).ToString(), StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The first stored aggregate that matches, or null; the caller holds the database's write lock.</summary>
    internal TAggregate? FirstStoredLocked(Func<TAggregate, bool> predicate) => Stored().OrderBy(a => IdOf(a).ToString(), StringComparer.Ordinal).FirstOrDefault(predicate);

    /// <summary>Throws <see cref="ReferencedEntityException"/> when stored entities still refer to <paramref name="id"/> (called under the lock).</summary>
    protected virtual void CheckNotReferenced(TId id)
    {
    }

    /// <summary>Throws <see cref="ReferencedEntityException"/> naming <paramref name="referrer"/> when it is not null.</summary>
    protected void Refuse<TReferrer>(TId id, string referrerType, TReferrer? referrer, Func<TReferrer, string> referrerId)
        where TReferrer : class
    {
        if (referrer is not null)
        {
            throw new ReferencedEntityException(EntityType, id.ToString() ?? string.Empty, $"{referrerType} {referrerId(referrer)}");
        }
    }

    /// <summary>Throws when <paramref name="candidate"/> would share a unique key with another stored aggregate (called under the lock).</summary>
    protected virtual void CheckUnique(TAggregate candidate, IEnumerable<TAggregate> stored)
    {
    }

    // Enumerates the dictionary in place; ConcurrentDictionary.Values would copy every aggregate first.
    private IEnumerable<TAggregate> Stored() => _items.Select(pair => pair.Value);

    private TId IdOf(TAggregate aggregate) => idOf(aggregate);

    private long VersionOf(TAggregate aggregate) => versionOf(aggregate);

    private TAggregate WithVersion(TAggregate aggregate, long version) => withVersion(aggregate, version);

    private void EnsureVersion(TId id, long expectedVersion)
    {
        if (!_items.TryGetValue(id.Value, out var current))
        {
            throw new ConcurrencyConflictException(EntityType, id.ToString() ?? string.Empty, expectedVersion, actualVersion: null);
        }

        if (VersionOf(current) != expectedVersion)
        {
            throw new ConcurrencyConflictException(EntityType, id.ToString() ?? string.Empty, expectedVersion, VersionOf(current));
        }
    }
}
