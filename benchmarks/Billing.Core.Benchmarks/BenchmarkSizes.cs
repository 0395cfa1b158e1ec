using System.Globalization;

namespace Billing.Core.Benchmarks;

/// <summary>Benchmark sizes a run can override from the environment (CI's dry job uses small ones).</summary>
internal static class BenchmarkSizes
{
    /// <summary>The comma-separated whole numbers in <paramref name="variable"/>, or <paramref name="defaults"/> when it is unset.</summary>
    public static IEnumerable<int> FromEnvironment(string variable, params int[] defaults)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture))
            : defaults;
}
