using Billing.Core.Storage;

namespace Billing.Core.CustomerClasses;

/// <summary>Storage of customer classes. Names are unique per manager (case-insensitive); a store refuses a second one with
/// <see cref="DuplicateEntityException"/>.</summary>
/// <remarks>Implementations are safe to call concurrently.</remarks>
public interface ICustomerClassRepository : IRepository<CustomerClass, CustomerClassId>
{
    /// <summary>Lists the classes one manager owns.</summary>
    /// <param name="manager">The administrator or a reseller.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The classes, ordered by id.</returns>
    ValueTask<IReadOnlyList<CustomerClass>> ListByManagerAsync(ClassManager manager, CancellationToken cancellationToken = default);
}
