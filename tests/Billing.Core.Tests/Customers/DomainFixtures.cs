using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Tests.Customers;

/// <summary>Test-data builders: a factory with known defaults and a small tree root → reseller → customer.</summary>
internal static class DomainFixtures
{
    public static readonly Instant CreatedAt = Instant.FromUtc(2026, 1, 7, 12, 0);

    public static CustomerCreationOptions Options() => new()
    {
        Currency = Currency.GBP,
        BillingCycle = Billing.Core.Periods.BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        PaymentTermsDays = 14,
        BalanceModel = BalanceModel.Postpaid,
        Language = "en-GB",
    };

    public static CustomerFactory Factory() => new(Options());

    public static PostalAddress Address(string country = "GB")
        => PostalAddress.Create(["1 High Street"], "London", country, postcode: "SW1A 1AA");

    public static NewCustomer Request(string name, CustomerId? parent = null, string? id = null) => new()
    {
        Id = id is null ? null : CustomerId.From(id),
        Name = name,
        Email = "billing@example.co.uk",
        BillingAddress = Address(),
        ParentId = parent,
    };

    public static Customer Root(CustomerFactory? factory = null)
        => (factory ?? Factory()).CreateRoot(Request("Platform Owner", id: "ROOT"), CustomerHierarchy.Empty(), CreatedAt);

    /// <summary>root ← reseller (RES) ← end customer (END).</summary>
    public static (CustomerHierarchy Hierarchy, Customer Root, Customer Reseller, Customer End) Tree()
    {
        var factory = Factory();
        var root = Root(factory);
        var h = CustomerHierarchy.From([root]);
        var reseller = factory.Create(Request("Reseller One", root.Id, "RES"), h, null, CreatedAt).Customer;
        h = h.With(reseller);
        var end = factory.Create(Request("End Customer", reseller.Id, "END"), h, null, CreatedAt).Customer;
        return (h.With(end), root, reseller, end);
    }

    public static Customer Sub(CustomerHierarchy h, string id, CustomerId parent)
        => Factory().Create(Request("Customer " + id, parent, id), h, null, CreatedAt).Customer;

    public static Customer EndCustomer() => Tree().End;

    public static Account AccountOf(Customer owner, string id = "ACC-1") => Account.Create(AccountId.From(id), owner, "Main");

    public static Money Gbp(decimal amount) => new(amount, Currency.GBP);

    /// <summary>The stored fields of a plain active postpaid GBP customer, as a store would hand them to <see cref="Customer.Restore"/>.</summary>
    public static CustomerSnapshot Stored(string id, string? parent = null) => new()
    {
        Id = CustomerId.From(id),
        Name = "Customer " + id,
        Email = "a@b.co",
        BillingAddress = Address(),
        ParentId = parent is null ? null : CustomerId.From(parent),
        BillingCycle = Billing.Core.Periods.BillingCycle.Monthly,
        BillingTimeZone = DateTimeZone.Utc,
        BillingCycleAnchor = new LocalDate(2026, 1, 1),
        BalanceModel = BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 30,
        Language = "en",
        Status = BillingStatus.Active,
        Version = 0,
    };

    public static CustomerClass AdminClass(Currency? currency = null, params CustomFieldDefinition[] fields)
        => CustomerClass.Create(CustomerClassId.From("RETAIL"), "Retail", ClassManager.Administrator, currency, customFields: fields);
}
