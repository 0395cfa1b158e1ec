using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Billing.Core.Balances;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// Decides whether a charge may go through (SPEC §3.3). The chain lists the levels the charge counts against, nearest
/// first: index 0 is the account, then its customer, then every ancestor customer below the root (the root is never
/// part of the chain). A charge passes only if it passes at every level:
/// <list type="bullet">
/// <item>an active prepaid level: <c>available funds − charge ≥ 0</c>;</item>
/// <item>an active postpaid level: <c>amount owed + charge ≤ credit limit</c>, always when it has no limit;</item>
/// <item>a suspended or closed level declines everything;</item>
/// <item>a level in another currency than the charge declines with <see cref="DeclineReason.CurrencyMismatch"/>: the
/// authoriser never converts, the host converts the charge first.</item>
/// </list>
/// Levels are checked from the account upwards and the first one that declines is reported.
/// </summary>
/// <remarks>Pure, thread-safe and allocation-free.</remarks>
public static class Authoriser
{
    /// <summary>Authorises a charge against a chain.</summary>
    /// <param name="charge">The charge; greater than zero.</param>
    /// <param name="chain">The levels, account first; at least one.</param>
    /// <returns>Approved, or declined with the reason and the level nearest the account that declined.</returns>
    /// <exception cref="ArgumentException"><paramref name="chain"/> is empty.</exception>
    /// <exception cref="BillingRuleException"><paramref name="charge"/> is not greater than zero.</exception>
    public static AuthorisationDecision Authorise(Money charge, ReadOnlySpan<BalanceLevel> chain)
    {
        if (chain.IsEmpty)
        {
            ThrowEmptyChain();
        }

        var amount = charge.Amount;
        if (amount <= 0m)
        {
            ThrowNotPositive(charge);
        }

        var currency = charge.Currency;
        for (var i = 0; i < chain.Length; i++)
        {
            ref readonly var level = ref chain[i];
            var reason = Check(in level, amount, currency);
            if (reason != DeclineReason.None)
            {
                return AuthorisationDecision.Declined(reason, i, level.Owner);
            }
        }

        return AuthorisationDecision.Approved;
    }

    /// <summary>
    /// The headroom: the largest charge in <paramref name="currency"/> that would pass now, i.e. the minimum over the
    /// chain of each level's own headroom (available funds for prepaid, credit limit minus amount owed for postpaid),
    /// never below zero. Exact, at full precision: a charge equal to a positive headroom passes, any larger one fails.
    /// Zero means no charge can pass (a suspended, closed or other-currency level, no funds, or at or over the limit).
    /// </summary>
    /// <param name="currency">The currency of the charges to cap.</param>
    /// <param name="chain">The levels, account first; at least one.</param>
    /// <returns>The headroom, or null when it is unbounded (every level is an active postpaid level without a limit).</returns>
    /// <exception cref="ArgumentException"><paramref name="chain"/> is empty.</exception>
    public static decimal? Headroom(Currency currency, ReadOnlySpan<BalanceLevel> chain)
    {
        if (chain.IsEmpty)
        {
            ThrowEmptyChain();
        }

        var bounded = false;
        var headroom = 0m;
        for (var i = 0; i < chain.Length; i++)
        {
            ref readonly var level = ref chain[i];
            if (level.Status != BillingStatus.Active || level.Currency != currency)
            {
                return 0m;
            }

            decimal own;
            if (level.Model == BalanceModel.Prepaid)
            {
                own = level.Amount;
            }
            else if (level.HasCreditLimit)
            {
                own = level.CreditLimitValue - level.Amount;
            }
            else
            {
                continue;
            }

            if (!bounded || own < headroom)
            {
                headroom = own;
                bounded = true;
            }
        }

        return bounded ? (headroom < 0m ? 0m : headroom) : null;
    }

    private static DeclineReason Check(in BalanceLevel level, decimal amount, Currency currency)
    {
        if (level.Status != BillingStatus.Active)
        {
            return level.Status == BillingStatus.Suspended ? DeclineReason.Suspended : DeclineReason.Closed;
        }

        if (level.Currency != currency)
        {
            return DeclineReason.CurrencyMismatch;
        }

        if (level.Model == BalanceModel.Prepaid)
        {
            return level.Amount - amount >= 0m ? DeclineReason.None : DeclineReason.InsufficientFunds;
        }

        return !level.HasCreditLimit || level.Amount + amount <= level.CreditLimitValue
            ? DeclineReason.None
            : DeclineReason.CreditLimitExceeded;
    }

    [DoesNotReturn]
    private static void ThrowEmptyChain()
        => throw new ArgumentException("The chain needs at least one level (the account).", "chain");

    [DoesNotReturn]
    private static void ThrowNotPositive(Money charge)
        => throw new BillingRuleException("Charge", charge.Amount.ToString(CultureInfo.InvariantCulture) + " " + charge.Currency.Code, "a charge to authorise must be greater than zero");
}
