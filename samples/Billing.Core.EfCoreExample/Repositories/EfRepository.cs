using Billing.Core.EfCoreExample.Rows;
using Billing.Core.Identity;
using Billing.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>
/// What every repository does alike on EF Core. Each operation creates its own <see cref="BillingDbContext"/> from the pooled
/// factory (a context is not thread-safe; the repositories must be). Writes compare the version through the concurrency token and
/// turn the database's refusals into the library's exceptions; nothing is written when they throw.
/// </summary>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TId">Its id.</typeparam>
/// <typeparam name="TRow">Its row.</typeparam>
/// <param name="contexts">Creates the contexts.</param>
internal abstract class EfRepository<TAggregate, TId, TRow>(IDbContextFactory<BillingDbContext> contexts) : IRepository<TAggregate, TId>
    where TAggregate : class
    where TId : struct, IBillingId<TId>
    where TRow : AggregateRow, new()
{
    /// <summary>The aggregate's name in exceptions, e.g. <c>Customer</c>.</summary>
    protected abstract string EntityType { get; }

    /// <summary>The unique key besides the id that a unique index of the table guards, e.g. <c>Name</c>.</summary>
    protected virtual string UniqueKey => "Name";

    public async ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<TRow>().FindAsync([id.Value], cancellationToken) is { } row ? ToAggregate(row) : null;
    }

    public async ValueTask<TAggregate> AddAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (VersionOf(aggregate) != 0)
        {
            throw new ArgumentException(
                $"{EntityType} {IdOf(aggregate)} has version {VersionOf(aggregate)}; only a new aggregate (version 0) can be added. Use UpdateAsync to change a stored one.",
                nameof(aggregate));
        }

        var stored = WithVersion(aggregate, 1);
        await SaveAsync(stored, 0, db => db.Set<TRow>().Add(ToRow(stored)), cancellationToken);
        return stored;
    }

    public async ValueTask<TAggregate> UpdateAsync(TAggregate aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var expected = VersionOf(aggregate);
        var stored = WithVersion(aggregate, expected + 1);
        await SaveAsync(
            stored,
            expected,
            db =>
            {
                // Every column, with the next version. The concurrency token compares the version as read:
                // UPDATE … SET …, "Version" = @next WHERE "Id" = @id AND "Version" = @expected.
                var entry = db.Set<TRow>().Update(ToRow(stored));
                entry.Property(r => r.Version).OriginalValue = expected;
            },
            cancellationToken);
        return stored;
    }

    public async ValueTask DeleteAsync(TId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CheckDeletableAsync(db, id.Value, expectedVersion, cancellationToken);

        // DELETE … WHERE "Id" = @id AND "Version" = @expected: the key and the token are all a delete needs.
        db.Set<TRow>().Remove(new TRow { Id = id.Value, Version = expectedVersion });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(EntityType, id.Value, expectedVersion, await StoredVersionAsync(db, id.Value, cancellationToken));
        }
        catch (DbUpdateException e) when (SqliteErrors.Code(e) is SqliteErrors.ForeignKey)
        {
            // A foreign key refused the delete: name the first row that still refers to this one.
            var referrer = await FirstReferrerAsync(db, id.Value, cancellationToken);
            if (referrer is null)
            {
                throw;
            }

            throw new ReferencedEntityException(EntityType, id.Value, referrer);
        }
    }

    /// <summary>Stages an add or an update and saves it in one transaction, mapping what the database refuses.</summary>
    private async Task SaveAsync(TAggregate stored, long expected, Action<BillingDbContext> stage, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // One transaction, so that a rule reading other rows (numbers) and the version read after a conflict see what the write
        // saw. On SQLite it begins IMMEDIATE: it takes the database's write lock, and no other writer can slip in before the commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        stage(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // No row had the expected version: name the stored one (null when the row is gone).
            throw new ConcurrencyConflictException(EntityType, IdOf(stored).Value, expected, await StoredVersionAsync(db, IdOf(stored).Value, cancellationToken));
        }
        catch (DbUpdateException e) when (SqliteErrors.Code(e) is SqliteErrors.PrimaryKey)
        {
            throw new DuplicateEntityException(EntityType, "Id", IdOf(stored).Value);
        }
        catch (DbUpdateException e) when (SqliteErrors.Code(e) is SqliteErrors.Unique)
        {
            throw new DuplicateEntityException(EntityType, UniqueKey, UniqueValue(stored));
        }
        catch (DbUpdateException e) when (SqliteErrors.Code(e) is SqliteErrors.ForeignKey)
        {
            var missing = await MissingReferenceAsync(db, stored, cancellationToken);
            if (missing is null)
            {
                throw;
            }

            throw missing;
        }

        await CheckAsync(db, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The stored aggregates a query selects, ordered by id.</summary>
    protected async ValueTask<IReadOnlyList<TAggregate>> ListAsync(Func<IQueryable<TRow>, IQueryable<TRow>> query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await query(db.Set<TRow>().AsNoTracking()).ToListAsync(cancellationToken);

        // Ordinal, as ids compare everywhere else (SQLite's BINARY order differs from it for some text beyond the basic plane).
        return [.. rows.OrderBy(r => r.Id, StringComparer.Ordinal).Select(ToAggregate)];
    }

    /// <summary>The first of <paramref name="rows"/> by id, as <c>Type id</c>, or null when there is none.</summary>
    protected static async Task<string?> FirstAsync<TOther>(IQueryable<TOther> rows, string type, CancellationToken cancellationToken)
        where TOther : AggregateRow
        => await rows.OrderBy(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken) is { } id ? $"{type} {id}" : null;

    /// <summary>The row that stores <paramref name="aggregate"/>: its keys, its version and its snapshot.</summary>
    protected abstract TRow ToRow(TAggregate aggregate);

    /// <summary>The aggregate a row stores; its version is the row's.</summary>
    protected abstract TAggregate ToAggregate(TRow row);

    protected abstract TId IdOf(TAggregate aggregate);

    protected abstract long VersionOf(TAggregate aggregate);

    protected abstract TAggregate WithVersion(TAggregate aggregate, long version);

    /// <summary>The value of <see cref="UniqueKey"/> a refused write names.</summary>
    protected virtual string UniqueValue(TAggregate aggregate) => IdOf(aggregate).Value;

    /// <summary>What the aggregate refers to: the field, the kind of aggregate, its row type and its id (null when none).</summary>
    protected virtual IEnumerable<(string Field, string Kind, Type Row, string? Id)> References(TAggregate aggregate) => [];

    /// <summary>The first stored row that refers to the aggregate with id <paramref name="id"/>, as <c>Type id</c>, or null.</summary>
    protected virtual Task<string?> FirstReferrerAsync(BillingDbContext db, string id, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>
    /// Rules a delete must meet besides the version and the references, checked on the row at <paramref name="expectedVersion"/>
    /// before the delete (throw a <see cref="BillingException"/> to refuse). The delete removes only that version: a row changed
    /// in between has another, and the delete is then a <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    protected virtual Task CheckDeletableAsync(BillingDbContext db, string id, long expectedVersion, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Rules that read other stored rows, checked inside the write's transaction after the write.</summary>
    protected virtual Task CheckAsync(BillingDbContext db, TAggregate candidate, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The stored version of the row with id <paramref name="id"/>, or null when there is none.</summary>
    protected async Task<long?> StoredVersionAsync(BillingDbContext db, string id, CancellationToken cancellationToken)
        => await db.Set<TRow>().Where(r => r.Id == id).Select(r => (long?)r.Version).SingleOrDefaultAsync(cancellationToken);

    private async Task<BillingRuleException?> MissingReferenceAsync(BillingDbContext db, TAggregate aggregate, CancellationToken cancellationToken)
    {
        foreach (var (field, kind, row, id) in References(aggregate))
        {
            if (id is not null && await db.FindAsync(row, [id], cancellationToken) is null)
            {
                return new BillingRuleException(field, id, $"{EntityType} {IdOf(aggregate)} refers to {kind} {id}, which is not stored");
            }
        }

        return null;
    }
}
