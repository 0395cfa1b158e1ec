using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Services;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Services: the round trip.
public abstract partial class BillingStoreContract
{
    /// <summary>A service with description, both dates and features comes back field by field.</summary>
    [Fact]
    public async Task Service_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Owner", root.Id, currency: "USD"));
        var service = Service.Restore(new ServiceSnapshot
        {
            Id = ServiceId.From("SVC-0001"),
            OwnerId = owner.Id,
            ServiceType = "hosting",
            Name = "Web hosting",
            Description = "Two virtual machines and backups",
            Currency = Currency.USD,
            StartDate = RepoDay,
            EndDate = new LocalDate(2027, 1, 14),
            Features =
            [
                Feature.Recurring(FeatureId.From("FEAT-01"), "VM rental", Money.Of(80m, "USD"), RepoDay, new LocalDate(2026, 12, 31), quantity: 2).ToSnapshot(),
                Feature.OneOff(FeatureId.From("FEAT-02"), "Migration", Money.Of(150m, "USD"), RepoDay.PlusDays(3)).ToSnapshot(),
            ],
            Version = 0,
        });

        var added = await store.Services.AddAsync(service);
        Assert.Equal(1, added.Version);
        AssertSameService(service, added);

        var found = await store.Services.FindAsync(service.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameService(service, found);

        var changed = found
            .Rename("Managed hosting")
            .WithDescription(null)
            .WithServiceType("managed-hosting")
            .DetachFeature(FeatureId.From("FEAT-02"))
            .End(new LocalDate(2026, 12, 31));
        Assert.Equal(2, (await store.Services.UpdateAsync(changed)).Version);

        var reread = await store.Services.FindAsync(service.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameService(changed, reread);
    }
}
