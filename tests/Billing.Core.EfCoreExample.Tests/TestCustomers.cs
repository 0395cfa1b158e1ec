using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.EfCoreExample.Tests;

/// <summary>Plain customer records for the example's own tests.</summary>
internal static class TestCustomers
{
    /// <summary>A postpaid GBP customer (version 0) below <paramref name="parent"/>, or a root.</summary>
    public static Customer Record(string id, string name, CustomerId? parent = null) => Customer.Restore(new CustomerSnapshot
    {
        Id = CustomerId.From(id),
        Name = name,
        Email = "someone@example.com",
        BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB", postcode: "SW1A 1AA"),
        ParentId = parent,
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        BillingCycleAnchor = new LocalDate(2026, 1, 1),
        BalanceModel = BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 30,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    });
}
