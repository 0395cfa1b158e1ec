using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Invoicing;

/// <summary>
/// A customer's charges for one billing period (see docs/period-charges.md): one line per charged feature, the subtotal (the sum of
/// the lines), the tax on the subtotal rounded once, the total and the due date. Made by <see cref="PeriodChargeCalculator.Calculate"/>.
/// </summary>
/// <remarks>Immutable and thread-safe. Every amount is in <see cref="Currency"/> and a whole number of its minor units.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<PeriodCharges>))]
public sealed class PeriodCharges
{
    internal PeriodCharges(CustomerId customerId, BillingPeriod period, Currency currency, Taxation taxation, ImmutableArray<ChargeLine> lines, Money subtotal, Money tax, LocalDate dueDate)
    {
        CustomerId = customerId;
        Period = period;
        Currency = currency;
        Taxation = taxation;
        Lines = lines;
        Subtotal = subtotal;
        Tax = tax;
        Total = subtotal + tax;
        DueDate = dueDate;
    }

    /// <summary>The customer billed.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The period billed.</summary>
    public BillingPeriod Period { get; }

    /// <summary>The currency of every amount: the customer's.</summary>
    public Currency Currency { get; }

    /// <summary>The taxation applied to the subtotal (the customer's class's).</summary>
    public Taxation Taxation { get; }

    /// <summary>
    /// One line per feature active on at least one day of the period (a one-off: whose charge date lies in it), in a fixed order:
    /// accounts, numbers, services as the items list them, each owner's features in order. Empty when nothing is charged.
    /// </summary>
    public ImmutableArray<ChargeLine> Lines { get; }

    /// <summary>The sum of the lines' amounts.</summary>
    public Money Subtotal { get; }

    /// <summary>The tax on <see cref="Subtotal"/> by <see cref="Taxation"/>, rounded once to the minor unit.</summary>
    public Money Tax { get; }

    /// <summary><see cref="Subtotal"/> plus <see cref="Tax"/>.</summary>
    public Money Total { get; }

    /// <summary>The period's last day plus the customer's payment terms (days).</summary>
    public LocalDate DueDate { get; }

    /// <inheritdoc />
    public override string ToString()
        => $"Charges of {CustomerId} for {Period}: {Lines.Length} line(s), subtotal {Subtotal}, tax {Tax}, total {Total}, due {Guard.Format(DueDate)}";
}
