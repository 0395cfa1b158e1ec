using Billing.Core.Accounts;
using Billing.Core.Monetary;

namespace Billing.Core.Customers;

/// <summary>
/// The outcome of <see cref="CustomerFactory.Create"/>: the new customer, its default account, and the
/// opening funds the ledger must record as the customer's first top-up.
/// </summary>
/// <remarks>Immutable and thread-safe. Storing the three together (and appending the top-up) is the host's or storage's job.</remarks>
public sealed class CustomerCreation
{
    internal CustomerCreation(Customer customer, Account defaultAccount, Money openingFunds)
    {
        Customer = customer;
        DefaultAccount = defaultAccount;
        OpeningFunds = openingFunds;
    }

    /// <summary>The new customer (version 0).</summary>
    public Customer Customer { get; }

    /// <summary>The customer's default account (version 0).</summary>
    public Account DefaultAccount { get; }

    /// <summary>
    /// The opening funds in the customer's currency, ≥ 0; zero for a postpaid customer or when none were given.
    /// When positive, the ledger records them as the customer's first transaction, a top-up.
    /// </summary>
    public Money OpeningFunds { get; }

    /// <summary>Whether there is an opening top-up to record (<see cref="OpeningFunds"/> is positive).</summary>
    public bool HasOpeningTopUp => OpeningFunds.IsPositive;
}
