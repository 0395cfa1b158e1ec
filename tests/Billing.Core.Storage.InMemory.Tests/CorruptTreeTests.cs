using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Billing.Core.Storage.InMemory.Tests;

/// <summary>Data a host's storage could hold but the domain never creates: the services must stop, not loop.</summary>
public class CorruptTreeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static Customer Restored(string id, string? parent)
        => Customer.Restore(new CustomerSnapshot
        {
            Id = CustomerId.From(id),
            Name = id,
            Email = $"{id.ToLowerInvariant()}@example.com",
            BillingAddress = StoreUnderTest.Address,
            ParentId = parent is null ? null : CustomerId.From(parent),
            BillingCycle = BillingCycle.Monthly,
            BillingTimeZone = DateTimeZoneProviders.Tzdb["UTC"],
            Anchor = new LocalDate(2026, 1, 1),
            BalanceModel = BalanceModel.Postpaid,
            Currency = Currency.GBP,
            PaymentTermsDays = 30,
            Language = "en",
            Status = BillingStatus.Active,
            Version = 0,
        });

    private static async Task<ServiceProvider> TwoCustomersParentingEachOtherAsync()
    {
        var services = new ServiceCollection();
        services.AddBillingCore(o => o.Customers.Currency = "GBP").AddInMemoryBillingStore();
        var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerRepository>();
        var a = await customers.AddAsync(Restored("A", "B"));
        await customers.AddAsync(Restored("B", "A"));
        await provider.GetRequiredService<IAccountRepository>().AddAsync(Account.Create(AccountId.From("ACC-A"), a, "Account"));
        return provider;
    }

    [Fact]
    public async Task ChainAsync_CycleInStoredCustomers_StopsAtTheDepthLimitWithARuleError()
    {
        await using var provider = await TwoCustomersParentingEachOtherAsync();
        var charges = provider.GetRequiredService<ChargeService>();
        var ex = await Should.ThrowAsync<BillingRuleException>(charges.ChainAsync(AccountId.From("ACC-A")).AsTask().WaitAsync(Patience));
        ex.Rule.ShouldContain("deeper than the limit");
    }

    [Fact]
    public async Task ChainAsync_MissingCustomerInTheChain_IsARuleErrorNamingIt()
    {
        var services = new ServiceCollection();
        services.AddBillingCore(o => o.Customers.Currency = "GBP").AddInMemoryBillingStore();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IAccountRepository>().AddAsync(Account.Create(AccountId.From("ACC-X"), Restored("GONE", "ROOT"), "Account"));
        var ex = await Should.ThrowAsync<BillingRuleException>(async () => await provider.GetRequiredService<ChargeService>().ChainAsync(AccountId.From("ACC-X")));
        ex.Value.ShouldBe("GONE");
    }

    [Fact]
    public async Task ListSubtreeAsync_CycleInStoredCustomers_ListsEachCustomerOnce()
    {
        await using var provider = await TwoCustomersParentingEachOtherAsync();
        var directory = provider.GetRequiredService<CustomerDirectory>();
        var subtree = await directory.ListSubtreeAsync(CustomerId.From("A")).AsTask().WaitAsync(Patience);
        subtree.Select(c => c.Id.Value).ShouldBe(["A", "B"]);
    }
}
