using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Core.Storage.InMemory.Tests;

public class AddInMemoryBillingStoreTests
{
    private static readonly Type[] StoreTypes =
    [
        typeof(ICustomerRepository), typeof(ICustomerClassRepository), typeof(IAccountRepository),
        typeof(INumberRepository), typeof(IServiceRepository), typeof(ILedgerStore),
    ];

    [Fact]
    public void AddInMemoryBillingStore_RegistersEveryRepositoryAndTheLedgerStoreAsSingletons()
    {
        var services = new ServiceCollection().AddInMemoryBillingStore();

        foreach (var type in StoreTypes)
        {
            services.Single(d => d.ServiceType == type).Lifetime.ShouldBe(ServiceLifetime.Singleton, type.Name);
        }
    }

    [Fact]
    public async Task AddInMemoryBillingStore_Resolved_SameInstanceAcrossScopes()
    {
        await using var provider = Build(new ServiceCollection().AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddInMemoryBillingStore());
        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();

        foreach (var type in StoreTypes)
        {
            var instance = first.ServiceProvider.GetRequiredService(type);
            instance.ShouldBeSameAs(second.ServiceProvider.GetRequiredService(type), type.Name);
            instance.ShouldBeSameAs(provider.GetRequiredService(type), type.Name);
        }
    }

    [Fact]
    public async Task AddInMemoryBillingStore_DataWrittenInOneScope_IsReadInAnother()
    {
        await using var provider = Build(new ServiceCollection().AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddInMemoryBillingStore());
        Customer root;
        await using (var write = provider.CreateAsyncScope())
        {
            root = await write.ServiceProvider.GetRequiredService<CustomerService>().CreateRootAsync(new NewCustomer
            {
                Name = "Platform Owner",
                Email = "owner@example.com",
                BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
            });
        }

        await using var read = provider.CreateAsyncScope();
        (await read.ServiceProvider.GetRequiredService<CustomerDirectory>().FindAsync(root.Id, root.Id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task AddInMemoryBillingStore_HostRepositoryRegisteredFirst_IsNotReplaced()
    {
        var services = new ServiceCollection().AddBillingCore();
        ICustomerRepository hostRepository = new InMemoryDatabase().Customers;
        services.AddSingleton(hostRepository);

        services.AddInMemoryBillingStore();

        services.Count(d => d.ServiceType == typeof(ICustomerRepository)).ShouldBe(1);
        await using var provider = Build(services);
        provider.GetRequiredService<ICustomerRepository>().ShouldBeSameAs(hostRepository);
        provider.GetRequiredService<IAccountRepository>().ShouldNotBeNull();
        provider.GetRequiredService<ILedgerStore>().ShouldBeOfType<InMemoryLedgerStore>();
    }

    [Fact]
    public void AddInMemoryBillingStore_CalledTwice_AddsNoDuplicateDescriptors()
    {
        var once = new ServiceCollection().AddBillingCore().AddInMemoryBillingStore();
        var twice = new ServiceCollection().AddBillingCore().AddInMemoryBillingStore().AddInMemoryBillingStore();

        twice.Count.ShouldBe(once.Count);
        foreach (var type in StoreTypes)
        {
            twice.Count(d => d.ServiceType == type).ShouldBe(1, type.Name);
        }
    }

    [Fact]
    public void AddInMemoryBillingStore_Chaining_ReturnsTheSameCollection()
    {
        var services = new ServiceCollection();

        services.AddInMemoryBillingStore().ShouldBeSameAs(services);
        services.AddBillingCore().AddInMemoryBillingStore().ShouldBeSameAs(services);
    }

    [Fact]
    public void AddInMemoryBillingStore_NullServices_ThrowsArgumentNull()
    {
        var e = Should.Throw<ArgumentNullException>(() => ((IServiceCollection)null!).AddInMemoryBillingStore());

        e.ParamName.ShouldBe("services");
    }

    [Fact]
    public async Task AddBillingCoreAndInMemoryStore_InvalidOptions_FailAtStartUp()
    {
        var services = new ServiceCollection()
            .AddBillingCore(o =>
            {
                o.Customers.Currency = default(Currency);
                o.MaxChargeAttempts = 0;
                o.Customers.BillingTimeZone = null!;
            })
            .AddInMemoryBillingStore();

        await using var provider = Build(services);
        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        e.Failures.ShouldHaveSingleItem();
        e.Message.ShouldContain("Currency is default");
        e.Message.ShouldContain("MaxChargeAttempts");
        e.Message.ShouldContain("BillingTimeZone is null");
        await using var scope = provider.CreateAsyncScope();
        Should.Throw<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<ChargeService>());
    }

    private static ServiceProvider Build(IServiceCollection services)
        => services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
}
