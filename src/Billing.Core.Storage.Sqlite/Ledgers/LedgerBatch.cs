using System.Runtime.InteropServices;
using Billing.Core.Charging;
using Billing.Core.Ledgers;
using Billing.Core.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite.Ledgers;

/// <summary>
/// The ledgers inside one batch's transaction: reads what the core's decisions need, lets them decide, and writes exactly what they
/// decided. Entries are inserted as each write is decided, so a later write of the same batch finds them (a replay of a key written
/// earlier in the batch included); heads are kept here as the batch's earlier writes left them and written once, when the batch
/// ends, in the same transaction. No rule lives here: <see cref="ChargeDecision"/> and <see cref="PostingDecision"/> hold them all.
/// </summary>
internal sealed class LedgerBatch
{
    private readonly WriteBatch _batch;
    private readonly Dictionary<LedgerOwner, HeadState> _heads = [];
    private readonly Dictionary<int, (RawStatement Holders, RawStatement Insert)> _chargeStatements = [];
    private LedgerRead[] _reads = new LedgerRead[8];
    private ChargeEntry[] _entries = new ChargeEntry[8];
    private bool[] _holds = new bool[8];

    public LedgerBatch(WriteBatch batch) => _batch = batch;

    private SqliteCommand SelectHead => _batch.Prepared(LedgerRows.SelectHead, "$kind", "$id");

    private SqliteCommand SelectByKey => _batch.Prepared(LedgerRows.SelectByKey, "$kind", "$id", "$key");

    private SqliteCommand InsertEntry => _batch.Prepared(LedgerRows.InsertEntry, LedgerRows.InsertEntryParameters);

    private SqliteCommand UpsertHead => _batch.Prepared(LedgerRows.UpsertHead, "$kind", "$id", "$currency", "$funds", "$count");

    /// <summary>Forgets the heads of the previous batch (another process may have written since).</summary>
    public void Reset() => _heads.Clear();

    /// <summary>Decides a charge against what the ledgers hold now and, when approved, writes it to every level.</summary>
    public void Charge(ChargeWrite write)
    {
        var charge = write.Charge;
        var chain = write.Chain;
        if (_reads.Length < chain.Length)
        {
            _reads = new LedgerRead[chain.Length];
            _entries = new ChargeEntry[chain.Length];
            _holds = new bool[chain.Length];
        }

        var statements = ChargeStatements(chain.Length);
        var anyLedger = false;
        for (var i = 0; i < chain.Length; i++)
        {
            anyLedger |= Head(chain[i].Owner) is { Count: > 0 };
        }

        FindHolders(statements.Holders, chain, charge.IdempotencyKey, anyLedger);
        for (var i = 0; i < chain.Length; i++)
        {
            _reads[i] = new LedgerRead(Head(chain[i].Owner), _holds[i]);
        }

        ChargeDecision decision;
        try
        {
            decision = ChargeDecision.Decide(charge, chain, _reads.AsSpan(0, chain.Length), _entries);
        }
        catch (ArgumentException malformed)
        {
            write.StageFailure(malformed);
            return;
        }

        switch (decision.Kind)
        {
            case ChargeDecisionKind.Replay:
                write.Stage(ChargeOutcome.Replayed(Find(chain[0].Owner, charge.IdempotencyKey)
                    ?? throw new InvalidOperationException($"The ledger of {chain[0].Owner} holds the key '{charge.IdempotencyKey}' but its entry could not be read.")));
                return;
            case ChargeDecisionKind.Decline:
                write.Stage(ChargeOutcome.Declined(decision.Authorisation));
                return;
            case ChargeDecisionKind.Refuse:
                write.StageFailure(decision.Refusal!);
                return;
        }

        // Parameters as LedgerRows.InsertCharge numbers them.
        var insert = statements.Insert;
        insert.Reset();
        insert.Bind(1, charge.Id.Value);
        insert.Bind(2, SqliteText.Decimal(charge.Amount.Amount));
        insert.Bind(3, charge.Amount.Currency.Code);
        insert.Bind(4, SqliteText.Instant(charge.Timestamp));
        insert.Bind(5, charge.IdempotencyKey);
        insert.Bind(6, charge.Notes);
        insert.Bind(7, charge.Reference);
        for (var i = 0; i < chain.Length; i++)
        {
            ref readonly var entry = ref _entries[i];
            var p = 8 + (5 * i);
            insert.Bind(p, (long)entry.Owner.Kind);
            insert.Bind(p + 1, entry.Owner.Id);
            insert.Bind(p + 2, entry.NewHead.Count);
            insert.Bind(p + 3, SqliteText.Decimal(entry.LedgerAmount.Amount));
            insert.Bind(p + 4, entry.LedgerAmount.Currency.Code);
        }

        insert.Step();
        for (var i = 0; i < chain.Length; i++)
        {
            Written(_entries[i].NewHead);
        }

        write.Stage(ChargeOutcome.Appended(charge, chain[0].Owner));
    }

