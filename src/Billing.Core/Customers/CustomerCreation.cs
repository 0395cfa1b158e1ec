using Billing.Core.Accounts;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Customers;

/// <summary>
/// The outcome of <see cref="CustomerFactory.Create"/>: the new customer, its default account, and the opening balance
/// (prepaid funds or a postpaid amount owed) the ledger must record as the customer's first entry.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Storing the customer and the account and appending the opening entry is the host's or
/// <see cref="CustomerService"/>'s job: a <see cref="TransactionKind.TopUp"/> of <see cref="OpeningFunds"/> or a
/// <see cref="TransactionKind.Debit"/> of <see cref="OpeningAmountOwed"/> on the customer's ledger, with the idempotency key
/// <see cref="CustomerService.OpeningFundsKey"/>.
/// </remarks>
public sealed class CustomerCreation
{
    internal CustomerCreation(Customer customer, Account defaultAccount, Money openingFunds, Money openingAmountOwed)
    {
        Customer = customer;
        DefaultAccount = defaultAccount;
        OpeningFunds = openingFunds;
        OpeningAmountOwed = openingAmountOwed;
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

    /// <summary>
    /// The amount a postpaid customer already owes, in its currency, ≥ 0; zero for a prepaid customer or when none was given.
    /// When positive, the ledger records it as the customer's first transaction, a debit.
    /// </summary>
    public Money OpeningAmountOwed { get; }

    /// <summary>The same creation with the customer and account as storage returned them.</summary>
    internal CustomerCreation Stored(Customer customer, Account defaultAccount) => new(customer, defaultAccount, OpeningFunds, OpeningAmountOwed);

    /// <summary>The opening entry of the customer's ledger, or null when there is none; always under <see cref="CustomerService.OpeningFundsKey"/>.</summary>
    internal TransactionRequest? OpeningEntry(Instant timestamp)
    {
        if (HasOpeningTopUp)
        {
            return new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, OpeningFunds, timestamp, CustomerService.OpeningFundsKey, "Opening funds");
        }

        return OpeningAmountOwed.IsPositive
            ? new TransactionRequest(TransactionId.New(), TransactionKind.Debit, OpeningAmountOwed, timestamp, CustomerService.OpeningFundsKey, "Opening balance owed")
            : null;
    }
}
