using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// Storage of the append-only ledgers of accounts and customers. Hosts implement it for their database; the
/// shipped implementations pass the contract suite in <c>Billing.Core.Storage.Testing</c>.
/// </summary>
/// <remarks>
/// <para>Every member is safe to call concurrently. Appends are idempotent by key within a ledger: appending a key the ledger
/// already holds returns the original transaction and changes nothing, also when two callers race with the same key.</para>
/// <para><see cref="AuthoriseAndAppendAsync"/> reads the balances, asks <see cref="Authoriser"/> and appends the charge to
/// every level in one atomic step, so concurrent charges never take a prepaid balance below zero or a postpaid one over its
/// limit at any level. A store that detects a concurrent write it cannot serialise throws
/// <see cref="Storage.ConcurrencyConflictException"/> having changed nothing; callers retry (see <see cref="ChargeService"/>).</para>
/// </remarks>
public interface ILedgerStore
{
    /// <summary>Reads the head of a ledger.</summary>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The head, or null when nothing was ever written to that ledger.</returns>
    ValueTask<LedgerHead?> GetHeadAsync(LedgerOwner owner, CancellationToken cancellationToken = default);

    /// <summary>Reads every transaction of a ledger, oldest first.</summary>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transactions; empty when the ledger does not exist.</returns>
    ValueTask<IReadOnlyList<LedgerTransaction>> GetTransactionsAsync(LedgerOwner owner, CancellationToken cancellationToken = default);

    /// <summary>Finds the transaction a ledger holds under an idempotency key.</summary>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="idempotencyKey">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transaction, or null.</returns>
    ValueTask<LedgerTransaction?> FindByIdempotencyKeyAsync(LedgerOwner owner, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Appends a transaction to one ledger without authorisation (top-ups, payments, credits, manual debits, refunds),
    /// converting it to the ledger's currency with the rate in force at its timestamp.</summary>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="currency">The ledger's currency; used to create the ledger on its first append, and checked afterwards.</param>
    /// <param name="request">The transaction.</param>
    /// <param name="rates">Exchange rates, needed when the request's currency is not the ledger's.</param>
    /// <param name="cancellationToken">Cancels the append before it happens.</param>
    /// <returns>The transaction written, or the original one when the key was already used.</returns>
    /// <exception cref="BillingRuleException">The ledger exists in another currency, or no exchange rate is in force.</exception>
    ValueTask<LedgerAppendOutcome> AppendAsync(
        LedgerOwner owner,
        Currency currency,
        TransactionRequest request,
        ExchangeRateTable? rates = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically authorises a charge across <paramref name="chain"/> (account first, then its customer and every ancestor below the
    /// root) and, when every level passes, appends it to every level's ledger under the same idempotency key.
    /// </summary>
    /// <param name="charge">The charge (kind <see cref="TransactionKind.Charge"/>), in the currency of the levels.</param>
    /// <param name="chain">The levels, account first; at least one.</param>
    /// <param name="cancellationToken">Cancels the operation before it happens.</param>
    /// <returns>Appended, replayed (the key is already in the account's ledger; nothing changed) or declined (nothing written).</returns>
    /// <exception cref="BillingRuleException">The request is not a charge, or its key is already used by another transaction in a
    /// level other than the first.</exception>
    /// <exception cref="Storage.ConcurrencyConflictException">A concurrent write got in the way; nothing was written.</exception>
    ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default);
}
