using Billing.Core.Accounts;
using Microsoft.Extensions.Options;

namespace Billing.Core.Customers;

/// <summary>
/// Reads customers and accounts as a caller acting for one customer sees them (SPEC §1.1): the caller itself and its subtree,
/// never anything above or beside it. Anything outside behaves exactly as if it did not exist.
/// </summary>
/// <remarks>Thread-safe if the repositories are. Each lookup walks at most the configured hierarchy depth.</remarks>
public sealed class CustomerDirectory
{
    private readonly ICustomerRepository _customers;
    private readonly IAccountRepository _accounts;
    private readonly int _maxDepth;

    /// <summary>Creates a directory over the host's repositories.</summary>
    /// <param name="customers">The customer repository.</param>
    /// <param name="accounts">The account repository.</param>
    /// <param name="options">The options (for the hierarchy depth limit).</param>
    public CustomerDirectory(ICustomerRepository customers, IAccountRepository accounts, IOptions<BillingOptions> options)
    {
        _customers = Guard.NotNull(customers);
        _accounts = Guard.NotNull(accounts);
        _maxDepth = Guard.NotNull(options).Value.Customers.MaxHierarchyDepth;
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
        var found = await _customers.FindAsync(target, cancellationToken).ConfigureAwait(false);
        var current = found;

        // Walk up from the target; the depth bound also stops a cycle in corrupt data.
        for (var steps = 0; current is not null && steps <= _maxDepth + 1; steps++)
        {
            if (current.Id == caller)
            {
                return found;
            }

            if (current.ParentId is not { } parent)
            {
                return null;
            }

            current = await _customers.FindAsync(parent, cancellationToken).ConfigureAwait(false);
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
