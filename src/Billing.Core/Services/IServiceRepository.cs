using Billing.Core.Customers;
using Billing.Core.Storage;

namespace Billing.Core.Services;

/// <summary>Storage of services (things billed without usage data).</summary>
/// <remarks>Implementations are safe to call concurrently.</remarks>
public interface IServiceRepository : IRepository<Service, ServiceId>
{
    /// <summary>Lists the services of a customer.</summary>
    /// <param name="ownerId">The owning customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The services, ordered by id.</returns>
    ValueTask<IReadOnlyList<Service>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default);
}
