using System.Text.Json.Serialization;
using Billing.Core.Balances;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// What to do with a charge against a chain of levels: the one home of every rule of a charge, for every store. A store
/// reads, locks and writes; this decides (docs/storage.md shows a relational store using it inside one database transaction).
/// </summary>
/// <remarks>
/// <para>Inside its atomic step the store reads, for every level of the chain, the ledger's head and whether the ledger holds the
/// charge's idempotency key (<see cref="LedgerRead"/>), calls <see cref="Decide"/>, and then does exactly what the decision
/// says. Every level's new head is computed and checked here, before the store writes anything.</para>
/// <para>Immutable and thread-safe. <see cref="Decide"/> is pure and allocates nothing unless it refuses.</para>
/// </remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<ChargeDecision>))]
public readonly struct ChargeDecision
{
    private ChargeDecision(ChargeDecisionKind kind, AuthorisationDecision authorisation, BillingRuleException? refusal)
    {
        Kind = kind;
        Authorisation = authorisation;
        Refusal = refusal;
    }

    /// <summary>Append, replay, decline or refuse.</summary>
    public ChargeDecisionKind Kind { get; }

    /// <summary>For <see cref="ChargeDecisionKind.Decline"/>, the reason and the declining level; otherwise an approval.</summary>
    public AuthorisationDecision Authorisation { get; }

    /// <summary>For <see cref="ChargeDecisionKind.Refuse"/>, the exception naming the broken rule, for the store to throw; otherwise null.</summary>
    public BillingRuleException? Refusal { get; }

    /// <summary>Decides a charge.</summary>
    /// <param name="charge">The charge.</param>
    /// <param name="chain">The levels, account first, then its customer and every ancestor below the root.</param>
    /// <param name="ledgers">What the store read of each level's ledger, in the order of <paramref name="chain"/>.</param>
    /// <param name="entries">Where an approved charge's entry for each level goes, in the order of <paramref name="chain"/>; at
    /// least as long as the chain. Written only when the decision is <see cref="ChargeDecisionKind.Append"/>.</param>
    /// <returns>
    /// In this order: a refusal when the request is not a charge or the chain names a ledger twice; a replay when the account's
    /// ledger holds the key (whatever else changed since); a refusal when only another level's ledger holds it, or a stored
    /// ledger is kept in another currency than its level; a decline when a level declines (see <see cref="Authoriser"/>);
    /// otherwise an append, with <paramref name="entries"/> filled in.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="charge"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The chain is empty or holds a <c>default</c> level; <paramref name="ledgers"/> is not as long as the chain, or a head read
    /// belongs to another owner than its level; <paramref name="entries"/> is shorter than the chain.
    /// </exception>
    public static ChargeDecision Decide(TransactionRequest charge, ReadOnlySpan<ChargeLevel> chain, ReadOnlySpan<LedgerRead> ledgers, Span<ChargeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(charge);
        CheckShape(chain, ledgers, entries.Length);
        if (charge.Kind != TransactionKind.Charge)
        {
            return Refused(new BillingRuleException("TransactionRequest.Kind", charge.Kind.ToString(), "only charges are authorised; post other kinds to one ledger"));
        }

        for (var i = 1; i < chain.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (chain[i].Owner == chain[j].Owner)
                {
                    return Refused(new BillingRuleException("ChargeLevel.Owner", chain[i].Owner.ToString(), "a chain names each ledger once; this one names it twice"));
                }
            }
        }

        if (ledgers[0].HoldsKey)
        {
            return new ChargeDecision(ChargeDecisionKind.Replay, AuthorisationDecision.Approved, null);
        }

        for (var i = 1; i < chain.Length; i++)
        {
            if (ledgers[i].HoldsKey)
            {
                return Refused(new BillingRuleException(
                    "TransactionRequest.IdempotencyKey",
                    charge.IdempotencyKey,
                    $"the key is already used by another transaction in the ledger of {chain[i].Owner}, but not in the account's ledger"));
            }
        }

        // The heads are read through HasValue and Value, not a pattern variable, so that a mutant of any condition still compiles.
        for (var i = 0; i < chain.Length; i++)
        {
            var head = ledgers[i].Head;
            if (head.HasValue && head.Value.Currency != chain[i].Currency)
            {
                return Refused(new BillingRuleException("Ledger.Currency", chain[i].Currency.Code, $"the ledger of {chain[i].Owner} is kept in {head.Value.Currency.Code}"));
            }
        }

        var amount = charge.Amount;
        for (var i = 0; i < chain.Length; i++)
        {
            ref readonly var level = ref chain[i];
            var head = ledgers[i].Head;
            var funds = head.HasValue ? head.Value.Funds.Amount : 0m;
            var reason = Authoriser.Check(level.Status, level.Model, level.Currency, level.Model.BalanceOf(funds), level.HasCreditLimit, level.CreditLimitValue, amount);
            if (reason != DeclineReason.None)
            {
                return new ChargeDecision(ChargeDecisionKind.Decline, AuthorisationDecision.Declined(reason, i, level.Owner), null);
            }
        }

        // Approved at every level, so every new balance lies within range (the authoriser's rule): nothing below can fail.
        for (var i = 0; i < chain.Length; i++)
        {
            ref readonly var level = ref chain[i];
            var head = ledgers[i].Head;
            var funds = head.HasValue ? head.Value.Funds.Amount : 0m;
            var count = head.HasValue ? head.Value.Count : 0L;
            var ledgerAmount = new Money(amount.Amount, level.Currency);
            entries[i] = new ChargeEntry(charge, level.Owner, ledgerAmount, new LedgerHead(level.Owner, new Money(funds - amount.Amount, level.Currency), count + 1));
        }

        return new ChargeDecision(ChargeDecisionKind.Append, AuthorisationDecision.Approved, null);
    }

    private static void CheckShape(ReadOnlySpan<ChargeLevel> chain, ReadOnlySpan<LedgerRead> ledgers, int entries)
    {
        if (chain.IsEmpty)
        {
            throw new ArgumentException("The chain needs at least one level (the account).", nameof(chain));
        }

        if (ledgers.Length != chain.Length)
        {
            throw new ArgumentException($"One ledger read per level is needed: {chain.Length} levels, {ledgers.Length} reads.", nameof(ledgers));
        }

        if (entries < chain.Length)
        {
            throw new ArgumentException($"Room for one entry per level is needed: {chain.Length} levels, room for {entries}.", nameof(entries));
        }

        for (var i = 0; i < chain.Length; i++)
        {
            if (chain[i].Owner.IsDefault)
            {
                throw new ArgumentException($"Level {i} of the chain is default(ChargeLevel), which names no ledger.", nameof(chain));
            }

            var head = ledgers[i].Head;
            if (head.HasValue && head.Value.Owner != chain[i].Owner)
            {
                throw new ArgumentException($"The head read for level {i} is the one of {head.Value.Owner}, not of {chain[i].Owner}.", nameof(ledgers));
            }
        }
    }

    private static ChargeDecision Refused(BillingRuleException refusal) => new(ChargeDecisionKind.Refuse, AuthorisationDecision.Approved, refusal);
}
