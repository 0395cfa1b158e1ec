namespace Billing.Core.Ledgers;

/// <summary>The direction of each <see cref="TransactionKind"/>.</summary>
public static class TransactionKindExtensions
{
    /// <summary>
    /// The sign a transaction of this kind gives its amount in terms of available funds: <c>+1</c> when it adds funds
    /// (credit, top-up, payment), <c>-1</c> when it removes them (charge, debit, refund). The amount owed on a postpaid
    /// ledger moves the opposite way.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <returns><c>+1</c> or <c>-1</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static int FundsSign(this TransactionKind kind) => kind switch
    {
        TransactionKind.Charge or TransactionKind.Debit or TransactionKind.Refund => -1,
        TransactionKind.Credit or TransactionKind.TopUp or TransactionKind.Payment => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined transaction kind."),
    };

    /// <summary>Whether a transaction of this kind removes available funds (adds to the amount owed).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> for charge, debit and refund.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static bool RemovesFunds(this TransactionKind kind) => kind.FundsSign() < 0;
}
