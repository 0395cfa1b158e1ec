using Billing.Core.Balances;
using Billing.Core.Ledgers;

namespace Billing.Core.Charging;

/// <summary>What became of a charge sent through <see cref="ILedgerStore.AuthoriseAndAppendAsync"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ChargeOutcome
{
    // A newly appended charge may keep its request instead of a transaction: the transaction is built on first read, so a
    // caller that only checks IsApproved does not pay for it.
    private readonly TransactionRequest? _charge;
    private readonly LedgerOwner _account;
    private LedgerTransaction? _transaction;

    private ChargeOutcome(AuthorisationDecision decision, LedgerTransaction? transaction, bool isReplay)
    {
        Decision = decision;
        _transaction = transaction;
        IsReplay = isReplay;
    }

    private ChargeOutcome(TransactionRequest charge, LedgerOwner account)
    {
        Decision = AuthorisationDecision.Approved;
        _charge = charge;
        _account = account;
    }

    /// <summary>Approved, or declined with the reason and the level that declined.</summary>
    public AuthorisationDecision Decision { get; }

    /// <summary>Whether the charge was written (now, or earlier under the same idempotency key).</summary>
    public bool IsApproved => Decision.IsApproved;

    /// <summary>The charge as written to the account's ledger (the first level); null when declined.</summary>
    /// <remarks>For an outcome made with <see cref="Appended(TransactionRequest, LedgerOwner)"/>, built on first read; every read
    /// returns the same object.</remarks>
    public LedgerTransaction? Transaction
    {
        get
        {
            if (_transaction is null && _charge is not null)
            {
                // Racing first readers may each build one; all of them return the one stored first.
                Interlocked.CompareExchange(ref _transaction, LedgerTransaction.Record(_charge, _account, _charge.Amount.Currency), null);
            }

            return _transaction;
        }
    }

    /// <summary>Whether the idempotency key was already in the account's ledger, so nothing changed and <see cref="Transaction"/> is the original.</summary>
    public bool IsReplay { get; }

    /// <summary>An approved charge, newly written.</summary>
    /// <param name="transaction">The account-level transaction.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transaction"/> is null.</exception>
    public static ChargeOutcome Appended(LedgerTransaction transaction)
        => new(AuthorisationDecision.Approved, Guard.NotNull(transaction), isReplay: false);

    /// <summary>
    /// An approved charge, newly written, described by its request: the account-level transaction is built from it on first
    /// read of <see cref="Transaction"/>. For stores that write the request's amount to every level as it is (the levels are in
    /// the charge's currency, which <see cref="Authoriser"/> checks).
    /// </summary>
    /// <param name="charge">The charge written.</param>
    /// <param name="account">The owner of the account's ledger (the first level).</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="charge"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="charge"/> is not a charge, or <paramref name="account"/> is <c>default</c>.</exception>
    public static ChargeOutcome Appended(TransactionRequest charge, LedgerOwner account)
    {
        ArgumentNullException.ThrowIfNull(charge);
        if (charge.Kind != TransactionKind.Charge)
        {
            throw new ArgumentException($"An appended charge outcome needs a charge, not a {charge.Kind}.", nameof(charge));
        }

        if (account.IsDefault)
        {
            throw new ArgumentException("The account must not be default(LedgerOwner).", nameof(account));
        }

        return new ChargeOutcome(charge, account);
    }

    /// <summary>A charge whose idempotency key was already used: the original transaction, nothing changed.</summary>
    /// <param name="original">The account-level transaction written first.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public static ChargeOutcome Replayed(LedgerTransaction original)
        => new(AuthorisationDecision.Approved, Guard.NotNull(original), isReplay: true);

    /// <summary>A declined charge: nothing was written.</summary>
    /// <param name="decision">The declining decision.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException"><paramref name="decision"/> is an approval.</exception>
    public static ChargeOutcome Declined(AuthorisationDecision decision)
        => decision.IsApproved
            ? throw new ArgumentException("A declined outcome needs a declining decision.", nameof(decision))
            : new(decision, null, isReplay: false);

    /// <summary>A description of the outcome.</summary>
    /// <returns>Text such as <c>Approved: Charge 1.20 GBP …</c> or <c>Declined: InsufficientFunds at level 0 (…)</c>.</returns>
    public override string ToString()
        => IsApproved ? $"Approved{(IsReplay ? " (replay)" : string.Empty)}: {Transaction}" : Decision.ToString();
}