    /// <summary>Decides a posting against what its ledger holds now and, when it is to be appended, writes it.</summary>
    public void Post(PostingWrite write)
    {
        var owner = write.Owner;
        var head = Head(owner);
        var existing = head is { Count: > 0 } ? Find(owner, write.Request.IdempotencyKey) : null;
        PostingDecision decision;
        try
        {
            decision = PostingDecision.Decide(write.Request, owner, write.Currency, head, existing, write.Rates);
        }
        catch (ArgumentException malformed)
        {
            write.StageFailure(malformed);
            return;
        }

        switch (decision.Kind)
        {
            case PostingDecisionKind.Replay:
                write.Stage(new LedgerAppendOutcome(decision.Transaction!, isReplay: true));
                return;
            case PostingDecisionKind.Refuse:
                write.StageFailure(decision.Refusal!);
                return;
        }

        var insert = InsertEntry;
        LedgerRows.BindEntry(insert, decision.Transaction!, decision.NewHead.Count);
        insert.ExecuteNonQuery();
        Written(decision.NewHead);
        write.Stage(new LedgerAppendOutcome(decision.Transaction!, isReplay: false));
    }

    /// <summary>Writes the heads this batch changed, in the batch's transaction.</summary>
    public void FlushHeads()
    {
        foreach (var (owner, state) in _heads)
        {
            if (state.Dirty && state.Head is { } head)
            {
                UpsertHead.With((long)owner.Kind, owner.Id, head.Currency.Code, SqliteText.Decimal(head.Funds.Amount), head.Count).ExecuteNonQuery();
            }
        }

        _heads.Clear();
    }

    private LedgerHead? Head(LedgerOwner owner)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_heads, owner, out var known);
        if (!known)
        {
            using var reader = SelectHead.With((long)owner.Kind, owner.Id).ExecuteReader();
            state.Head = reader.Read() ? LedgerRows.ReadHead(reader, owner) : null;
        }

        return state.Head;
    }

    private void Written(LedgerHead head)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(_heads, head.Owner);
        state.Head = head;
        state.Dirty = true;
    }

    /// <summary>Sets <c>_holds[i]</c> to whether level i's ledger holds the key, in one query (none when no level has a ledger yet).</summary>
    private void FindHolders(RawStatement holders, ChargeLevel[] chain, string key, bool anyLedger)
    {
        Array.Clear(_holds);
        if (!anyLedger)
        {
            return;
        }

        // Parameters as LedgerRows.HoldersOfKey numbers them.
        holders.Reset();
        holders.Bind(1, key);
        for (var i = 0; i < chain.Length; i++)
        {
            holders.Bind(2 + (2 * i), (long)chain[i].Owner.Kind);
            holders.Bind(3 + (2 * i), chain[i].Owner.Id);
        }

        while (holders.Step())
        {
            var kind = holders.Int64(0);
            var id = holders.Text(1);
            for (var i = 0; i < chain.Length; i++)
            {
                if ((long)chain[i].Owner.Kind == kind && string.Equals(chain[i].Owner.Id, id, StringComparison.Ordinal))
                {
                    _holds[i] = true;
                }
            }
        }
    }

    /// <summary>The prepared key probe and insert for chains of <paramref name="levels"/> levels.</summary>
    private (RawStatement Holders, RawStatement Insert) ChargeStatements(int levels)
    {
        if (!_chargeStatements.TryGetValue(levels, out var statements))
        {
            statements = (_batch.Raw(LedgerRows.HoldersOfKey(levels)), _batch.Raw(LedgerRows.InsertCharge(levels)));
            _chargeStatements.Add(levels, statements);
        }

        return statements;
    }

    private LedgerTransaction? Find(LedgerOwner owner, string key)
    {
        using var reader = SelectByKey.With((long)owner.Kind, owner.Id, key).ExecuteReader();
        return reader.Read() ? LedgerRows.ReadTransaction(reader, owner) : null;
    }

    private struct HeadState
    {
        public LedgerHead? Head;
        public bool Dirty;
    }
}
