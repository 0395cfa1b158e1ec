using System.Collections.Concurrent;
using System.Collections.Immutable;
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
    // Written under the lock: every id in ordinal order (for pages), and the ids of each group (see GroupOf), so that lists by
    // owner and the checks among siblings cost the size of the group, not of the whole store.
    // An AVL tree that knows its positions: a page starts with a binary search and reads its ids by index, O(limit · log n).
    private ImmutableSortedSet<string> _ids = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _groups = new(StringComparer.Ordinal);

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

            CheckReferences(aggregate);
            CheckUnique(aggregate, Stored());
            var stored = WithVersion(aggregate, 1);
            _items[id.Value] = stored;
            _ids = _ids.Add(id.Value);
            Join(GroupOf(stored), id.Value);
            Indexed(null, stored);
            return ValueTask.FromResult(stored);
        }
    }

    public ValueTask<TAggregate> UpdateAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Update(aggregate));
    }

    /// <summary>Replaces a stored aggregate if its version matches (see <see cref="UpdateAsync"/>); takes the database's
    /// re-entrant lock.</summary>
    protected TAggregate Update(TAggregate aggregate)
    {
        lock (_gate)
        {
            var id = IdOf(aggregate);
            var previous = EnsureVersion(id, VersionOf(aggregate));
            CheckReferences(aggregate);
            CheckUnique(aggregate, Stored());
            var stored = WithVersion(aggregate, VersionOf(aggregate) + 1);
            _items[id.Value] = stored;
            MoveGroup(GroupOf(previous), GroupOf(stored), id.Value);
            Indexed(previous, stored);
            return stored;
        }
    }

    public ValueTask DeleteAsync(TId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var previous = EnsureVersion(id, expectedVersion);
            CheckNotReferenced(id);
            _items.TryRemove(id.Value, out _);
            _ids = _ids.Remove(id.Value);
            Leave(GroupOf(previous), id.Value);
            Indexed(previous, null);
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

    /// <summary>How many aggregates are stored.</summary>
    protected int Count => _items.Count;

    /// <summary>The stored aggregate with an id, or null.</summary>
    protected TAggregate? Find(TId id) => _items.GetValueOrDefault(id.Value);

    /// <summary>The stored aggregates of one group (see <see cref="GroupOf"/>), ordered by id.</summary>
    protected IReadOnlyList<TAggregate> InGroup(string group)
    {
        lock (_gate)
        {
            return InGroupLocked(group);
        }
    }

    /// <summary>The stored aggregates of one group, ordered by id; the caller holds the database's write lock.</summary>
    protected IReadOnlyList<TAggregate> InGroupLocked(string group)
        => _groups.TryGetValue(group, out var ids) ? ids.Select(id => _items[id]).ToArray() : [];

    /// <summary>Up to <paramref name="limit"/> stored aggregates whose ids follow <paramref name="after"/> in ordinal order.</summary>
    protected IReadOnlyList<TAggregate> Page(string? after, int limit)
    {
        lock (_gate)
        {
            var page = new List<TAggregate>(Math.Min(limit, _ids.Count));
            var start = 0;
            if (after is not null)
            {
                var found = _ids.IndexOf(after);
                start = found >= 0 ? found + 1 : ~found;
            }

            for (var i = start; i < _ids.Count && page.Count < limit; i++)
            {
                page.Add(_items[_ids[i]]);
            }

            return page;
        }
    }

    /// <summary>Called under the lock after every write — (null, added), (before, after) or (deleted, null) — for indexes of a
    /// repository's own, such as unique keys.</summary>
    protected virtual void Indexed(TAggregate? previous, TAggregate? current)
    {
    }

    /// <summary>The group an aggregate belongs to (e.g. its owner's id), or null for none; lists and sibling checks read a group
    /// through <see cref="InGroup"/> instead of every stored aggregate.</summary>
    protected virtual string? GroupOf(TAggregate aggregate) => null;

    /// <summary>The first stored aggregate that matches, or null; the caller holds the database's write lock.</summary>
    internal TAggregate? FirstStoredLocked(Func<TAggregate, bool> predicate) => Stored().OrderBy(a => IdOf(a).ToString(), StringComparer.Ordinal).FirstOrDefault(predicate);

    /// <summary>Whether an aggregate with this id is stored.</summary>
    internal bool Holds(TId id) => _items.ContainsKey(id.Value);

    /// <summary>Throws the <see cref="BillingRuleException"/> of the referring field when <paramref name="candidate"/> refers to
    /// an entity that is not stored (called under the lock, so the entity cannot be deleted meanwhile).</summary>
    protected virtual void CheckReferences(TAggregate candidate)
    {
    }

    /// <summary>Throws the <see cref="BillingRuleException"/> of <paramref name="field"/> when <paramref name="referenced"/> is
    /// set and <paramref name="repository"/> (of <paramref name="type"/>, e.g. "customer") does not hold it.</summary>
    protected void RequireStored<TOther, TOtherId>(TAggregate candidate, string field, TOtherId? referenced, string type, InMemoryRepository<TOther, TOtherId> repository)
        where TOther : class
        where TOtherId : struct, IBillingId<TOtherId>
    {
        if (referenced is { } id && !repository.Holds(id))
        {
            throw new BillingRuleException(field, id.Value, $"{EntityType} {IdOf(candidate)} refers to {type} {id.Value}, which is not stored");
        }
    }

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

    private void Join(string? group, string id)
    {
        if (group is null)
        {
            return;
        }

        if (!_groups.TryGetValue(group, out var ids))
        {
            _groups[group] = ids = new SortedSet<string>(StringComparer.Ordinal);
        }

        ids.Add(id);
    }

    private void Leave(string? group, string id)
    {
        if (group is not null && _groups.TryGetValue(group, out var ids) && ids.Remove(id) && ids.Count == 0)
        {
            _groups.Remove(group);
        }
    }

    private void MoveGroup(string? from, string? to, string id)
    {
        if (!string.Equals(from, to, StringComparison.Ordinal))
        {
            Leave(from, id);
            Join(to, id);
        }
    }

    private TId IdOf(TAggregate aggregate) => idOf(aggregate);

    private long VersionOf(TAggregate aggregate) => versionOf(aggregate);

    private TAggregate WithVersion(TAggregate aggregate, long version) => withVersion(aggregate, version);

    private TAggregate EnsureVersion(TId id, long expectedVersion)
    {
        if (!_items.TryGetValue(id.Value, out var current))
        {
            throw new ConcurrencyConflictException(EntityType, id.ToString() ?? string.Empty, expectedVersion, actualVersion: null);
        }

        if (VersionOf(current) != expectedVersion)
        {
            throw new ConcurrencyConflictException(EntityType, id.ToString() ?? string.Empty, expectedVersion, VersionOf(current));
        }

        return current;
    }
}
