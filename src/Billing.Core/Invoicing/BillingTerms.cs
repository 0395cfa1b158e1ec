using System.Text.Json.Serialization;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;

namespace Billing.Core.Invoicing;

/// <summary>
/// The facts a customer is billed by (see docs/period-charges.md): its currency, its billing calendar (or the schedule of its cycle
/// changes), the taxation of its class, its payment terms and the rounding of lines and tax. Built from the customer and its class
/// with <see cref="For(Customer, CustomerClass?)"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; <see cref="WithRounding"/> returns a new instance.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<BillingTerms>))]
public sealed class BillingTerms
{
    private BillingTerms(CustomerId customerId, Currency currency, BillingSchedule schedule, Taxation taxation, int paymentTermsDays, MidpointRounding rounding)
    {
        CustomerId = customerId;
        Currency = currency;
        Schedule = schedule;
        Taxation = taxation;
        PaymentTermsDays = paymentTermsDays;
        Rounding = rounding;
    }

    /// <summary>The customer billed.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The currency of every line and total: the customer's.</summary>
    public Currency Currency { get; }

    /// <summary>The customer's billing periods: its <see cref="Customer.Schedule"/> (the calendar it was created with and every
    /// recorded change). Only these periods can be billed.</summary>
    public BillingSchedule Schedule { get; }

    /// <summary>The taxation of the customer's class, or <see cref="Taxation.None"/> when it has no class.</summary>
    public Taxation Taxation { get; }

    /// <summary>Days from the period's last day to the due date (0..365): the customer's payment terms.</summary>
    public int PaymentTermsDays { get; }

    /// <summary>How a line and the tax are rounded to the currency's minor unit; half away from zero
    /// (<see cref="Money.DefaultRounding"/>) unless changed with <see cref="WithRounding"/>.</summary>
    public MidpointRounding Rounding { get; }

    /// <summary>The terms of a customer: its currency, schedule (<see cref="Customer.Schedule"/>, so a customer whose cycle changed
    /// is billed by the periods after the change) and payment terms, and the taxation of its class.</summary>
    /// <param name="customer">The customer billed; not a root (a root is never billed itself).</param>
    /// <param name="customerClass">The customer's class (the one <see cref="Customer.ClassId"/> names), or null when it has none.</param>
    /// <returns>The terms, rounding half away from zero.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerClass"/> is not the customer's class, or is null while the customer
    /// has one (its taxation would be lost).</exception>
    /// <exception cref="BillingRuleException">The customer is a root, or the class is for another currency than the customer's.</exception>
    public static BillingTerms For(Customer customer, CustomerClass? customerClass)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var taxation = TaxationOf(customer, customerClass);
        return new(customer.Id, customer.Currency, customer.Schedule, taxation, customer.PaymentTermsDays, Money.DefaultRounding);
    }

    /// <summary>Returns the terms with another rounding of lines and tax (for example banker's rounding where a tax authority asks
    /// for it).</summary>
    /// <param name="rounding">How a value exactly half-way between two minor units is rounded.</param>
    /// <returns>The changed terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounding"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    public BillingTerms WithRounding(MidpointRounding rounding)
        => new(CustomerId, Currency, Schedule, Taxation, PaymentTermsDays, Money.EnsureDefined(rounding, nameof(rounding)));

    /// <inheritdoc />
    public override string ToString()
        => $"Billing terms of {CustomerId}: {Currency.Code}, tax {Taxation}, due {PaymentTermsDays} days after the period, rounding {Rounding}";

    private static Taxation TaxationOf(Customer customer, CustomerClass? customerClass)
    {
        Guard.Rule(!customer.IsRoot, "BillingTerms.Customer", customer.Id.Value, "a root customer is never billed itself");
        if (customerClass is null)
        {
            if (customer.ClassId is { } classId)
            {
                throw new ArgumentException(
                    $"Customer {customer.Id} has class {classId}; give that class, so that its taxation applies.",
                    nameof(customerClass));
            }

            return Taxation.None;
        }

        if (customer.ClassId != customerClass.Id)
        {
            throw new ArgumentException(
                $"Class {customerClass.Id} is not the class of customer {customer.Id} ({(customer.ClassId is { } id ? id.Value : "it has none")}).",
                nameof(customerClass));
        }

        var classCurrency = customerClass.Currency;
        Guard.Rule(
            classCurrency is null || classCurrency == customer.Currency,
            "CustomerClass.Currency",
            classCurrency?.Code,
            $"class {customerClass.Id} is for customers billed in {classCurrency?.Code}; customer {customer.Id} is billed in {customer.Currency.Code}");
        return customerClass.Taxation;
    }
}
