using Billing.Core.Charging;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Storage.Testing.Tests;

/// <summary>
/// The smallest store a host could write: plain dictionaries behind one lock, and the core's public decisions
/// (<see cref="ChargeDecision"/>, <see cref="PostingDecision"/>) for every rule. It knows nothing of balances, limits, keys
/// above the account or currencies: if it passes the ledger contract, no rule of a charge lives only in a shipped store.
/// </summary>
internal sealed class DictionaryLedgerStore : ILedgerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<LedgerOwner, LedgerHead> _heads = [];
    private readonly Dictionary<LedgerOwner, List<LedgerTransaction>> _entries = [];
    private readonly Dictionary<(LedgerOwner Owner, string Key), LedgerTransaction> _keys = [];

    public ValueTask<LedgerHead?> GetHeadAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_heads.TryGetValue(owner, out var head) ? head : (LedgerHead?)null);
        }
    }

    public ValueTask<IReadOnlyList<LedgerTransaction>> GetTransactionsAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<LedgerTransaction> copy = _entries.TryGetValue(owner, out var list) ? [.. list] : [];
            return ValueTask.FromResult(copy);
        }
    }

    public ValueTask<LedgerTransaction?> FindByIdempotencyKeyAsync(LedgerOwner owner, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_keys.GetValueOrDefault((owner, idempotencyKey)));
        }
    }

    public ValueTask<LedgerAppendOutcome> AppendAsync(
        LedgerOwner owner,
        Currency currency,
        TransactionRequest request,
        ExchangeRateTable? rates = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var decision = PostingDecision.Decide(request, owner, currency, Head(owner), _keys.GetValueOrDefault((owner, request.IdempotencyKey)), rates);
            switch (decision.Kind)
            {
                case PostingDecisionKind.Replay:
                    return ValueTask.FromResult(new LedgerAppendOutcome(decision.Transaction!, isReplay: true));
                case PostingDecisionKind.Append:
                    Write(decision.Transaction!, decision.NewHead);
                    return ValueTask.FromResult(new LedgerAppendOutcome(decision.Transaction!, isReplay: false));
                default:
                    throw decision.Refusal!;
            }
        }
    }

    public ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(chain);
        lock (_gate)
        {
            var levels = chain.ToArray();
            var reads = levels.Select(l => new LedgerRead(Head(l.Owner), _keys.ContainsKey((l.Owner, charge.IdempotencyKey)))).ToArray();
            var entries = new ChargeEntry[levels.Length];
            var decision = ChargeDecision.Decide(charge, levels, reads, entries);
            switch (decision.Kind)
            {
                case ChargeDecisionKind.Replay:
                    return ValueTask.FromResult(ChargeOutcome.Replayed(_keys[(levels[0].Owner, charge.IdempotencyKey)]));
                case ChargeDecisionKind.Decline:
                    return ValueTask.FromResult(ChargeOutcome.Declined(decision.Authorisation));
                case ChargeDecisionKind.Refuse:
                    throw decision.Refusal!;
            }

            var written = entries.Select(e => e.ToTransaction()).ToArray();
            for (var i = 0; i < entries.Length; i++)
            {
                Write(written[i], entries[i].NewHead);
            }

            return ValueTask.FromResult(ChargeOutcome.Appended(written[0]));
        }
    }

    private LedgerHead? Head(LedgerOwner owner) => _heads.TryGetValue(owner, out var head) ? head : null;

    private void Write(LedgerTransaction transaction, LedgerHead head)
    {
        if (!_entries.TryGetValue(transaction.Owner, out var list))
        {
            _entries[transaction.Owner] = list = [];
        }

        list.Add(transaction);
        _keys.Add((transaction.Owner, transaction.IdempotencyKey), transaction);
        _heads[transaction.Owner] = head;
    }
}
