using Billing.Core.Charging;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.Sqlite.Writing;

namespace Billing.Core.Storage.Sqlite.Ledgers;

/// <summary>
/// The ledgers in SQLite: reads on pooled connections (the last committed state), writes through the store's one writer, which
/// groups concurrent callers' charges and postings into shared transactions (<see cref="LedgerBatch"/> decides each in order).
/// </summary>
internal sealed class SqliteLedgerStore(SqliteDatabase database, SqliteWriter writer) : ILedgerStore
{
    public ValueTask<LedgerHead?> GetHeadAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(database.Read(nameof(GetHeadAsync), connection =>
        {
            using var command = connection.Command(LedgerRows.SelectHead, "$kind", "$id").With((long)owner.Kind, owner.Id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? LedgerRows.ReadHead(reader, owner) : (LedgerHead?)null;
        }));
    }

    public ValueTask<IReadOnlyList<LedgerTransaction>> GetTransactionsAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(database.Read<IReadOnlyList<LedgerTransaction>>(nameof(GetTransactionsAsync), connection =>
        {
            using var command = connection.Command(LedgerRows.SelectEntries, "$kind", "$id").With((long)owner.Kind, owner.Id);
            using var reader = command.ExecuteReader();
            var transactions = new List<LedgerTransaction>();
            while (reader.Read())
            {
                transactions.Add(LedgerRows.ReadTransaction(reader, owner));
            }

            return transactions;
        }));
    }

    public ValueTask<LedgerTransaction?> FindByIdempotencyKeyAsync(LedgerOwner owner, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(database.Read(nameof(FindByIdempotencyKeyAsync), connection =>
        {
            using var command = connection.Command(LedgerRows.SelectByKey, "$kind", "$id", "$key").With((long)owner.Kind, owner.Id, idempotencyKey);
            using var reader = command.ExecuteReader();
            return reader.Read() ? LedgerRows.ReadTransaction(reader, owner) : null;
        }));
    }

    public ValueTask<LedgerAppendOutcome> AppendAsync(
        LedgerOwner owner,
        Currency currency,
        TransactionRequest request,
        ExchangeRateTable? rates = null,
        CancellationToken cancellationToken = default)
    {
        CheckOwner(owner);
        ArgumentNullException.ThrowIfNull(request);
        return new ValueTask<LedgerAppendOutcome>(writer.WriteAsync(new PostingWrite(owner, currency, request, rates, cancellationToken)));
    }

    public ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(chain);
        return new ValueTask<ChargeOutcome>(writer.WriteAsync(new ChargeWrite(charge, [.. chain], cancellationToken)));
    }

    private static void CheckOwner(LedgerOwner owner)
    {
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }
    }
}
