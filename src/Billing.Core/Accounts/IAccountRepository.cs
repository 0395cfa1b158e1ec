using Billing.Core.Customers;
using Billing.Core.Storage;

namespace Billing.Core.Accounts;

/// <summary>Storage of accounts. An alias is unique across all accounts (case-insensitive); a store refuses a second one with
/// <see cref="DuplicateEntityException"/>.</summary>
/// <remarks>Implementations are safe to call concurrently.</remarks>
public interface IAccountRepository : IRepository<Account, AccountId>
{
    /// <summary>Lists the accounts of a customer.</summary>
    /// <param name="ownerId">The owning customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The accounts, ordered by id.</returns>
    ValueTask<IReadOnlyList<Account>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default);

    /// <summary>Finds the account with an alias.</summary>
    /// <param name="alias">The alias; compared case-insensitively.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The account, or null.</returns>
    ValueTask<Account?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default);
}
