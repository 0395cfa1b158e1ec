using BenchmarkDotNet.Attributes;
using Billing.Core.ExchangeRates;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// Converting an amount with the rate in force at an instant, from a table of 3 pairs × 365 daily rates.
/// Baseline: a linear scan of every rate for the latest effective one, then the same multiply and round.
/// </summary>
[MemoryDiagnoser]
public class BalancesExchangeRateBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);
    private readonly Money _amount = Money.Of(12.3456m, "EUR");
    private readonly Instant _at = Start + Duration.FromDays(200) + Duration.FromHours(5);
    private ExchangeRateTable _table = ExchangeRateTable.Empty;
    private ExchangeRate[] _rates = [];

    /// <summary>Builds the table.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rates = new List<ExchangeRate>();
        foreach (var (from, to) in new[] { (Currency.EUR, Currency.GBP), (Currency.USD, Currency.GBP), (Currency.GBP, Currency.JPY) })
        {
            for (var day = 0; day < 365; day++)
            {
                rates.Add(new ExchangeRate(from, to, 0.8m + day / 10_000m, Start + Duration.FromDays(day)));
            }
        }

        _rates = [.. rates];
        _table = ExchangeRateTable.From(rates);
    }

    /// <summary>Finds the rate by scanning every rate.</summary>
    /// <returns>The converted amount.</returns>
    [Benchmark(Baseline = true)]
    public Money ConvertByScanning()
    {
        ExchangeRate best = default;
        var found = false;
        foreach (var rate in _rates)
        {
            if (rate.From == _amount.Currency && rate.To == Currency.GBP && rate.EffectiveFrom <= _at && (!found || rate.EffectiveFrom > best.EffectiveFrom))
            {
                best = rate;
                found = true;
            }
        }

        return best.Convert(_amount);
    }

    /// <summary>Converts with the table (hash lookup of the pair, binary search of the instant).</summary>
    /// <returns>The converted amount.</returns>
    [Benchmark]
    public Money Convert() => _table.Convert(_amount, Currency.GBP, _at);
}
