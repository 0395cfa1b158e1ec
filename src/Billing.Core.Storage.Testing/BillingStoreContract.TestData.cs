using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Test data and field-by-field comparisons shared by the repository tests.
public abstract partial class BillingStoreContract
{
    // Ids in these tests have equal length and use only upper-case letters, digits and '-', so "ordered by id" means the same
    // under an ordinal comparison and under any case-insensitive database collation.
    private static readonly LocalDate RepoDay = new(2026, 1, 15);

    /// <summary>The suite's numbers lie in Ofcom's drama range 01632 960xxx, never in service; creating them must say so.</summary>
    private static readonly NumberingOptions DramaAllowed = NumberingOptions.Default with { AllowDramaNumbers = true };

    private static PostalAddress RepoAddress => StoreUnderTest.Address;

    private static string[] Ids(IEnumerable<Customer> items) => [.. items.Select(i => i.Id.Value)];

    private static string[] Ids(IEnumerable<CustomerClass> items) => [.. items.Select(i => i.Id.Value)];

    private static string[] Ids(IEnumerable<Account> items) => [.. items.Select(i => i.Id.Value)];

    private static string[] Ids(IEnumerable<Number> items) => [.. items.Select(i => i.Id.Value)];

    private static string[] Ids(IEnumerable<Service> items) => [.. items.Select(i => i.Id.Value)];

    /// <summary>A root customer record, stored.</summary>
    private static ValueTask<Customer> AddRootRecordAsync(StoreUnderTest store, string id, string name = "Platform Owner")
        => store.Customers.AddAsync(Customer.Restore(CustomerFields(id, name, null, "GBP") with { Email = "owner@example.com" }));

    /// <summary>A plain postpaid customer record (version 0) below <paramref name="parent"/>.</summary>
    private static Customer CustomerRecord(string id, string name, CustomerId? parent, string currency = "GBP")
        => Customer.Restore(CustomerFields(id, name, parent, currency));

    /// <summary>The stored fields of a plain postpaid customer.</summary>
    private static CustomerSnapshot CustomerFields(string id, string name, CustomerId? parent, string currency)
        => new()
        {
            Id = CustomerId.From(id),
            Name = name,
            Email = "someone@example.com",
            BillingAddress = RepoAddress,
            ParentId = parent,
            BillingCycle = BillingCycle.Monthly,
            BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
            BillingCycleAnchor = new LocalDate(2026, 1, 1),
            BalanceModel = BalanceModel.Postpaid,
            Currency = Currency.FromCode(currency),
            PaymentTermsDays = 30,
            Language = "en-GB",
            Status = BillingStatus.Active,
            Version = 0,
        };

