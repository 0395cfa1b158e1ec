using System.Diagnostics.CodeAnalysis;
using Billing.Core.Balances;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// Decides whether a charge may go through (docs/balances.md). The chain lists the levels the charge counts against, nearest
/// first: index 0 is the account, then its customer, then every ancestor customer below the root (the root is never
/// part of the chain). A charge passes only if it passes at every level:
/// <list type="bullet">
/// <item>an active prepaid level: <c>available funds − charge ≥ 0</c>;</item>
/// <item>an active postpaid level: <c>amount owed + charge ≤ credit limit</c>, always when it has no limit;</item>
/// <item>a suspended or closed level declines everything;</item>
/// <item>a level in another currency than the charge declines with <see cref="DeclineReason.CurrencyMismatch"/>: the
/// authoriser never converts, the host converts the charge first;</item>
/// <item>a charge that would take a level's balance beyond ±<see cref="Money.MaxAmount"/>, the most any balance can hold,
/// declines with <see cref="DeclineReason.BalanceOutOfRange"/> (only a postpaid level without a limit can get there).</item>
/// </list>
/// Levels are checked from the account upwards and the first one that declines is reported. No input makes it throw an
/// arithmetic exception: every comparison is written so that it cannot overflow.
/// </summary>
/// <remarks>Pure, thread-safe and allocation-free.</remarks>
public static class Authoriser
{
    /// <summary>Authorises a charge against a chain.</summary>
    /// <param name="charge">The charge; greater than zero.</param>
    /// <param name="chain">The levels, account first; at least one.</param>
    /// <returns>Approved, or declined with the reason and the level nearest the account that declined.</returns>
    /// <exception cref="ArgumentException"><paramref name="chain"/> is empty, or <paramref name="charge"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException"><paramref name="charge"/> is not greater than zero.</exception>
    public static AuthorisationDecision Authorise(Money charge, ReadOnlySpan<BalanceLevel> chain)
    {
        CheckCharge(charge, chain.Length);
        for (var i = 0; i < chain.Length; i++)
        {
            ref readonly var level = ref chain[i];
            var reason = Check(level.Status, level.Model, level.Currency, level.Amount, level.HasCreditLimit, level.CreditLimitValue, charge);
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
    /// <returns>The headroom, or null when no funds or credit limit bound it (every level is an active postpaid level without a
    /// limit; a charge is then still bounded by <see cref="Money.MaxAmount"/>, the most any balance can hold).</returns>
    /// <exception cref="ArgumentException"><paramref name="chain"/> is empty, or <paramref name="currency"/> is <c>default</c>.</exception>
    public static Money? Headroom(Currency currency, ReadOnlySpan<BalanceLevel> chain)
    {
        if (chain.IsEmpty)
        {
            ThrowEmptyChain();
        }

        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The currency must not be default(Currency).", nameof(currency));
        }

        // Each level's own headroom is computed in one expression and the minimum kept with Math.Min, so that every mutant of the
        // loop still compiles (a local assigned in branches made a removed assignment a CS0165 error) and none is equivalent.
        var bounded = false;
        var headroom = 0m;
        for (var i = 0; i < chain.Length; i++)
        {
            ref readonly var level = ref chain[i];
            if (level.Status != BillingStatus.Active || level.Currency != currency)
            {
                return Money.Zero(currency);
            }

            if (level.Model == BalanceModel.Postpaid && !level.HasCreditLimit)
            {
                continue;
            }

            // Both the limit and the balance lie within ±MaxAmount, so the difference cannot overflow.
            var own = level.Model == BalanceModel.Prepaid ? level.Amount : level.CreditLimitValue - level.Amount;
            headroom = bounded ? Math.Min(headroom, own) : own;
            bounded = true;
        }

        return bounded ? new Money(Math.Max(headroom, 0m), currency) : null;
    }

    /// <summary>The charge is a positive amount and the chain has a level: the checks every authorisation starts with.</summary>
    internal static void CheckCharge(Money charge, int levels)
    {
        if (levels == 0)
        {
            ThrowEmptyChain();
        }

        if (charge.Currency.Code.Length == 0)
        {
            ThrowDefaultCharge();
        }

        if (charge.Amount <= 0m)
        {
            ThrowNotPositive(charge);
        }
    }

    /// <summary>
    /// Whether one level lets a positive charge through: the one home of the per-level rule, used by <see cref="Authorise"/> and
    /// by <see cref="ChargeDecision.Decide"/>. The balance and limit lie within ±<see cref="Money.MaxAmount"/>; the charge may be
    /// any positive amount, so no comparison adds it to anything.
    /// </summary>
    internal static DeclineReason Check(
        BillingStatus status,
        BalanceModel model,
        Currency levelCurrency,
        decimal balance,
        bool hasCreditLimit,
        decimal creditLimit,
        Money charge)
    {
        if (status != BillingStatus.Active)
        {
            return status == BillingStatus.Suspended ? DeclineReason.Suspended : DeclineReason.Closed;
        }

        if (levelCurrency != charge.Currency)
        {
            return DeclineReason.CurrencyMismatch;
        }

        var amount = charge.Amount;
        if (model == BalanceModel.Prepaid)
        {
            // funds − charge ≥ 0; the new funds then lie in [0, funds], within range.
            return amount <= balance ? DeclineReason.None : DeclineReason.InsufficientFunds;
        }

        if (hasCreditLimit)
        {
            // owed + charge ≤ limit; the new amount owed is then at most the limit, within range.
            return amount <= creditLimit - balance ? DeclineReason.None : DeclineReason.CreditLimitExceeded;
        }

        return amount <= Money.MaxAmount - balance ? DeclineReason.None : DeclineReason.BalanceOutOfRange;
    }

    [DoesNotReturn]
    private static void ThrowEmptyChain()
        => throw new ArgumentException("The chain needs at least one level (the account).", "chain");

    [DoesNotReturn]
    private static void ThrowDefaultCharge()
        => throw new ArgumentException("The charge must have a currency; default(Money) is not a charge.", "charge");

    [DoesNotReturn]
    private static void ThrowNotPositive(Money charge)
        => throw new BillingRuleException("Charge", charge.ToString(), "a charge to authorise must be greater than zero");
}
