using Billing.Core.Ledgers;
using Npgsql;
using NpgsqlTypes;

namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>
/// The batches of <see cref="LedgerBatcher"/> in PostgreSQL, on one connection the writer loop keeps open (its statements
/// prepared once). A batch is two round trips whatever it holds: begin, lock the heads in one fixed order and read the keys; then
/// insert the entries, write the heads and commit. Array parameters (<c>unnest</c>) carry every row of a batch.
/// </summary>
/// <remarks>
/// <para>Every batch plans its statements for the tables as they are (<c>SET LOCAL plan_cache_mode = force_custom_plan</c>)
/// rather than reusing the one generic plan PostgreSQL caches for a prepared statement after a few executions, which is made
/// for the tables as they were then and kept until the next <c>ANALYZE</c>. Made on a new, nearly empty ledger, the generic
/// plans read the batch's keys by scanning every entry, or through the primary key's (owner, position) prefix and a filter on
/// the key — every entry of the ledger for each key — and kept doing so as the ledger grew (measured: charges on one hot
/// chain slowed from about 0.15 ms to over 6 ms each within a minute of a benchmark; the server's log showed the key read
/// taking 31–35 ms through <c>ledger_entries_pkey</c>). Planning each batch costs a fraction of its round trip. And since every
/// statement finds its rows by key, the transaction also rules out sequential scans and hash and merge joins
/// (<c>enable_seqscan</c>, <c>enable_hashjoin</c>, <c>enable_mergejoin</c> off), which a plan for a nearly empty table
/// would otherwise choose.</para>
/// <para>READ COMMITTED is enough: the row locks serialise every writer of a ledger that has a head, and two first writes to a
/// new ledger collide on its first position (the primary key) or its key, so the later one rolls back as a conflict.</para>
/// </remarks>
internal sealed class PostgreSqlLedgerBatchStorage(NpgsqlDataSource dataSource) : ILedgerBatchStorage, IAsyncDisposable
{
    private const string Operation = "a ledger write";

    private const string LockHeads =
        $"SELECT {LedgerRows.HeadColumns} FROM ledger_heads h JOIN unnest($1::smallint[], $2::text[]) AS o(kind, id) "
        + "ON h.owner_kind = o.kind AND h.owner_id = o.id ORDER BY h.owner_kind, h.owner_id FOR UPDATE OF h";

    private const string ReadKeys =
        $"SELECT {LedgerRows.EntryColumns} FROM ledger_entries e JOIN unnest($1::smallint[], $2::text[], $3::text[]) AS k(kind, id, key) "
        + "ON e.owner_kind = k.kind AND e.owner_id = k.id AND e.idempotency_key = k.key";

    private const string InsertEntries =
        "INSERT INTO ledger_entries (owner_kind, owner_id, position, transaction_id, kind, amount, amount_currency, ledger_amount, "
        + "ledger_currency, rate, rate_from_us, rate_from_ns, at_us, at_ns, idempotency_key, notes, reference) "
        + "SELECT * FROM unnest($1::smallint[], $2::text[], $3::bigint[], $4::text[], $5::smallint[], $6::numeric[], $7::text[], "
        + "$8::numeric[], $9::text[], $10::numeric[], $11::bigint[], $12::smallint[], $13::bigint[], $14::smallint[], $15::text[], "
        + "$16::text[], $17::text[])";

    private const string UpdateHeads =
        "UPDATE ledger_heads h SET funds = u.funds, entry_count = u.entry_count "
        + "FROM unnest($1::smallint[], $2::text[], $3::numeric[], $4::bigint[]) AS u(kind, id, funds, entry_count) "
        + "WHERE h.owner_kind = u.kind AND h.owner_id = u.id";

    // Plans for the tables as they are now (see the remarks); for this transaction only.
    private static readonly (string Sql, int Parameters)[] PlanForTheTablesNow =
    [
        ("SET LOCAL plan_cache_mode = force_custom_plan", 0),
        ("SET LOCAL enable_seqscan = off", 0),
        ("SET LOCAL enable_hashjoin = off", 0),
        ("SET LOCAL enable_mergejoin = off", 0),
    ];

    private static readonly int LockHeadsCommand = 1 + PlanForTheTablesNow.Length;

    private const string InsertHeads =
        "INSERT INTO ledger_heads (owner_kind, owner_id, currency, funds, entry_count) "
        + "SELECT * FROM unnest($1::smallint[], $2::text[], $3::text[], $4::numeric[], $5::bigint[])";