    private static CustomerClass ClassWithEveryField(string id, ClassManager manager)
        => CustomerClass.Create(
            CustomerClassId.From(id),
            "Business",
            manager,
            currency: null,
            description: "Companies with a hosted PBX",
            businessModel: "hosted-pbx",
            invoicesEnabled: false,
            archiveUsageRecords: false,
            taxation: Taxation.FlatPercentage(17.5m),
            gracePeriodDays: 10,
            invoiceTemplate: "templates/business-v2",
            notificationList: "billing-alerts",
            customFields:
            [
                CustomFieldDefinition.Create("VAT number", CustomFieldType.Text, mandatory: true),
                CustomFieldDefinition.Create("Seats", CustomFieldType.Number),
                CustomFieldDefinition.Create("Contract start", CustomFieldType.Date),
                CustomFieldDefinition.Create("Managed", CustomFieldType.Boolean),
                CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, mandatory: true, choices: ["Gold", "Silver", "Bronze"]),
            ]);

    private static void AssertSameCustomer(Customer expected, Customer actual)
    {
        // Every stored field at once (so a field added later is covered too), then field by field for a readable failure.
        Assert.Equal(expected.ToSnapshot() with { Version = actual.Version }, actual.ToSnapshot());
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.BillingAddress, actual.BillingAddress);
        Assert.Equal(expected.ParentId, actual.ParentId);
        Assert.Equal(expected.ClassId, actual.ClassId);
        Assert.Equal(expected.BillingCycle, actual.BillingCycle);
        Assert.Equal(expected.BillingTimeZone.Id, actual.BillingTimeZone.Id);
        Assert.Equal(expected.BillingCycleAnchor, actual.BillingCycleAnchor);
        Assert.Equal(expected.MonthEndPolicy, actual.MonthEndPolicy);
        Assert.Equal(
            expected.Schedule.Changes.Select(c => (c.RequestedOn, c.EffectiveFrom, c.Cycle, c.Anchor, c.MonthEndPolicy, c.Zone.Id)),
            actual.Schedule.Changes.Select(c => (c.RequestedOn, c.EffectiveFrom, c.Cycle, c.Anchor, c.MonthEndPolicy, c.Zone.Id)));
        Assert.Equal(expected.BalanceModel, actual.BalanceModel);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.CreditLimit, actual.CreditLimit);
        Assert.Equal(expected.PaymentTermsDays, actual.PaymentTermsDays);
        Assert.Equal(expected.Language, actual.Language);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(
            expected.CustomData.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Type, p.Value.ToString())),
            actual.CustomData.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Type, p.Value.ToString())));
        Assert.Equal(expected.CustomData.Count, actual.CustomData.Count);
        foreach (var (key, value) in expected.CustomData)
        {
            Assert.Equal(value, actual.CustomData[key]);
        }
    }

    private static void AssertSameClass(CustomerClass expected, CustomerClass actual)
    {
        // Every stored field at once (so a field added later is covered too), then field by field for a readable failure.
        Assert.Equal(expected.ToSnapshot() with { Version = actual.Version }, actual.ToSnapshot());
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.ManagedBy, actual.ManagedBy);
        Assert.Equal(expected.BusinessModel, actual.BusinessModel);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.InvoicesEnabled, actual.InvoicesEnabled);
        Assert.Equal(expected.ArchiveUsageRecords, actual.ArchiveUsageRecords);
        Assert.Equal(expected.Taxation, actual.Taxation);
        Assert.Equal(expected.Taxation.Kind, actual.Taxation.Kind);
        Assert.Equal(expected.Taxation.Percentage, actual.Taxation.Percentage);
        Assert.Equal(expected.GracePeriodDays, actual.GracePeriodDays);
        Assert.Equal(expected.ClosingDelay, actual.ClosingDelay);
        Assert.Equal(expected.InvoiceTemplate, actual.InvoiceTemplate);
        Assert.Equal(expected.NotificationList, actual.NotificationList);
        Assert.Equal(
            expected.CustomFields.Select(f => (f.Name, f.Type, f.IsMandatory, string.Join("|", f.Choices))),
            actual.CustomFields.Select(f => (f.Name, f.Type, f.IsMandatory, string.Join("|", f.Choices))));
    }

    private static void AssertSameAccount(Account expected, Account actual)
    {
        // Every stored field at once (so a field added later is covered too), then field by field for a readable failure.
        Assert.Equal(expected.ToSnapshot() with { Version = actual.Version }, actual.ToSnapshot());
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.OwnerId, actual.OwnerId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Alias, actual.Alias);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.BalanceModel, actual.BalanceModel);
        Assert.Equal(expected.CreditLimit, actual.CreditLimit);
        Assert.Equal(expected.Status, actual.Status);
        AssertSameFeatures(expected.Features, actual.Features);
    }

    private static void AssertSameNumber(Number expected, Number actual)
    {
        // Every stored field at once (so a field added later is covered too), then field by field for a readable failure.
        Assert.Equal(expected.ToSnapshot() with { Version = actual.Version }, actual.ToSnapshot());
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.OwnerId, actual.OwnerId);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Tariff, actual.Tariff);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.DateSold, actual.DateSold);
        Assert.Equal(expected.DateCeased, actual.DateCeased);
        AssertSameFeatures(expected.Features, actual.Features);
    }

    private static void AssertSameService(Service expected, Service actual)
    {
        // Every stored field at once (so a field added later is covered too), then field by field for a readable failure.
        Assert.Equal(expected.ToSnapshot() with { Version = actual.Version }, actual.ToSnapshot());
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.OwnerId, actual.OwnerId);
        Assert.Equal(expected.ServiceType, actual.ServiceType);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.StartDate, actual.StartDate);
        Assert.Equal(expected.EndDate, actual.EndDate);
        AssertSameFeatures(expected.Features, actual.Features);
    }

    private static void AssertSameFeatures(IReadOnlyList<Feature> expected, IReadOnlyList<Feature> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.UnitAmount, a.UnitAmount);
            Assert.Equal(e.Quantity, a.Quantity);
            Assert.Equal(e.Kind, a.Kind);
            Assert.Equal(e.StartDate, a.StartDate);
            Assert.Equal(e.EndDate, a.EndDate);
            Assert.Equal(e.Proration, a.Proration);
        }
    }
}
