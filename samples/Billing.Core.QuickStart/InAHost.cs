// README: begin usings
using Billing.Core;                               // AddBillingCore, BillingRuleException
using Billing.Core.Balances;                      // BalanceModel
using Billing.Core.Charging;                      // ChargeService, ChargeOutcome
using Billing.Core.Customers;                     // CustomerService, NewCustomer, PostalAddress
using Billing.Core.Monetary;                      // Money, Currency
using Billing.Core.Periods;                       // BillingPeriod
using Microsoft.Extensions.DependencyInjection;   // AddInMemoryBillingStore and the other stores' Add…BillingStore
using NodaTime;                                   // Instant, DateTimeZoneProviders
// README: end

namespace Billing.Core.QuickStart;

/// <summary>
/// The code of README.md's "In a host", compiled here and run by the sample's tests, so the README cannot drift from the API.
/// The README shows the lines between the <c>README</c> markers, as they are.
/// </summary>
internal static class InAHost
{
    /// <summary>Registers Billing.Core and a store, as the README shows.</summary>
    public static IServiceCollection Register(IServiceCollection services)
    {
        // README: begin registration
        services.AddBillingCore(options =>
                {
                    options.Customers.Currency = Currency.GBP;
                    options.Customers.BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"];
                })
                .AddInMemoryBillingStore();   // or AddSqliteBillingStore(path), AddPostgreSqlBillingStore(connectionString), your own
        // README: end
        return services;
    }

    /// <summary>Creates a prepaid customer under a reseller, charges its default account and finds its billing period.</summary>
    public static async Task<(ChargeOutcome Outcome, BillingPeriod Current)> ChargeANewCustomerAsync(
        CustomerService customerService, ChargeService chargeService, PostalAddress address, CustomerId resellerId, Instant now)
    {
        // README: begin request
        var created = await customerService.CreateAsync(new NewCustomer { Name = "Acme Ltd", Email = "a@acme.example",
            BillingAddress = address, ParentId = resellerId, BalanceModel = BalanceModel.Prepaid, OpeningFunds = Money.Of(50m, "GBP") });
        var outcome = await chargeService.ChargeAsync(created.DefaultAccount.Id, Money.Of(0.42m, "GBP"), "cdr-881", now);
        if (!outcome.IsApproved) Console.WriteLine(outcome.Decision.Reason);   // e.g. InsufficientFunds, with the level

        BillingPeriod current = created.Customer.Schedule.PeriodContaining(now);
        // README: end
        return (outcome, current);
    }
}
