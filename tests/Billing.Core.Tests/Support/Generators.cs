using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;

namespace Billing.Core.Tests.Support;

/// <summary>FsCheck generators with shrinkers for the library's value types.</summary>
public static class Generators
{
    public static Gen<Currency> Currency => Gen.Elements(Billing.Core.Monetary.Currency.All.ToArray());

    /// <summary>Decimals with 0–6 fraction digits and up to 12 integer digits, either sign.</summary>
    public static Gen<decimal> Amount =>
        from high in Gen.Choose(-1_000_000, 1_000_000)
        from low in Gen.Choose(0, 999_999)
        from scale in Gen.Choose(0, 6)
        select ((decimal)high * 1_000_000m + (high < 0 ? -low : low)) / Pow10(scale);

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10m;
        }

        return result;
    }

    /// <summary>Shrinks an amount towards zero and towards fewer fraction digits.</summary>
    public static IEnumerable<decimal> ShrinkAmount(decimal value)
    {
        if (value == 0m)
        {
            yield break;
        }

        yield return 0m;
        var truncated = decimal.Truncate(value);
        if (truncated != value)
        {
            yield return truncated;
            yield return decimal.Round(value, 2);
        }

        if (Math.Abs(value) >= 2m)
        {
            yield return decimal.Truncate(value / 2m);
        }

        if (value < 0m)
        {
            yield return -value;
        }
    }

    public static Arbitrary<Money> Money =>
        Arb.From(
            from amount in Amount
            from currency in Currency
            select new Money(amount, currency),
            ShrinkMoney);

    private static IEnumerable<Money> ShrinkMoney(Money money)
    {
        foreach (var amount in ShrinkAmount(money.Amount))
        {
            yield return new Money(amount, money.Currency);
        }

        if (money.Currency != Billing.Core.Monetary.Currency.GBP)
        {
            yield return new Money(money.Amount, Billing.Core.Monetary.Currency.GBP);
        }
    }
}
