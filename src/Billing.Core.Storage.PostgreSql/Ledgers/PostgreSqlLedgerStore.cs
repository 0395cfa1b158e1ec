using Billing.Core.Charging;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Npgsql;

namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>
/// The ledger store in PostgreSQL. Reads go straight to the database; every write — postings and authorise-and-append — goes
/// through one of its <see cref="LedgerBatcher"/>s (the writers, each on its own connection; <see cref="LedgerWriterRouting"/>
/// picks one), which decide with the core's <see cref="PostingDecision"/> and <see cref="ChargeDecision"/> inside shared
/// transactions and hold no rule of their own.
/// </summary>
internal sealed class PostgreSqlLedgerStore : ILedgerStore, IAsyncDisposable
{
    private const string HeadSql = $"SELECT {LedgerRows.HeadColumns} FROM ledger_heads h WHERE h.owner_kind = $1 AND h.owner_id = $2";
    private const string TransactionsSql = $"SELECT {LedgerRows.EntryColumns} FROM ledger_entries e WHERE e.owner_kind = $1 AND e.owner_id = $2 ORDER BY e.position";
    private const string KeySql = $"SELECT {LedgerRows.EntryColumns} FROM ledger_entries e WHERE e.owner_kind = $1 AND e.owner_id = $2 AND e.idempotency_key = $3";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlLedgerBatchStorage[] _storages;
    private readonly LedgerBatcher[] _writers;

    /// <summary>Creates the store and starts its writer loops.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="maxBatchSize">The most writes one transaction holds.</param>
    /// <param name="writers">How many writer loops run, each with its own connection.</param>
    public PostgreSqlLedgerStore(NpgsqlDataSource dataSource, int maxBatchSize, int writers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _dataSource = dataSource;
        _storages = new PostgreSqlLedgerBatchStorage[writers];
        _writers = new LedgerBatcher[writers];
        for (var i = 0; i < writers; i++)
        {
            _storages[i] = new PostgreSqlLedgerBatchStorage(dataSource);
            _writers[i] = new LedgerBatcher(_storages[i], maxBatchSize);
        }
    }

    public async ValueTask<LedgerHead?> GetHeadAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner);
        return await ReadAsync(nameof(GetHeadAsync), HeadSql, owner, null, LedgerRows.ReadHead, cancellationToken).ConfigureAwait(false) is [var head] ? head : null;
    }

    public async ValueTask<IReadOnlyList<LedgerTransaction>> GetTransactionsAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner);
        return await ReadAsync(nameof(GetTransactionsAsync), TransactionsSql, owner, null, LedgerRows.ReadTransaction, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<LedgerTransaction?> FindByIdempotencyKeyAsync(LedgerOwner owner, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        if (!PostgreSqlText.IsStorable(idempotencyKey))
        {
            return null; // no stored key holds what the database cannot store
        }

        return await ReadAsync(nameof(FindByIdempotencyKeyAsync), KeySql, owner, idempotencyKey, LedgerRows.ReadTransaction, cancellationToken).ConfigureAwait(false) is [var found]
            ? found
            : null;
    }

    public ValueTask<LedgerAppendOutcome> AppendAsync(
        LedgerOwner owner,
        Currency currency,
        TransactionRequest request,
        ExchangeRateTable? rates = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckOwner(owner);
        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The ledger currency must not be default(Currency).", nameof(currency));
        }

        CheckText(request);
        cancellationToken.ThrowIfCancellationRequested();
        return new(_writers[LedgerWriterRouting.Writer(owner, _writers.Length)].PostAsync(owner, currency, request, rates, cancellationToken));
    }

    public ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(chain);
        CheckText(charge);
        cancellationToken.ThrowIfCancellationRequested();
        var writer = _writers[LedgerWriterRouting.Writer(LedgerWriterRouting.Top(chain), _writers.Length)];
        return new(writer.ChargeAsync(charge, chain, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _writers.Length; i++)
        {
            await _writers[i].DisposeAsync().ConfigureAwait(false); // finishes what is queued, on its storage's connection
            await _storages[i].DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void CheckOwner(LedgerOwner owner)
    {
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }
    }

    private static void CheckText(TransactionRequest request)
    {
        PostgreSqlText.Check(request.IdempotencyKey, "LedgerTransaction.IdempotencyKey");
        PostgreSqlText.Check(request.Notes, "LedgerTransaction.Notes");
        PostgreSqlText.Check(request.Reference, "LedgerTransaction.Reference");
    }

    private async ValueTask<List<T>> ReadAsync<T>(
        string operation,
        string sql,
        LedgerOwner owner,
        string? key,
        Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = LedgerRows.Kind(owner) });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner.Id });
            if (key is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }
        }
        catch (Exception e) when (PostgreSqlErrors.IsUnavailable(e) && e is not OperationCanceledException)
        {
            throw new StorageUnavailableException(operation, outcomeKnown: true, e);
        }

        return rows;
    }
}
