using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using Billing.Core.Tests.Customers;
using NodaTime;

namespace Billing.Core.Tests.Invoicing;

/// <summary>Test data for the charges engine: a customer billed monthly from 2026-01-01 (UTC, 30 days' terms) in any currency, its
/// class, numbers, services and accounts.</summary>
internal static class ChargeFixtures
{
    public static readonly LocalDate Anchor = new(2026, 1, 1);

    /// <summary>April 2026: a 30-day monthly period.</summary>
    public static readonly BillingPeriod April = new(new LocalDate(2026, 4, 1), new LocalDate(2026, 5, 1));

    public static readonly BillingPeriod May = new(new LocalDate(2026, 5, 1), new LocalDate(2026, 6, 1));

    public static Customer Customer(string currency = "GBP", CustomerClass? customerClass = null, string id = "C-1", int paymentTermsDays = 30)
        => Billing.Core.Customers.Customer.Restore(DomainFixtures.Stored(id, "RES") with
        {
            Currency = Currency.FromCode(currency),
            ClassId = customerClass?.Id,
            PaymentTermsDays = paymentTermsDays,
        });

    public static CustomerClass Class(decimal taxPercentage, string? currency = null)
        => CustomerClass.Create(
            CustomerClassId.From("RETAIL"),
            "Retail",
            ClassManager.Administrator,
            currency is null ? null : Currency.FromCode(currency),
            taxation: Taxation.FlatPercentage(taxPercentage));

    public static BillingTerms Terms(Customer customer, CustomerClass? customerClass = null) => BillingTerms.For(customer, customerClass);

    public static Number Number(Customer owner, LocalDate dateSold, LocalDate? dateCeased = null, string id = "N-1", Account? account = null, string number = "01632 960123")
        => Billing.Core.Numbers.Number.Create(
            NumberId.From(id),
            owner,
            number,
            "UK-STD",
            dateSold,
            account: account,
            dateCeased: dateCeased,
            numbering: NumberingOptions.Default with { AllowDramaNumbers = true });

    public static Service Service(Customer owner, LocalDate start, LocalDate? end = null, string id = "S-1")
        => Billing.Core.Services.Service.Create(ServiceId.From(id), owner, "hosting", "Hosting", start, endDate: end);

    public static Account Account(Customer owner, string id = "A-1", string? currency = null)
        => Billing.Core.Accounts.Account.Create(AccountId.From(id), owner, "Main", currency: currency is null ? null : Currency.FromCode(currency));

    public static Feature Recurring(string id, decimal unit, string currency, LocalDate start, LocalDate? end = null, int quantity = 1, Proration proration = Proration.ByDay)
        => Feature.Recurring(FeatureId.From(id), id, Money.Of(unit, currency), start, end, quantity, proration);

    public static Feature OneOff(string id, decimal unit, string currency, LocalDate date, int quantity = 1)
        => Feature.OneOff(FeatureId.From(id), id, Money.Of(unit, currency), date, quantity);

    public static PeriodCharges Charge(BillingTerms terms, BillingPeriod period, IEnumerable<Account>? accounts = null, IEnumerable<Number>? numbers = null, IEnumerable<Service>? services = null)
        => PeriodChargeCalculator.Calculate(terms, new BilledItems(terms.CustomerId, accounts, numbers, services), period);
}
