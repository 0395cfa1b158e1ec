using Billing.Core.Customers;
using Billing.Core.Storage;

namespace Billing.Core.Numbers;

/// <summary>Storage of telephone numbers. An active number belongs to one customer at a time: a store refuses a number whose
/// active dates overlap another record of the same E.164 number with the <see cref="BillingRuleException"/> of <see cref="Number.EnsureNotActiveElsewhere"/>.</summary>
/// <remarks>Implementations are safe to call concurrently.</remarks>
public interface INumberRepository : IRepository<Number, NumberId>
{
    /// <summary>Lists the numbers of a customer.</summary>
    /// <param name="ownerId">The owning customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The numbers, ordered by id.</returns>
    ValueTask<IReadOnlyList<Number>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default);

    /// <summary>Lists every record of one E.164 number (current and past owners).</summary>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records, ordered by id.</returns>
    ValueTask<IReadOnlyList<Number>> ListByPhoneNumberAsync(PhoneNumber number, CancellationToken cancellationToken = default);
}
