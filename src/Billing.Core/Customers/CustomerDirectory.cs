using Billing.Core.Accounts;

namespace Billing.Core.Customers;

/// <summary>
/// Reads customers and accounts as a caller acting for one customer sees them: the caller itself and its subtree,
/// never anything above or beside it. Anything outside behaves exactly as if it did not exist.
/// </summary>
/// <remarks>Thread-safe if the repositories are. A lookup reads the target and its ancestors; stored customers that do not form a
/// tree (a missing parent, a cycle) stop it with a <see cref="BillingRuleException"/>, as every walk up the tree does.</remarks>
public sealed class CustomerDirectory
{
    private readonly ICustomerRepository _customers;
    private readonly IAccountRepository _accounts;

    /// <summary>Creates a directory over the host's repositories.</summary>
    /// <param name="customers">The customer repository.</param>
    /// <param name="accounts">The account repository.</param>
    public CustomerDirectory(ICustomerRepository customers, IAccountRepository accounts)
    {
        _customers = Guard.NotNull(customers);
        _accounts = Guard.NotNull(accounts);
    }

    /// <summary>Whether <paramref name="target"/> is <paramref name="caller"/> or one of its descendants.</summary>
    /// <param name="caller">The customer the caller acts for.</param>
    /// <param name="target">The customer asked about.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns><see langword="true"/> when the caller may see the target.</returns>
    public async ValueTask<bool> IsVisibleAsync(CustomerId caller, CustomerId target, CancellationToken cancellationToken = default)
        => await FindAsync(caller, target, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Finds a customer the caller may see.</summary>
    /// <param name="caller">The customer the caller acts for.</param>
    /// <param name="target">The customer to find.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The customer, or null when it does not exist or lies outside the caller's subtree.</returns>
    public async ValueTask<Customer?> FindAsync(CustomerId caller, CustomerId target, CancellationToken cancellationToken = default)
    {
        var ancestry = new List<Customer>();
        if (!await CustomerAncestry.ReadAsync(_customers, target, ancestry, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        foreach (var customer in ancestry)
        {
            if (customer.Id == caller)
            {
                return ancestry[0];
            }
        }

        return null;
    }

    /// <summary>Lists the caller and every customer below it, parents before children.</summary>
    /// <param name="caller">The customer the caller acts for.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The subtree, breadth first; empty when the caller does not exist.</returns>
    public async ValueTask<IReadOnlyList<Customer>> ListSubtreeAsync(CustomerId caller, CancellationToken cancellationToken = default)
    {
        var root = await _customers.FindAsync(caller, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return [];
        }

        // The visited set stops a cycle in corrupt data from looping for ever.
        var result = new List<Customer> { root };
        var seen = new HashSet<CustomerId> { root.Id };
        for (var i = 0; i < result.Count; i++)
        {
            foreach (var child in await _customers.ListChildrenAsync(result[i].Id, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(child.Id))
                {
                    result.Add(child);
                }
            }
        }

        return result;
    }

    /// <summary>Lists the direct children of a customer the caller may see.</summary>
    /// <param name="caller">The customer the caller acts for.</param>
    /// <param name="parent">The parent.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The children; empty when the parent is not visible.</returns>
    public async ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId caller, CustomerId parent, CancellationToken cancellationToken = default)
        => await IsVisibleAsync(caller, parent, cancellationToken).ConfigureAwait(false)
            ? await _customers.ListChildrenAsync(parent, cancellationToken).ConfigureAwait(false)
            : [];

    /// <summary>Finds an account whose owner the caller may see.</summary>
    /// <param name="caller">The customer the caller acts for.</param>
    /// <param name="account">The account to find.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The account, or null when it does not exist or its owner lies outside the caller's subtree.</returns>
    public async ValueTask<Account?> FindAccountAsync(CustomerId caller, AccountId account, CancellationToken cancellationToken = default)
    {
        var found = await _accounts.FindAsync(account, cancellationToken).ConfigureAwait(false);
        return found is not null && await IsVisibleAsync(caller, found.OwnerId, cancellationToken).ConfigureAwait(false) ? found : null;
    }

    /// <summary>Lists the accounts of a customer the caller may see.</summary>
    /// <param name="caller">The customer the caller acts for.</param>
    /// <param name="owner">The owning customer.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The accounts; empty when the owner is not visible.</returns>
    public async ValueTask<IReadOnlyList<Account>> ListAccountsAsync(CustomerId caller, CustomerId owner, CancellationToken cancellationToken = default)
        => await IsVisibleAsync(caller, owner, cancellationToken).ConfigureAwait(false)
            ? await _accounts.ListByOwnerAsync(owner, cancellationToken).ConfigureAwait(false)
            : [];
}
