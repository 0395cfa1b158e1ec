using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Core.Tests.Customers;

/// <summary>
/// Generators of hostile input (random and curated strings including null, white space, control and
/// non-ASCII characters; extreme decimals; dates across the whole ISO range; every currency) and the
/// check that an action throws nothing but the documented exceptions.
/// </summary>
internal static class Fuzz
{
    public static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly string[] Curated =
    [
        "", " ", "\t", "\n", "\0", "a", "ACME Ltd", "x@y.z", "a@b.co", "+441632960123", "01632 960123", "0044 20 7946 0000",
        "118118", "(0)", "+", "00", "0", "-", "en-GB", "zh-Hant-TW", "x-private", "i-klingon", "GB", "UK", "gb", "Europe/London",
        "UTC", "Etc/GMT+14", "../etc", "GBP", "gbp", "XXX", "é", "\u212A", "\uD800", "🙂", new string('a', 201), new string('9', 16),
        "Robert'); DROP TABLE customers;--", "%s%n", "\u00A0", "\u200B", "-1", "1e308", "NaN",
    ];

    public static Gen<string?> Strings =>
        Gen.Frequency(
            (3, Gen.Elements(Curated).Select(s => (string?)s)),
            (3, Gen.Choose(0, 0xFFFF).Select(i => (char)i).ArrayOf().Select(a => (string?)new string(a))),
            (3, Gen.Elements("abcXYZ019 -.+()@'&_/".ToCharArray()).ArrayOf().Select(a => (string?)new string(a))),
            (1, Gen.Constant((string?)null)));

    public static Gen<string> NonNullStrings => Strings.Select(s => s ?? string.Empty);

    public static Gen<decimal> Decimals =>
        Gen.Frequency(
            (4, Billing.Core.Tests.Support.Generators.Amount),
            (1, Gen.Elements(decimal.MaxValue, decimal.MinValue, 0m, -0.000001m, 1e-28m, 79228162514264337593543950m, 1_000_000_000m, 1_000_000_000.000000001m)));

    public static Gen<int> Ints => Gen.Frequency((4, Gen.Choose(-1000, 1000)), (1, Gen.Elements(int.MinValue, int.MaxValue, 0, 1, 365, 366)));

    public static Gen<LocalDate> Dates =>
        Gen.Frequency(
            (4, Gen.Choose(0, 3_652_058).Select(d => new LocalDate(1, 1, 1).PlusDays(d))),
            (1, Gen.Elements(LocalDate.MinIsoValue, LocalDate.MaxIsoValue, new LocalDate(2026, 1, 1))));

    public static Gen<LocalDate?> OptionalDates => Gen.Frequency((3, Dates.Select(d => (LocalDate?)d)), (1, Gen.Constant((LocalDate?)null)));

    public static Gen<Instant> Instants =>
        Gen.Frequency(
            (4, Gen.Choose(-2_000_000, 2_000_000).Select(h => Instant.FromUtc(2000, 1, 1, 0, 0) + Duration.FromHours(h))),
            (1, Gen.Elements(Instant.MinValue, Instant.MaxValue, Instant.FromUtc(-9998, 1, 1, 0, 0), Instant.FromUtc(9999, 12, 31, 23, 59))));

    public static Gen<Currency> Currencies => Billing.Core.Tests.Support.Generators.Currency;

    /// <summary>Amounts of money: the hostile decimals brought within ±<see cref="Money.MaxAmount"/>, since no larger amount exists.</summary>
    public static Gen<Money> Monies => from a in Decimals from c in Currencies select new Money(Math.Clamp(a, -Money.MaxAmount, Money.MaxAmount), c);

    /// <summary>True when <paramref name="action"/> succeeds or throws a documented exception; anything else escapes and fails the property.</summary>
    public static bool OnlyDocumentedExceptions(Action action)
    {
        try
        {
            action();
        }
        catch (BillingRuleException)
        {
        }
        catch (ArgumentException)
        {
        }

        return true;
    }

    public static void Check<T>(Gen<T> gen, Action<T> action)
        => Prop.ForAll(gen.ToArbitrary(), x => OnlyDocumentedExceptions(() => action(x))).Check(Config);
}
