namespace Billing.Core.Storage;

/// <summary>
/// What every aggregate repository offers: find by id, and writes guarded by the aggregate's version.
/// Hosts implement the per-aggregate interfaces (<c>ICustomerRepository</c>, …) for their storage.
/// </summary>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
/// <typeparam name="TId">Its id type.</typeparam>
/// <remarks>
/// <para>Versions: an aggregate that was never stored has version 0. <see cref="AddAsync"/> stores it as version 1;
/// <see cref="UpdateAsync"/> succeeds only when the stored version equals the given aggregate's version, and stores the next one.
/// A stale write throws <see cref="ConcurrencyConflictException"/> and changes nothing.</para>
/// <para>References: a store holds no reference to what it does not hold, as a database's foreign keys would. An add or update
/// whose aggregate refers to an entity that is not stored (a customer's parent or class, an account's, number's or service's
/// owner, a number's account, an invoice's customer) throws the <see cref="BillingRuleException"/> of the referring field; a
/// delete of an entity others still refer to throws <see cref="ReferencedEntityException"/>. Either way nothing is
/// written.</para>
/// <para>Implementations are safe to call concurrently.</para>
/// </remarks>
public interface IRepository<TAggregate, in TId>
    where TAggregate : class
    where TId : struct
{
    /// <summary>Finds an aggregate by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored aggregate, or null.</returns>
    ValueTask<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default);

    /// <summary>Stores a new aggregate.</summary>
    /// <param name="aggregate">The aggregate, with version 0.</param>
    /// <param name="cancellationToken">Cancels the write before it happens.</param>
    /// <returns>The aggregate as stored, with version 1.</returns>
    /// <exception cref="DuplicateEntityException">The id, or another key that must be unique, is taken.</exception>
    /// <exception cref="BillingRuleException">The aggregate refers to an entity that is not stored (the exception names the
    /// field).</exception>
    /// <exception cref="ArgumentException">The aggregate's version is not 0.</exception>
    ValueTask<TAggregate> AddAsync(TAggregate aggregate, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored aggregate, if nobody changed it since it was read.</summary>
    /// <param name="aggregate">The changed aggregate, carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the write before it happens.</param>
    /// <returns>The aggregate as stored, with the next version.</returns>
    /// <exception cref="ConcurrencyConflictException">The stored version differs, or the aggregate no longer exists.</exception>
    /// <exception cref="DuplicateEntityException">A key that must be unique is taken by another aggregate.</exception>
    /// <exception cref="BillingRuleException">The aggregate refers to an entity that is not stored (the exception names the
    /// field).</exception>
    ValueTask<TAggregate> UpdateAsync(TAggregate aggregate, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stored aggregate, if nobody changed it since it was read.</summary>
    /// <param name="id">The id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the write before it happens.</param>
    /// <returns>A task that completes when the aggregate is deleted.</returns>
    /// <exception cref="ConcurrencyConflictException">The stored version differs, or the aggregate does not exist.</exception>
    /// <exception cref="ReferencedEntityException">Other stored entities still refer to the aggregate.</exception>
    ValueTask DeleteAsync(TId id, long expectedVersion, CancellationToken cancellationToken = default);
}
