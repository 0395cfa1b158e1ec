using System.Text.Json.Serialization;
using Billing.Core.ExchangeRates;
using Billing.Core.Monetary;

namespace Billing.Core.Ledgers;

/// <summary>
/// What to do with a transaction posted to one ledger without authorisation — a top-up, payment, credit, manual debit, refund
/// or a charge that is owed whatever the limit: the one home of that rule, for <see cref="Ledger.Append"/> and for every store
/// (docs/storage.md shows a relational store using it inside one database transaction).
/// </summary>
/// <remarks>
/// <para>The store reads the ledger's head and the transaction the ledger holds under the request's key (if any), calls
/// <see cref="Decide"/>, and then does exactly what the decision says. Everything a write needs — the conversion to the ledger's
/// currency, the new head — is computed and checked here, before the store writes anything, so a refused posting leaves no
/// trace.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<PostingDecision>))]
public readonly struct PostingDecision
{
    private PostingDecision(PostingDecisionKind kind, LedgerTransaction? transaction, LedgerHead newHead, BillingRuleException? refusal)
    {
        Kind = kind;
        Transaction = transaction;
        NewHead = newHead;
        Refusal = refusal;
    }

    /// <summary>Append, replay or refuse.</summary>
    public PostingDecisionKind Kind { get; }

    /// <summary>For <see cref="PostingDecisionKind.Append"/> the transaction to write; for a replay the original; otherwise null.</summary>
    public LedgerTransaction? Transaction { get; }

    /// <summary>For <see cref="PostingDecisionKind.Append"/>, the ledger's head once the transaction is written; otherwise <c>default</c>.</summary>
    public LedgerHead NewHead { get; }

    /// <summary>For <see cref="PostingDecisionKind.Refuse"/>, the exception naming the broken rule, for the store to throw; otherwise null.</summary>
    public BillingRuleException? Refusal { get; }

    /// <summary>Decides a posting.</summary>
    /// <param name="request">The transaction asked for.</param>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="ledgerCurrency">The ledger's currency, as the caller knows it (from the owner's aggregate).</param>
    /// <param name="head">The stored head of the ledger, or null when nothing was ever written to it.</param>
    /// <param name="existing">The transaction the ledger holds under the request's idempotency key, or null.</param>
    /// <param name="rates">Exchange rates, needed when the request's currency is not the ledger's.</param>
    /// <param name="rounding">How a converted amount is rounded to the minor unit when exactly half-way.</param>
    /// <returns>
    /// A replay of <paramref name="existing"/> when there is one (whatever the rest of the request says); a refusal when the stored
    /// ledger is kept in another currency than <paramref name="ledgerCurrency"/>, no exchange rate is in force, or the new funds
    /// would lie beyond ±<see cref="Money.MaxAmount"/>; otherwise the transaction to append and the new head.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounding"/> is not a defined rounding mode.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="owner"/> or <paramref name="ledgerCurrency"/> is <c>default</c>, or what the store read does not belong to this
    /// posting (a head or transaction of another ledger, a transaction under another key).
    /// </exception>
    public static PostingDecision Decide(
        TransactionRequest request,
        LedgerOwner owner,
        Currency ledgerCurrency,
        LedgerHead? head,
        LedgerTransaction? existing,
        ExchangeRateTable? rates = null,
        MidpointRounding rounding = Money.DefaultRounding)
    {
        ArgumentNullException.ThrowIfNull(request);
        Money.EnsureDefined(rounding, nameof(rounding));
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }

        if (ledgerCurrency.Code.Length == 0)
        {
            throw new ArgumentException("The ledger currency must not be default(Currency).", nameof(ledgerCurrency));
        }

        if (head is { } read && read.Owner != owner)
        {
            throw new ArgumentException($"The head read is the one of {read.Owner}, not of {owner}.", nameof(head));
        }

        if (existing is not null)
        {
            if (existing.Owner != owner || !string.Equals(existing.IdempotencyKey, request.IdempotencyKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"The transaction read ({existing}) is not the one {owner} holds under the key '{request.IdempotencyKey}'.",
                    nameof(existing));
            }

            return new PostingDecision(PostingDecisionKind.Replay, existing, default, null);
        }

        var current = head ?? LedgerHead.Empty(owner, ledgerCurrency);
        if (current.Currency != ledgerCurrency)
        {
            return Refused(new BillingRuleException("Ledger.Currency", ledgerCurrency.Code, $"the ledger of {owner} is kept in {current.Currency.Code}"));
        }

        LedgerTransaction transaction;
        try
        {
            transaction = LedgerTransaction.Record(request, owner, ledgerCurrency, rates, rounding);
        }
        catch (BillingRuleException refused)
        {
            // A missing exchange rate, or a converted amount out of range: nothing is written.
            return Refused(refused);
        }

        var funds = current.Funds.Amount;
        var effect = transaction.FundsEffectAmount;

        // Once both lie within ±MaxAmount the sum cannot overflow; the new funds must stay within it too.
        var newFunds = effect is >= -Money.MaxAmount and <= Money.MaxAmount ? funds + effect : effect;
        if (newFunds is < -Money.MaxAmount or > Money.MaxAmount)
        {
            return Refused(new BillingRuleException(
                "Ledger.Funds",
                $"{newFunds.ToString(System.Globalization.CultureInfo.InvariantCulture)} {ledgerCurrency.Code}",
                $"the {request.Kind} would take the funds of {owner} beyond ±{Money.MaxAmount} (Money.MaxAmount), the most a ledger can hold"));
        }

        return new PostingDecision(PostingDecisionKind.Append, transaction, new LedgerHead(owner, new Money(newFunds, ledgerCurrency), current.Count + 1), null);
    }

    private static PostingDecision Refused(BillingRuleException refusal) => new(PostingDecisionKind.Refuse, null, default, refusal);
}
