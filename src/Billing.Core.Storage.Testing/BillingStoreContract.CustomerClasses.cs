using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Customer classes: the round trip, names unique per manager, and listing by manager.
public abstract partial class BillingStoreContract
{
    /// <summary>A customer class with every field set (custom fields, taxation, reseller manager) comes back field by field.</summary>
    [Fact]
    public async Task CustomerClass_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var reseller = await store.Customers.AddAsync(CustomerRecord("RESL-01", "Reseller", root.Id));
        var cls = ClassWithEveryField("CLS-01", ClassManager.Reseller(reseller.Id));

        var added = await store.Classes.AddAsync(cls);
        Assert.Equal(1, added.Version);
        AssertSameClass(cls, added);

        var found = await store.Classes.FindAsync(cls.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameClass(cls, found);

        var changed = found
            .Rename("Business Plus")
            .WithDescription(null)
            .WithBusinessModel("internet-access")
            .WithInvoicesEnabled(true)
            .WithArchiveUsageRecords(true)
            .WithTaxation(Taxation.None)
            .WithGracePeriodDays(0)
            .WithClosingDelay(Duration.FromHours(6) + Duration.FromNanoseconds(1))
            .WithInvoiceTemplate(null)
            .WithNotificationList("ops-team")
            .WithCustomFields([CustomFieldDefinition.Create("Region", CustomFieldType.Choice, mandatory: false, choices: ["North", "South"])]);
        Assert.Equal(2, (await store.Classes.UpdateAsync(changed)).Version);

        var reread = await store.Classes.FindAsync(cls.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameClass(changed, reread);
    }

    /// <summary>Class names are unique per manager (case-insensitively) but may repeat across managers.</summary>
    [Fact]
    public async Task CustomerClass_NameIsUniquePerManager()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("RESL-0A", "Reseller A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("RESL-0B", "Reseller B", root.Id));
        await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-01"), "Retail", ClassManager.Administrator));

        Assert.Equal("Name", (await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-02"), "  RETAIL ", ClassManager.Administrator)))).Key);
        Assert.Null(await store.Classes.FindAsync(CustomerClassId.From("CLS-02")));

        await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-03"), "Retail", ClassManager.Reseller(a.Id)));
        await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-04"), "retail", ClassManager.Reseller(b.Id)));
        Assert.Equal("Name", (await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-05"), "RETAIL", ClassManager.Reseller(a.Id))))).Key);

        var business = await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-06"), "Business", ClassManager.Reseller(a.Id)));
        Assert.Equal("Name", (await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Classes.UpdateAsync(business.Rename("retail")))).Key);
        Assert.Equal(("Business", 1L), ((await store.Classes.FindAsync(business.Id))?.Name, (await store.Classes.FindAsync(business.Id))?.Version ?? -1));
        Assert.Equal(2, (await store.Classes.UpdateAsync(business.Rename("BUSINESS"))).Version);
    }

    /// <summary>ListByManagerAsync returns exactly one manager's classes, ordered by id.</summary>
    [Fact]
    public async Task CustomerClass_ListByManager_ReturnsExactlyThatManagersClassesInIdOrder()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("RESL-0A", "Reseller A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("RESL-0B", "Reseller B", root.Id));
        foreach (var (id, manager) in new[]
                 {
                     ("CLS-03", ClassManager.Reseller(a.Id)), ("CLS-01", ClassManager.Administrator), ("CLS-05", ClassManager.Reseller(a.Id)),
                     ("CLS-02", ClassManager.Reseller(b.Id)), ("CLS-04", ClassManager.Administrator), ("CLS-00", ClassManager.Reseller(a.Id)),
                 })
        {
            await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From(id), "Class " + id, manager));
        }

        Assert.Equal(["CLS-01", "CLS-04"], Ids(await store.Classes.ListByManagerAsync(ClassManager.Administrator)));
        Assert.Equal(["CLS-00", "CLS-03", "CLS-05"], Ids(await store.Classes.ListByManagerAsync(ClassManager.Reseller(a.Id))));
        Assert.Equal(["CLS-02"], Ids(await store.Classes.ListByManagerAsync(ClassManager.Reseller(b.Id))));
        Assert.Empty(await store.Classes.ListByManagerAsync(ClassManager.Reseller(root.Id)));
    }
}
