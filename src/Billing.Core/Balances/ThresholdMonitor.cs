using System.Collections.Immutable;
using Billing.Core.Monetary;

namespace Billing.Core.Balances;

/// <summary>
/// Reports the thresholds a transaction crossed. A crossing is reported when the balance before and the
/// balance after lie on different sides of a threshold, so a sequence of transactions reports each crossing exactly
/// once: staying beyond reports nothing new, and coming back (<see cref="ThresholdDirection.Cleared"/>) then
/// crossing again (<see cref="ThresholdDirection.Reached"/>) reports again. No state is kept: the balance is the state.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class ThresholdMonitor
{
    /// <summary>The thresholds crossed between two balances, in the order the thresholds are given.</summary>
    /// <param name="thresholds">The host's thresholds.</param>
    /// <param name="model">The balance's model.</param>
    /// <param name="creditLimit">The postpaid credit limit, or null.</param>
    /// <param name="balanceBefore">Available funds (prepaid) or amount owed (postpaid) before the transaction.</param>
    /// <param name="balanceAfter">The same after the transaction.</param>
    /// <returns>The crossings; empty (without allocating) when there are none.</returns>
    /// <exception cref="ArgumentException">A balance or the credit limit is <c>default(Money)</c>.</exception>
    /// <exception cref="BillingRuleException">
    /// The two balances, the credit limit or a funds threshold's amount are not all in one currency.
    /// </exception>
    public static ImmutableArray<ThresholdCrossing> Crossings(
        ReadOnlySpan<BalanceThreshold> thresholds,
        BalanceModel model,
        Money? creditLimit,
        Money balanceBefore,
        Money balanceAfter)
    {
        Guard.NotDefault(balanceBefore);
        Guard.Rule(Guard.NotDefault(balanceAfter).Currency == balanceBefore.Currency, "ThresholdMonitor.BalanceAfter", balanceAfter, $"both balances must be in one currency ({balanceBefore.Currency})");
        ImmutableArray<ThresholdCrossing>.Builder? found = null;
        foreach (var threshold in thresholds)
        {
            var before = threshold.IsBeyond(model, balanceBefore, creditLimit);
            var after = threshold.IsBeyond(model, balanceAfter, creditLimit);
            if (before != after)
            {
                found ??= ImmutableArray.CreateBuilder<ThresholdCrossing>();
                found.Add(new ThresholdCrossing(threshold, after ? ThresholdDirection.Reached : ThresholdDirection.Cleared));
            }
        }

        return found is null ? [] : found.ToImmutable();
    }
}