    private NpgsqlConnection? _connection;
    private NpgsqlBatch? _read;
    private NpgsqlBatch? _write;
    private bool _readPrepared;
    private bool _writePrepared;

    public async ValueTask<ILedgerBatchTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_connection is null)
            {
                _connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                _read = Batch(_connection, [("BEGIN", 0), .. PlanForTheTablesNow, (LockHeads, 2), (ReadKeys, 3)]);
                _write = Batch(_connection, (InsertEntries, 17), (UpdateHeads, 4), (InsertHeads, 5), ("COMMIT", 0));
            }

            return new Transaction(this);
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e))
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw new StorageUnavailableException(Operation, outcomeKnown: true, e);
        }
    }

    public async ValueTask DisposeAsync() => await DropConnectionAsync().ConfigureAwait(false);

    private static NpgsqlBatch Batch(NpgsqlConnection connection, params ReadOnlySpan<(string Sql, int Parameters)> commands)
    {
        var batch = connection.CreateBatch();
        foreach (var (sql, parameters) in commands)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                command.Parameters.Add(new NpgsqlParameter());
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private async ValueTask DropConnectionAsync()
    {
        var connection = _connection;
        _connection = null;
        _read = null;
        _write = null;
        _readPrepared = false;
        _writePrepared = false;
        if (connection is not null)
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e))
            {
                // The connection is broken already; the pool discards it.
            }
        }
    }

    private static void Set(NpgsqlBatchCommand command, int index, object value) => command.Parameters[index].Value = value;

    private sealed class Transaction(PostgreSqlLedgerBatchStorage storage) : ILedgerBatchTransaction
    {
        private bool _begun;
        private bool _done;

        public async ValueTask ReadAsync(
            IReadOnlyCollection<LedgerOwner> owners,
            IReadOnlyCollection<(LedgerOwner Owner, string Key)> keys,
            Dictionary<LedgerOwner, LedgerHead> heads,
            Dictionary<(LedgerOwner Owner, string Key), LedgerTransaction> entries,
            CancellationToken cancellationToken)
        {
            var batch = storage._read!;
            var ownerKinds = new short[owners.Count];
            var ownerIds = new string[owners.Count];
            var i = 0;
            foreach (var owner in owners)
            {
                ownerKinds[i] = LedgerRows.Kind(owner);
                ownerIds[i++] = owner.Id;
            }

            var keyKinds = new short[keys.Count];
            var keyIds = new string[keys.Count];
            var keyTexts = new string[keys.Count];
            i = 0;
            foreach (var (owner, key) in keys)
            {
                keyKinds[i] = LedgerRows.Kind(owner);
                keyIds[i] = owner.Id;
                keyTexts[i++] = key;
            }

            var lockHeads = batch.BatchCommands[LockHeadsCommand];
            var readKeys = batch.BatchCommands[LockHeadsCommand + 1];
            Set(lockHeads, 0, ownerKinds);
            Set(lockHeads, 1, ownerIds);
            Set(readKeys, 0, keyKinds);
            Set(readKeys, 1, keyIds);
            Set(readKeys, 2, keyTexts);
            _begun = true;
            try
            {
                if (!storage._readPrepared)
                {
                    await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
                    storage._readPrepared = true;
                }

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var head = LedgerRows.ReadHead(reader);
                    heads[head.Owner] = head;
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var entry = LedgerRows.ReadTransaction(reader);
                    entries[(entry.Owner, entry.IdempotencyKey)] = entry;
                }
            }
            catch (Exception e)
            {
                throw await FailedAsync(e, outcomeKnown: true).ConfigureAwait(false);
            }
        }

        public async ValueTask CommitAsync(LedgerBatchWrite write)
        {
            _done = true;
            if (write.IsEmpty)
            {
                // Only replays, declines and refusals: nothing to flush, only the locks to release.
                await EndAsync("COMMIT").ConfigureAwait(false);
                return;
            }

            var batch = storage._write!;
            try
            {
                SetEntries(batch.BatchCommands[0], write.Entries);
                SetHeads(batch.BatchCommands[1], batch.BatchCommands[2], write.Heads);
                if (!storage._writePrepared)
                {
                    await batch.PrepareAsync(CancellationToken.None).ConfigureAwait(false);
                    storage._writePrepared = true;
                }

                await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A server error in a statement before the commit means the commit never ran (the server skips the rest of a
                // failed batch) and the transaction is rolled back; so does a server error answering the commit itself. A
                // connection lost on the way leaves it unknown whether the commit happened.
                var known = e is PostgresException { BatchCommand: { } failed } && (failed != batch.BatchCommands[^1] || !PostgreSqlErrors.IsUnavailable(e));
                throw await FailedAsync(e, known).ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_done && _begun && storage._connection is not null)
            {
                _done = true;
                try
                {
                    await EndAsync("ROLLBACK").ConfigureAwait(false);
                }
                catch (StorageUnavailableException)
                {
                    // The connection is gone, and the transaction with it.
                }
            }
        }

        private async ValueTask EndAsync(string sql)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, storage._connection);
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Ending a transaction that wrote nothing: whatever happens, nothing was written.
                throw await FailedAsync(e, outcomeKnown: true).ConfigureAwait(false);
            }
        }

        private static void SetEntries(NpgsqlBatchCommand command, List<(LedgerTransaction Transaction, long Position)> entries)
        {
            var n = entries.Count;
            var ownerKinds = new short[n];
            var ownerIds = new string[n];
            var positions = new long[n];
            var ids = new string[n];
            var kinds = new short[n];
            var amounts = new decimal[n];
            var amountCurrencies = new string[n];
            var ledgerAmounts = new decimal[n];
            var ledgerCurrencies = new string[n];
            var rates = new decimal?[n];
            var rateFromUs = new long?[n];
            var rateFromNs = new short?[n];
            var atUs = new long[n];
            var atNs = new short[n];
            var keys = new string[n];
            var notes = new string[n];
            var references = new string?[n];
            for (var i = 0; i < n; i++)
            {
                var (t, position) = entries[i];
                ownerKinds[i] = LedgerRows.Kind(t.Owner);
                ownerIds[i] = t.Owner.Id;
                positions[i] = position;
                ids[i] = t.Id.Value;
                kinds[i] = (short)t.Kind;
                amounts[i] = t.Amount.Amount;
                amountCurrencies[i] = t.Amount.Currency.Code;
                ledgerAmounts[i] = t.LedgerAmount.Amount;
                ledgerCurrencies[i] = t.LedgerAmount.Currency.Code;
                if (t.ExchangeRate is { } rate)
                {
                    rates[i] = rate.Rate;
                    (var us, var ns) = InstantColumns.Split(rate.EffectiveFrom);
                    rateFromUs[i] = us;
                    rateFromNs[i] = ns;
                }

                (atUs[i], atNs[i]) = InstantColumns.Split(t.Timestamp);
                keys[i] = t.IdempotencyKey;
                notes[i] = t.Notes;
                references[i] = t.Reference;
            }

            object?[] values = [ownerKinds, ownerIds, positions, ids, kinds, amounts, amountCurrencies, ledgerAmounts, ledgerCurrencies, rates, rateFromUs, rateFromNs, atUs, atNs, keys, notes, references];
            for (var i = 0; i < values.Length; i++)
            {
                Set(command, i, values[i]!);
            }
        }

        private static void SetHeads(NpgsqlBatchCommand update, NpgsqlBatchCommand insert, Dictionary<LedgerOwner, (LedgerHead Head, bool Existed)> heads)
        {
            List<LedgerHead> updated = [], inserted = [];
            foreach (var (head, existed) in heads.Values)
            {
                (existed ? updated : inserted).Add(head);
            }

            Set(update, 0, updated.Select(h => LedgerRows.Kind(h.Owner)).ToArray());
            Set(update, 1, updated.Select(h => h.Owner.Id).ToArray());
            Set(update, 2, updated.Select(h => h.Funds.Amount).ToArray());
            Set(update, 3, updated.Select(h => h.Count).ToArray());
            Set(insert, 0, inserted.Select(h => LedgerRows.Kind(h.Owner)).ToArray());
            Set(insert, 1, inserted.Select(h => h.Owner.Id).ToArray());
            Set(insert, 2, inserted.Select(h => h.Currency.Code).ToArray());
            Set(insert, 3, inserted.Select(h => h.Funds.Amount).ToArray());
            Set(insert, 4, inserted.Select(h => h.Count).ToArray());
        }

        private async ValueTask<Exception> FailedAsync(Exception e, bool outcomeKnown)
        {
            _done = true;
            await storage.DropConnectionAsync().ConfigureAwait(false);
            if (PostgreSqlErrors.IsConflict(e))
            {
                return new LedgerBatchConflictException("A concurrent writer wrote one of the batch's ledgers first; nothing was written.", e);
            }

            return new StorageUnavailableException(Operation, outcomeKnown, e);
        }
    }
}
