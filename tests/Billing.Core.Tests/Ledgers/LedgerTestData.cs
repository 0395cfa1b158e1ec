using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Core.Tests.Ledgers;

/// <summary>Builders and FsCheck generators (with shrinkers) shared by the ledger and balance tests.</summary>
public static class LedgerTestData
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static LedgerOwner Account(string id = "ACC-1") => LedgerOwner.ForAccount(AccountId.From(id));

    public static LedgerOwner Customer(string id = "CUS-1") => LedgerOwner.ForCustomer(CustomerId.From(id));

    public static Money Gbp(decimal amount) => new(amount, Currency.GBP);

    public static TransactionRequest Request(
        TransactionKind kind,
        Money amount,
        string key,
        Instant? at = null,
        string? notes = null,
        string? reference = null)
        => new(TransactionId.From("TXN-" + key), kind, amount, at ?? T0, key, notes, reference);

    /// <summary>
    /// The direction of each kind as docs/balances.md states it, written out again here (not taken from the library)
    /// so that the tests check the code against the documentation.
    /// </summary>
    public static decimal DocumentedFundsSign(TransactionKind kind) => kind switch
    {
        TransactionKind.TopUp => 1m,
        TransactionKind.Payment => 1m,
        TransactionKind.Credit => 1m,
        TransactionKind.Charge => -1m,
        TransactionKind.Debit => -1m,
        TransactionKind.Refund => -1m,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static readonly TransactionKind[] AllKinds = Enum.GetValues<TransactionKind>();

    /// <summary>Positive amounts with 0 to 6 fraction digits (ledger amounts keep full precision), 0.000001 to 100,000.</summary>
    public static Gen<decimal> PositiveAmount =>
        from units in Gen.Choose(1, 100_000)
        from scale in Gen.Frequency((3, Gen.Constant(2)), (1, Gen.Choose(0, 6)))
        select units / Pow10(scale);

    public static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10m;
        }

        return result;
    }

    /// <summary>Shrinks a positive amount towards 1 and towards fewer fraction digits, staying positive.</summary>
    public static IEnumerable<decimal> ShrinkPositive(decimal value)
    {
        if (value != 1m)
        {
            yield return 1m;
        }

        var truncated = decimal.Truncate(value);
        if (truncated != value && truncated > 0m)
        {
            yield return truncated;
        }

        if (decimal.Round(value, 2) != value && decimal.Round(value, 2) > 0m)
        {
            yield return decimal.Round(value, 2);
        }

        if (value >= 2m)
        {
            yield return decimal.Truncate(value / 2m);
        }
    }

    /// <summary>Shrinks a list by dropping halves and single elements, then by shrinking one element.</summary>
    public static IEnumerable<T[]> ShrinkList<T>(T[] items, Func<T, IEnumerable<T>> shrinkItem)
    {
        if (items.Length > 1)
        {
            yield return items[..(items.Length / 2)];
            yield return items[(items.Length / 2)..];
        }

        for (var i = 0; i < items.Length; i++)
        {
            yield return [.. items[..i], .. items[(i + 1)..]];
        }

        for (var i = 0; i < items.Length; i++)
        {
            foreach (var smaller in shrinkItem(items[i]))
            {
                var copy = (T[])items.Clone();
                copy[i] = smaller;
                yield return copy;
            }
        }
    }
}
