using Billing.Core.Balances;
using Billing.Core.Ledgers;

namespace Billing.Core.Charging;

/// <summary>What became of a charge sent through <see cref="ILedgerStore.AuthoriseAndAppendAsync"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ChargeOutcome
{
    private ChargeOutcome(AuthorisationDecision decision, LedgerTransaction? transaction, bool isReplay)
    {
        Decision = decision;
        Transaction = transaction;
        IsReplay = isReplay;
    }

    /// <summary>Approved, or declined with the reason and the level that declined.</summary>
    public AuthorisationDecision Decision { get; }

    /// <summary>Whether the charge was written (now, or earlier under the same idempotency key).</summary>
    public bool IsApproved => Decision.IsApproved;

    /// <summary>The charge as written to the account's ledger (the first level); null when declined.</summary>
    public LedgerTransaction? Transaction { get; }

    /// <summary>Whether the idempotency key was already in the account's ledger, so nothing changed and <see cref="Transaction"/> is the original.</summary>
    public bool IsReplay { get; }

    /// <summary>An approved charge, newly written.</summary>
    /// <param name="transaction">The account-level transaction.</param>
    /// <returns>The outcome.</returns>
    public static ChargeOutcome Appended(LedgerTransaction transaction)
        => new(AuthorisationDecision.Approved, Guard.NotNull(transaction), isReplay: false);

    /// <summary>A charge whose idempotency key was already used: the original transaction, nothing changed.</summary>
    /// <param name="original">The account-level transaction written first.</param>
    /// <returns>The outcome.</returns>
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
