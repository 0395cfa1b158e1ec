using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Services;
using NodaTime;

namespace Billing.Core.QuickStart;

/// <summary>
/// Builds a small reseller hierarchy: the platform owner, a reseller with its own customer class, an end customer
/// with a number (with line rental) and a support service (with a support fee).
/// </summary>
internal static class DomainDemo
{
    public static void Run()
    {
        var now = Instant.FromUtc(2026, 3, 31, 23, 30); // a fixed instant: the library never reads a clock
        var factory = new CustomerFactory(new CustomerCreationOptions
        {
            Currency = "GBP",
            BillingTimeZone = "Europe/London",
            PaymentTermsDays = 14,
            Language = "en-GB",
        });
        var office = PostalAddress.Create(["1 Telecom Way"], "Leeds", "GB", postcode: "LS1 1AA");

        var root = factory.CreateRoot(
            new NewCustomer { Id = CustomerId.From("OWNER"), Name = "Switch Owner plc", Email = "ops@owner.example", BillingAddress = office },
            CustomerHierarchy.Empty(),
            now);
        var tree = CustomerHierarchy.From([root]);

        var reseller = factory.Create(
            new NewCustomer { Id = CustomerId.From("RES-001"), Name = "Northern Voice Ltd", Email = "billing@northernvoice.example", BillingAddress = office, ParentId = root.Id, CreditLimit = 5_000m },
            tree,
            customerClass: null,
            now);
        tree = tree.With(reseller.Customer);

        var business = CustomerClass.Create(
            CustomerClassId.From("NV-BUSINESS"),
            "Business",
            ClassManager.Reseller(reseller.Customer.Id),
            Currency.GBP,
            businessModel: "hosted-pbx",
            taxation: Taxation.FlatPercentage(20m),
            gracePeriodDays: 10,
            customFields: [CustomFieldDefinition.Create("Seats", CustomFieldType.Number, mandatory: true)]);

        var acme = factory.Create(
            new NewCustomer
            {
                Id = CustomerId.From("ACME-001"),
                Name = "Acme Widgets Ltd",
                Email = "accounts@acme.example",
                BillingAddress = PostalAddress.Create(["2 Mill Lane"], "York", "GB", postcode: "YO1 7HH"),
                ParentId = reseller.Customer.Id,
                BalanceModel = BalanceModel.Prepaid,
                OpeningFunds = 50m,
                CustomData = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(12) },
            },
            tree,
            business,
            now);
        tree = tree.With(acme.Customer);

        Console.WriteLine($"{acme.Customer} in class '{business.Name}', {acme.Customer.BalanceModel}, anchor {acme.Customer.Anchor} ({acme.Customer.BillingTimeZone.Id})");
        Console.WriteLine($"  default account '{acme.DefaultAccount.Name}' ({acme.DefaultAccount.BalanceModel}), opening top-up {acme.OpeningFunds}");
        Console.WriteLine($"  charge chain: {string.Join(" -> ", tree.ChargeChainOf(acme.Customer.Id).Select(c => c.Id))}");
        Console.WriteLine($"  reseller sees ACME: {tree.IsVisibleTo(reseller.Customer.Id, acme.Customer.Id)}; ACME sees reseller: {tree.IsVisibleTo(acme.Customer.Id, reseller.Customer.Id)}");

        try
        {
            factory.Create(
                new NewCustomer { Name = "ACME WIDGETS LIMITED", Email = "x@acme.example", BillingAddress = office, ParentId = reseller.Customer.Id },
                tree,
                null,
                now);
        }
        catch (BillingRuleException e)
        {
            Console.WriteLine($"  duplicate refused: {e.Message}");
        }

        var sold = acme.Customer.Anchor;
        var line = Number.Create(NumberId.From("NUM-1"), acme.Customer, "+44 (0)113 496 0123", "UK-BUSINESS", sold, account: acme.DefaultAccount)
            .AttachFeature(Feature.Recurring(FeatureId.From("RENTAL"), "Line rental", Money.Of(12.50m, "GBP"), sold));
        Console.WriteLine($"{line}: {line.Features[0]}");

        var support = Service.Create(ServiceId.From("SUP-1"), acme.Customer, "support", "Premium support", sold)
            .AttachFeature(Feature.Recurring(FeatureId.From("SUPPORT-FEE"), "Support fee", Money.Of(99m, "GBP"), sold, quantity: 1, proration: Proration.None))
            .AttachFeature(Feature.OneOff(FeatureId.From("ONBOARDING"), "Onboarding", Money.Of(150m, "GBP"), sold));
        Console.WriteLine($"{support}: {string.Join("; ", support.Features)}");

        var removal = tree.DecideRemoval(reseller.Customer.Id, Money.Zero(Currency.GBP), []);
        Console.WriteLine(removal);
    }
}
