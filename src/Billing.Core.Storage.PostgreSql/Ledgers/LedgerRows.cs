using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Npgsql;

namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>The columns of <c>ledger_entries</c> and <c>ledger_heads</c>, and how a row becomes a transaction or a head.</summary>
internal static class LedgerRows
{
    /// <summary>The columns <see cref="ReadTransaction"/> reads, in its order.</summary>
    public const string EntryColumns =
        "e.owner_kind, e.owner_id, e.transaction_id, e.kind, e.amount, e.amount_currency, e.ledger_amount, e.ledger_currency, "
        + "e.rate, e.rate_from_us, e.rate_from_ns, e.at_us, e.at_ns, e.idempotency_key, e.notes, e.reference";

    /// <summary>The columns <see cref="ReadHead"/> reads, in its order.</summary>
    public const string HeadColumns = "h.owner_kind, h.owner_id, h.currency, h.funds, h.entry_count";

    public static short Kind(LedgerOwner owner) => (short)owner.Kind;

    public static LedgerOwner Owner(short kind, string id) => (LedgerOwnerKind)kind switch
    {
        LedgerOwnerKind.Account => LedgerOwner.ForAccount(AccountId.From(id)),
        LedgerOwnerKind.Customer => LedgerOwner.ForCustomer(CustomerId.From(id)),
        _ => throw new InvalidDataException($"ledger owner kind {kind} is not an account (1) or a customer (2)"),
    };

    /// <summary>Reads a transaction from the current row, whose first columns are <see cref="EntryColumns"/>.</summary>
    public static LedgerTransaction ReadTransaction(NpgsqlDataReader row)
    {
        var owner = Owner(row.GetInt16(0), row.GetString(1));
        var amountCurrency = Currency.FromCode(row.GetString(5));
        var ledgerCurrency = Currency.FromCode(row.GetString(7));
        ExchangeRate? rate = row.IsDBNull(8)
            ? null
            : new ExchangeRate(amountCurrency, ledgerCurrency, row.GetDecimal(8), InstantColumns.Join(row.GetInt64(9), row.GetInt16(10)));
        return new LedgerTransaction(
            TransactionId.From(row.GetString(2)),
            owner,
            (TransactionKind)row.GetInt16(3),
            new Money(row.GetDecimal(4), amountCurrency),
            new Money(row.GetDecimal(6), ledgerCurrency),
            rate,
            InstantColumns.Join(row.GetInt64(11), row.GetInt16(12)),
            row.GetString(13),
            row.GetString(14),
            row.IsDBNull(15) ? null : row.GetString(15));
    }

    /// <summary>Reads a head from the current row, whose first columns are <see cref="HeadColumns"/>.</summary>
    public static LedgerHead ReadHead(NpgsqlDataReader row)
        => new(Owner(row.GetInt16(0), row.GetString(1)), new Money(row.GetDecimal(3), Currency.FromCode(row.GetString(2))), row.GetInt64(4));
}
