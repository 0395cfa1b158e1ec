using BenchmarkDotNet.Attributes;
using Billing.Core.Monetary;

namespace Billing.Core.Benchmarks;

/// <summary>Money arithmetic and rounding beside the bare <see cref="decimal"/> operations they wrap.</summary>
[MemoryDiagnoser]
public class MoneyBenchmarks
{
    private readonly decimal _amount = 1234.5678m;
    private readonly Money _money = Money.Of(1234.5678m, "GBP");
    private readonly Money _other = Money.Of(0.0012m, "GBP");

    /// <summary>The bare decimal rounding that <see cref="Money.Round"/> adds a currency check to.</summary>
    /// <returns>The rounded amount.</returns>
    [Benchmark(Baseline = true)]
    public decimal DecimalRound() => decimal.Round(_amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounding to the currency's minor unit.</summary>
    /// <returns>The rounded money.</returns>
    [Benchmark]
    public Money Round() => _money.Round();

    /// <summary>Same-currency addition.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public Money Add() => _money + _other;

    /// <summary>Splitting into three parts that sum exactly to the whole.</summary>
    /// <returns>The parts.</returns>
    [Benchmark]
    public Money[] AllocateThreeWays() => _money.Allocate(3);
}
