using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Billing.Core.QuickStart;

/// <summary>
/// Generated customers for billing at scale (the sample's <c>bill-many</c> and the billing-run benchmarks): a root, one reseller,
/// and N customers of it, monthly from 1 March 2026 in London, each with one account carrying three features — line rental from a
/// day in March (prorated), a support contract (not prorated) and a one-off set-up fee in March.
/// </summary>
internal static class GeneratedCustomers
{
    /// <summary>The anchor of every generated customer: their first period is March 2026.</summary>
    public static readonly LocalDate Anchor = new(2026, 3, 1);

    /// <summary>An instant after March closed (midnight on 1 April in London, BST) at which a run bills March.</summary>
    public static readonly Instant AfterMarch = Instant.FromUtc(2026, 4, 1, 6, 0);

    /// <summary>Stores the root, the reseller and <paramref name="count"/> customers with their accounts.</summary>
    /// <param name="services">A provider with the store's repositories.</param>
    /// <param name="count">How many customers.</param>
    /// <param name="done">Told how many customers are stored, every thousand.</param>
    public static async Task AddAsync(IServiceProvider services, int count, Action<int>? done = null)
    {
        var customers = services.GetRequiredService<ICustomerRepository>();
        var accounts = services.GetRequiredService<IAccountRepository>();
        var root = await customers.AddAsync(Record("OWNER", "Switch Owner plc", null));
        var reseller = await customers.AddAsync(Record("RES-001", "Northern Voice Ltd", root.Id));
        for (var i = 0; i < count; i++)
        {
            var customer = await customers.AddAsync(Record($"CUST-{i:D7}", $"Customer {i:D7}", reseller.Id));
            await accounts.AddAsync(Account.Create(AccountId.From($"ACC-{i:D7}"), customer, "Main")
                .AttachFeature(Feature.Recurring(FeatureId.From("RENTAL"), "Line rental", Money.Of(12.50m, "GBP"), Anchor.PlusDays(i % 28)))
                .AttachFeature(Feature.Recurring(FeatureId.From("SUPPORT"), "Support", Money.Of(30m, "GBP"), Anchor, proration: Proration.None))
                .AttachFeature(Feature.OneOff(FeatureId.From("SETUP"), "Set-up fee", Money.Of(25m, "GBP"), Anchor.PlusDays(i % 31))));
            if (i % 1_000 == 999)
            {
                done?.Invoke(i + 1);
            }
        }

        done?.Invoke(count);
    }

    private static Customer Record(string id, string name, CustomerId? parent) => Customer.Restore(new CustomerSnapshot
    {
        Id = CustomerId.From(id),
        Name = name,
        Email = "billing@example.com",
        BillingAddress = PostalAddress.Create(["1 Telecom Way"], "Leeds", "GB", postcode: "LS1 1AA"),
        ParentId = parent,
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        BillingCycleAnchor = Anchor,
        BalanceModel = Balances.BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 14,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    });
}
