using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite.Ledgers;

/// <summary>The SQL of the ledger tables and the mapping between their rows and the core's ledger types.</summary>
internal static class LedgerRows
{
    /// <summary>The entry columns every read selects, in the order <see cref="ReadTransaction"/> reads them.</summary>
    public const string EntryColumns =
        "transaction_id, kind, amount, currency, ledger_amount, ledger_currency, rate, rate_effective_from, at, idempotency_key, notes, reference";

    public const string SelectHead = "SELECT currency, funds, entry_count FROM ledger_heads WHERE owner_kind = $kind AND owner_id = $id";

    public const string SelectEntries = "SELECT " + EntryColumns + " FROM ledger_entries WHERE owner_kind = $kind AND owner_id = $id ORDER BY position";

    public const string SelectByKey = "SELECT " + EntryColumns + " FROM ledger_entries WHERE owner_kind = $kind AND owner_id = $id AND idempotency_key = $key";

    public const string InsertEntry =
        "INSERT INTO ledger_entries (owner_kind, owner_id, position, " + EntryColumns + ") "
        + "VALUES ($kind, $id, $position, $transaction, $type, $amount, $currency, $ledgerAmount, $ledgerCurrency, $rate, $rateFrom, $at, $key, $notes, $reference)";

    public const string UpsertHead =
        "INSERT INTO ledger_heads (owner_kind, owner_id, currency, funds, entry_count) VALUES ($kind, $id, $currency, $funds, $count) "
        + "ON CONFLICT (owner_kind, owner_id) DO UPDATE SET funds = excluded.funds, entry_count = excluded.entry_count";

    /// <summary>
    /// Which of <paramref name="levels"/> ledgers hold a key, in one statement: <c>?1</c> the key, then per level i the owner's kind
    /// <c>?(2+2i)</c> and id <c>?(3+2i)</c>. Each term is one probe of the (owner, key) unique index.
    /// </summary>
    public static string HoldersOfKey(int levels)
        => "SELECT owner_kind, owner_id FROM ledger_entries WHERE idempotency_key = ?1 AND ("
            + string.Join(" OR ", Enumerable.Range(0, levels).Select(i => $"(owner_kind = ?{2 + (2 * i)} AND owner_id = ?{3 + (2 * i)})")) + ")";

    /// <summary>
    /// A charge's entries at <paramref name="levels"/> levels in one statement. What every level shares is bound once: <c>?1</c>
    /// transaction id, <c>?2</c> amount, <c>?3</c> currency, <c>?4</c> time, <c>?5</c> key, <c>?6</c> notes, <c>?7</c> reference;
    /// per level i, from <c>?(8+5i)</c>: owner kind, owner id, position, ledger amount, ledger currency.
    /// </summary>
    public static string InsertCharge(int levels)
        => "INSERT INTO ledger_entries (owner_kind, owner_id, position, " + EntryColumns + ") VALUES "
            + string.Join(", ", Enumerable.Range(0, levels).Select(i =>
            {
                var p = 8 + (5 * i);
                return $"(?{p}, ?{p + 1}, ?{p + 2}, ?1, {(long)TransactionKind.Charge}, ?2, ?3, ?{p + 3}, ?{p + 4}, NULL, NULL, ?4, ?5, ?6, ?7)";
            }));

    public static readonly string[] InsertEntryParameters =
        ["$kind", "$id", "$position", "$transaction", "$type", "$amount", "$currency", "$ledgerAmount", "$ledgerCurrency", "$rate", "$rateFrom", "$at", "$key", "$notes", "$reference"];

    /// <summary>Reads a head row (from <see cref="SelectHead"/>) of <paramref name="owner"/>.</summary>
    public static LedgerHead ReadHead(SqliteDataReader reader, LedgerOwner owner)
        => new(owner, new Money(SqliteText.ParseDecimal(reader.GetString(1)), Currency.FromCode(reader.GetString(0))), reader.GetInt64(2));

    /// <summary>Reads an entry row (<see cref="EntryColumns"/>) of <paramref name="owner"/>.</summary>
    public static LedgerTransaction ReadTransaction(SqliteDataReader reader, LedgerOwner owner)
    {
        var currency = Currency.FromCode(reader.GetString(3));
        var ledgerCurrency = Currency.FromCode(reader.GetString(5));
        var rate = reader.IsDBNull(6)
            ? (ExchangeRate?)null
            : new ExchangeRate(currency, ledgerCurrency, SqliteText.ParseDecimal(reader.GetString(6)), SqliteText.ParseInstant(reader.GetString(7)));
        return new LedgerTransaction(
            TransactionId.From(reader.GetString(0)),
            owner,
            (TransactionKind)reader.GetInt64(1),
            new Money(SqliteText.ParseDecimal(reader.GetString(2)), currency),
            new Money(SqliteText.ParseDecimal(reader.GetString(4)), ledgerCurrency),
            rate,
            SqliteText.ParseInstant(reader.GetString(8)),
            reader.GetString(9),
            reader.GetString(10),
            reader.NullableString(11));
    }

    /// <summary>The owner of a ledger from its key columns.</summary>
    public static LedgerOwner Owner(long kind, string id) => (LedgerOwnerKind)kind switch
    {
        LedgerOwnerKind.Account => LedgerOwner.ForAccount(AccountId.From(id)),
        LedgerOwnerKind.Customer => LedgerOwner.ForCustomer(CustomerId.From(id)),
        _ => throw new InvalidOperationException($"A ledger row names owner kind {kind}, which is not a LedgerOwnerKind."),
    };

    /// <summary>Sets the values of an <see cref="InsertEntry"/> command: the transaction at its position in its ledger.</summary>
    public static void BindEntry(SqliteCommand insert, LedgerTransaction transaction, long position)
    {
        var rate = transaction.ExchangeRate;
        insert.With(
            (long)transaction.Owner.Kind,
            transaction.Owner.Id,
            position,
            transaction.Id.Value,
            (long)transaction.Kind,
            SqliteText.Decimal(transaction.Amount.Amount),
            transaction.Amount.Currency.Code,
            SqliteText.Decimal(transaction.LedgerAmount.Amount),
            transaction.LedgerAmount.Currency.Code,
            rate is { } r ? SqliteText.Decimal(r.Rate) : null,
            rate is { } f ? SqliteText.Instant(f.EffectiveFrom) : null,
            SqliteText.Instant(transaction.Timestamp),
            transaction.IdempotencyKey,
            transaction.Notes,
            transaction.Reference);
    }
}
