using Billing.Core.Monetary;
using Billing.Core.Periods;

namespace Billing.Core.Invoicing;

/// <summary>What every line of one <see cref="PeriodCharges"/> shares (the period, its length, the currency), held once so that a
/// <see cref="ChargeLine"/> stays small: the line array is the only thing a period's charges allocate per line.</summary>
internal sealed class ChargeContext(BillingPeriod period, int periodDays, Currency currency)
{
    public BillingPeriod Period { get; } = period;

    public int PeriodDays { get; } = periodDays;

    public Currency Currency { get; } = currency;
}
