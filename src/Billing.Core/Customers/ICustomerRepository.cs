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
}
