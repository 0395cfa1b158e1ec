using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Billing.Core.Monetary;
using Billing.Core.Periods;

namespace Billing.Core.Invoicing;

/// <summary>
/// The charges engine (see docs/period-charges.md): what a customer owes for one billing period for the features of its accounts,
/// numbers and services, with tax and due date. Pure: the same terms, items and period always give the same charges; it reads no
/// clock and keeps no state, so a billing run is this function applied to each customer.
/// </summary>
/// <remarks>Thread-safe. Each feature costs O(1) (an overlap of day ranges, no walking of days); the lines array is the only
/// allocation that grows with the number of lines.</remarks>
public static class PeriodChargeCalculator
{
    // 1 written with 0 to 4 decimal places, the most a currency has (decimal literals keep their scale).
    private static readonly decimal[] OneWithDigits = [1m, 1.0m, 1.00m, 1.000m, 1.0000m];

    /// <summary>
    /// The charges of one period. A feature counts a day when it is active that day (its dates inclusive; a one-off on its charge
    /// date) and so is its owner (a number from its date sold through its date ceased, a service from its start through its end
    /// date, an account unless closed). A recurring <see cref="Features.Proration.ByDay"/> feature is charged
    /// <c>unit × quantity × activeDays / periodDays</c>, any other charged feature <c>unit × quantity</c>, each line rounded once
    /// with <see cref="BillingTerms.Rounding"/>; the subtotal is the sum of the lines, the tax is the terms' taxation of the
    /// subtotal rounded once, the total their sum, and the due date the period's last day plus the payment terms.
    /// </summary>
    /// <param name="terms">The customer's billing terms.</param>
    /// <param name="items">What the customer is billed for; gathered for the same customer as <paramref name="terms"/>.</param>
    /// <param name="period">A period of the terms' calendar (or schedule).</param>
    /// <returns>The period's charges.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="terms"/> or <paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="items"/> were gathered for another customer, or <paramref name="period"/> is
    /// not a period of <see cref="BillingTerms.Schedule"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The due date would fall after <see cref="NodaTime.LocalDate.MaxIsoValue"/>.</exception>
    /// <exception cref="BillingRuleException">A feature is in another currency than the terms' (field <c>Account.Features</c>,
    /// <c>Number.Features</c> or <c>Service.Features</c>, naming the feature), or the subtotal or total exceeds
    /// <see cref="Money.MaxAmount"/>.</exception>
    public static PeriodCharges Calculate(BillingTerms terms, BilledItems items, BillingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(items);
        if (items.CustomerId != terms.CustomerId)
        {
            throw new ArgumentException($"The items are {items.CustomerId}'s; the terms are {terms.CustomerId}'s.", nameof(items));
        }

        EnsurePeriodOf(terms.Schedule, period);
        var dueDay = CivilDays.FromDate(period.EndExclusive) - 1 + terms.PaymentTermsDays;
        if (dueDay > CivilDays.MaxDay)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period),
                period.ToString(),
                $"The due date, {terms.PaymentTermsDays} days after the period's last day, would fall after {Guard.Format(NodaTime.LocalDate.MaxIsoValue)}.");
        }

        var currency = terms.Currency;
        var days = DayRange.Of(period);
        var periodDays = days.Length;
        var context = new ChargeContext(period, periodDays, currency);
        var digits = currency.MinorUnitDigits;
        var rounding = terms.Rounding;
        var features = items.Features;
        var lines = new ChargeLine[features.Length];
        var count = 0;
        var subtotal = 0m;
        for (var i = 0; i < features.Length; i++)
        {
            var billed = features[i];
            if (billed.Currency != currency)
            {
                throw ForeignCurrency(billed, currency);
            }

            var activeDays = billed.Days.Overlap(days);
            if (activeDays == 0)
            {
                continue;
            }

            var amount = billed.ProratesByDay && activeDays != periodDays
                ? billed.FullAmount * activeDays / periodDays
                : billed.FullAmount;
            amount = RoundToScale(amount, digits, rounding);
            subtotal += amount;
            lines[count] = new ChargeLine(billed, context, activeDays, amount);
            count++;
        }

        if (count != lines.Length)
        {
            lines = lines.AsSpan(0, count).ToArray();
        }

        // The lines are already whole minor units: this only writes the sum of no lines, 0, with the currency's digits.
        var net = new Money(RoundToScale(subtotal, digits, rounding), currency);
        var tax = new Money(RoundToScale(terms.Taxation.TaxOn(net).Amount, digits, rounding), currency);
        return new PeriodCharges(
            terms.CustomerId,
            period,
            currency,
            terms.Taxation,
            ImmutableCollectionsMarshal.AsImmutableArray(lines),
            net,
            tax,
            CivilDays.ToDate(dueDay));
    }

    /// <summary>
    /// Rounds <paramref name="amount"/> once to <paramref name="digits"/> decimal places and writes it with exactly that many, so every
    /// amount of the charges shows the currency's digits (8.40 GBP, not 8.4 GBP; 0.000 BHD, not 0 BHD). The value is
    /// <c>decimal.Round(amount, digits, rounding)</c>'s.
    /// </summary>
    /// <remarks>Multiplying by a one written with <paramref name="digits"/> places gives the product at least that scale without
    /// changing its value (the exact product is the amount itself, so it fits for any amount below 10^24, far beyond
    /// <see cref="Money.MaxAmount"/>); rounding then leaves exactly that scale. No
    /// allocation. Not the addition of a zero with that scale: subtracting it gives the same amounts (only a zero turns into a
    /// negative zero, which <see cref="Money"/> does not show), so no test could tell a sign slip there (docs/mutation-testing.md);
    /// dividing instead of multiplying loses the scale.</remarks>
    /// <param name="amount">The amount, at any scale.</param>
    /// <param name="digits">The currency's minor-unit digits, 0 to 4.</param>
    /// <param name="rounding">How a value exactly half-way is rounded (a defined mode).</param>
    /// <returns>The rounded amount, with a scale of <paramref name="digits"/>.</returns>
    internal static decimal RoundToScale(decimal amount, int digits, MidpointRounding rounding)
        => decimal.Round(amount * OneWithDigits[digits], digits, rounding);

    private static void EnsurePeriodOf(IBillingCalendar calendar, BillingPeriod period)
    {
        var found = calendar.TryPeriodContaining(period.Start, out var actual);
        if (!found || actual != period)
        {
            throw new ArgumentException(
                $"{period} is not a billing period of the customer's calendar ({calendar}); bill the calendar's periods (PeriodContaining, PeriodAt).",
                nameof(period));
        }
    }

    private static BillingRuleException ForeignCurrency(BilledFeature billed, Currency currency)
        => new(
            billed.Field,
            $"{billed.Owner} {billed.Feature.Id} {billed.Feature.UnitAmount}",
            $"a billed feature must be in the customer's currency ({currency.Code})");
}
