using Billing.Core.Storage;

namespace Billing.Core.Customers;

/// <summary>Storage of customers. Names are unique among siblings after <see cref="CustomerNames.Normalise"/>; a store refuses a
/// second one with <see cref="DuplicateEntityException"/>.</summary>
/// <remarks>Implementations are safe to call concurrently. Reads here are not scoped; use <see cref="CustomerDirectory"/> for a caller's view.</remarks>
public interface ICustomerRepository : IRepository<Customer, CustomerId>
{
    /// <summary>Lists the direct children of a customer, or the roots.</summary>
    /// <param name="parentId">The parent, or null for the roots.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The children, ordered by id.</returns>
    ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId? parentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every customer, one page at a time, in the store's order of ids: the first page after null, each next page after the
    /// last id of the one before, until a page comes back shorter than <paramref name="limit"/>. A billing run walks all customers
    /// this way with memory that does not grow with their number.
    /// </summary>
    /// <param name="after">The last id of the previous page, or null for the first page; it need not be stored any more.</param>
    /// <param name="limit">The most customers to return, 1..<see cref="MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="limit"/> customers whose ids follow <paramref name="after"/>, in the store's order of ids (a
    /// fixed total order, such as ordinal or byte order). A customer added or removed during a walk may or may not be seen;
    /// every other customer is seen exactly once.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1..<see cref="MaxPageSize"/>.</exception>
    ValueTask<IReadOnlyList<Customer>> ListPageAsync(CustomerId? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Counts the stored customers (a billing run's progress estimates the time left from it).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number of customers stored.</returns>
    ValueTask<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>The largest page <see cref="ListPageAsync"/> returns.</summary>
    public const int MaxPageSize = 10_000;
}
