namespace Billing.Core.Monetary;

/// <summary>Powers of ten for minor units, precomputed so rounding never allocates or loops.</summary>
internal static class MinorUnits
{
    private static readonly decimal[] Units = [1m, 0.1m, 0.01m, 0.001m, 0.0001m];

    public static decimal Unit(int digits) => Units[digits];
}
