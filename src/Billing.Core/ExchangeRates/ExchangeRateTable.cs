using System.Collections.Frozen;
using System.Collections.Immutable;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.ExchangeRates;

/// <summary>
/// An immutable table of exchange rates with effective instants (see docs/balances.md). The rate in force for a pair at an
/// instant is the one with the latest <see cref="ExchangeRate.EffectiveFrom"/> at or before that instant. Only the
/// rates given are used: no inverse or cross rate is ever derived, so a table holding GBP→EUR cannot convert EUR to GBP.
/// </summary>
/// <remarks>Immutable and thread-safe; lookups do not allocate.</remarks>
public sealed class ExchangeRateTable
{
    private readonly FrozenDictionary<(Currency From, Currency To), ExchangeRate[]> _byPair;

    private ExchangeRateTable(ImmutableArray<ExchangeRate> rates)
    {
        Rates = rates;
        _byPair = rates
            .GroupBy(r => (r.From, r.To))
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>A table with no rates: only same-currency amounts can be "converted".</summary>
    public static ExchangeRateTable Empty { get; } = new(ImmutableArray<ExchangeRate>.Empty);

    /// <summary>Every rate in the table, ordered by source currency, target currency and effective instant.</summary>
    public ImmutableArray<ExchangeRate> Rates { get; }

    /// <summary>Creates a table from rates.</summary>
    /// <param name="rates">The rates, in any order.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is null.</exception>
    /// <exception cref="ArgumentException">A rate is <c>default(ExchangeRate)</c>.</exception>
    /// <exception cref="BillingRuleException">Two rates for the same pair take effect at the same instant.</exception>
    public static ExchangeRateTable From(IEnumerable<ExchangeRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var sorted = rates.ToArray();
        foreach (var rate in sorted)
        {
            Guard.NotDefault(rate, nameof(rates));
        }

        Array.Sort(sorted, Compare);
        for (var i = 1; i < sorted.Length; i++)
        {
            var (previous, current) = (sorted[i - 1], sorted[i]);
            Guard.Rule(
                previous.From != current.From || previous.To != current.To || previous.EffectiveFrom != current.EffectiveFrom,
                "ExchangeRate.EffectiveFrom",
                current.EffectiveFrom,
                $"only one {current.From.Code}→{current.To.Code} rate may take effect at one instant");
        }

        return new ExchangeRateTable(ImmutableArray.Create(sorted));
    }

    /// <summary>Returns a table with one more rate.</summary>
    /// <param name="rate">The rate to add.</param>
    /// <returns>A new table; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="rate"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The table already has a rate for the pair at that instant.</exception>
    public ExchangeRateTable With(ExchangeRate rate) => From(Rates.Add(Guard.NotDefault(rate)));

    /// <summary>Finds the rate in force for a pair at an instant.</summary>
    /// <param name="from">The currency converted from.</param>
    /// <param name="to">The currency converted to.</param>
    /// <param name="at">The instant (a transaction's timestamp).</param>
    /// <param name="rate">The rate with the latest effective instant at or before <paramref name="at"/>.</param>
    /// <returns><see langword="true"/> when such a rate exists.</returns>
    public bool TryGetRate(Currency from, Currency to, Instant at, out ExchangeRate rate)
    {
        rate = default;
        if (!_byPair.TryGetValue((from, to), out var rates) || rates[0].EffectiveFrom > at)
        {
            return false;
        }

        // Binary search for the last rate effective at or before the instant.
        int low = 0, high = rates.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) >>> 1;
            if (rates[mid].EffectiveFrom <= at)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        rate = rates[low];
        return true;
    }

    /// <summary>The rate in force for a pair at an instant.</summary>
    /// <param name="from">The currency converted from.</param>
    /// <param name="to">The currency converted to.</param>
    /// <param name="at">The instant (a transaction's timestamp).</param>
    /// <returns>The rate with the latest effective instant at or before <paramref name="at"/>.</returns>
    /// <exception cref="BillingRuleException">No rate for the pair is effective at that instant; the message names the pair and the instant.</exception>
    public ExchangeRate GetRate(Currency from, Currency to, Instant at)
        => TryGetRate(from, to, at, out var rate) ? rate : throw Missing(from, to, at);

    /// <summary>
    /// Converts an amount to another currency with the rate in force at an instant, rounded to the target currency's
    /// minor unit. An amount already in <paramref name="to"/> is returned unchanged, at full precision.
    /// </summary>
    /// <param name="amount">The amount.</param>
    /// <param name="to">The target currency.</param>
    /// <param name="at">The instant whose rate applies.</param>
    /// <param name="mode">How to round a value exactly half-way; half away from zero by default.</param>
    /// <returns>The converted amount.</returns>
    /// <exception cref="ArgumentException"><paramref name="amount"/> or <paramref name="to"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    /// <exception cref="BillingRuleException">No rate for the pair is effective at that instant, or the magnitude of the converted amount
    /// exceeds <see cref="Money.MaxAmount"/>.</exception>
    public Money Convert(Money amount, Currency to, Instant at, MidpointRounding mode = Money.DefaultRounding)
    {
        Guard.NotDefault(amount);
        Guard.NotDefault(to);
        Money.EnsureDefined(mode);
        return amount.Currency == to ? amount : GetRate(amount.Currency, to, at).Convert(amount, mode);
    }

    private static BillingRuleException Missing(Currency from, Currency to, Instant at)
        => new(
            "ExchangeRate",
            $"{from.Code}→{to.Code}",
            $"no {from.Code}→{to.Code} rate is effective at or before {Guard.Format(at)}");

    private static int Compare(ExchangeRate x, ExchangeRate y)
    {
        var byFrom = string.CompareOrdinal(x.From.Code, y.From.Code);
        if (byFrom != 0)
        {
            return byFrom;
        }

        var byTo = string.CompareOrdinal(x.To.Code, y.To.Code);
        return byTo != 0 ? byTo : x.EffectiveFrom.CompareTo(y.EffectiveFrom);
    }
}
