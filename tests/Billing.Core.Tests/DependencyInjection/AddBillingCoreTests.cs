using System.Reflection;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Removal;
using Billing.Core.Services;
using Billing.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime.Testing;
using NodaTime;
using NodaTime.TimeZones;

namespace Billing.Core.Tests.DependencyInjection;

public class AddBillingCoreTests
{
    [Fact]
    public void AddBillingCore_Registrations_HaveTheDocumentedLifetimes()
    {
        var services = new ServiceCollection().AddBillingCore();

        Lifetime<IClock>(services).ShouldBe(ServiceLifetime.Singleton);
        Lifetime<CustomerFactory>(services).ShouldBe(ServiceLifetime.Singleton);
        Lifetime<CustomerDirectory>(services).ShouldBe(ServiceLifetime.Scoped);
        Lifetime<CustomerService>(services).ShouldBe(ServiceLifetime.Scoped);
        Lifetime<ChargeService>(services).ShouldBe(ServiceLifetime.Scoped);
        Lifetime<RemovalService>(services).ShouldBe(ServiceLifetime.Scoped);
        Lifetime<IValidateOptions<BillingOptions>>(services).ShouldBe(ServiceLifetime.Singleton);
    }

    [Fact]
    public async Task AddBillingCore_Resolved_SingletonsSharedAndScopedPerScope()
    {
        await using var provider = Build(new ServiceCollection().AddBillingCore(o => o.Customers.Currency = Currency.GBP));
        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();

        first.ServiceProvider.GetRequiredService<IClock>().ShouldBeSameAs(second.ServiceProvider.GetRequiredService<IClock>());
        first.ServiceProvider.GetRequiredService<CustomerFactory>().ShouldBeSameAs(second.ServiceProvider.GetRequiredService<CustomerFactory>());

        foreach (var type in new[] { typeof(CustomerDirectory), typeof(CustomerService), typeof(ChargeService), typeof(RemovalService) })
        {
            var a = first.ServiceProvider.GetRequiredService(type);
            a.ShouldBeSameAs(first.ServiceProvider.GetRequiredService(type), type.Name);
            a.ShouldNotBeSameAs(second.ServiceProvider.GetRequiredService(type), type.Name);
        }
    }

    [Fact]
    public async Task AddBillingCore_ScopedServiceFromRoot_IsRefusedByScopeValidation()
    {
        // Scoped means scoped: with scope validation on, resolving it from the root provider is an error.
        await using var provider = Build(new ServiceCollection().AddBillingCore());

        Should.Throw<InvalidOperationException>(() => provider.GetRequiredService<CustomerService>());
    }

    [Fact]
    public async Task AddBillingCore_HostRegistrationsMadeFirst_AreNotReplaced()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 19, 0, 0));
        var factory = new CustomerFactory(new CustomerCreationOptions { Currency = Currency.EUR });
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddSingleton(factory);
        services.AddScoped<CustomerDirectory>();

        services.AddBillingCore(o => o.Customers.Currency = Currency.GBP);

        services.Count(d => d.ServiceType == typeof(IClock)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(CustomerFactory)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(CustomerDirectory)).ShouldBe(1);
        await using var provider = Build(services);
        provider.GetRequiredService<IClock>().ShouldBeSameAs(clock);
        provider.GetRequiredService<CustomerFactory>().ShouldBeSameAs(factory);
    }

    [Fact]
    public void AddBillingCore_WithoutHostClock_RegistersOne()
    {
        var services = new ServiceCollection().AddBillingCore();

        services.Count(d => d.ServiceType == typeof(IClock)).ShouldBe(1);
    }

    [Fact]
    public void AddBillingCore_CalledTwice_AddsNoDuplicateDescriptors()
    {
        var once = new ServiceCollection().AddBillingCore(o => o.MaxChargeAttempts = 3);
        var twice = new ServiceCollection().AddBillingCore(o => o.MaxChargeAttempts = 3).AddBillingCore(o => o.Customers.Currency = Currency.EUR);

        // Only the configure delegate is added again (so that it applies); every other registration appears once.
        var configure = typeof(IConfigureOptions<BillingOptions>);
        Counts(twice, except: configure).ShouldBe(Counts(once, except: configure));
        twice.Count(d => d.ServiceType == configure).ShouldBe(once.Count(d => d.ServiceType == configure) + 1);
    }

    [Fact]
    public async Task AddBillingCore_CalledTwice_AppliesBothDelegatesInOrder()
    {
        var services = new ServiceCollection()
            .AddBillingCore(o =>
            {
                o.Customers.Currency = Currency.EUR;
                o.Customers.PaymentTermsDays = 7;
            })
            .AddBillingCore(o =>
            {
                o.MaxChargeAttempts = 9;
                o.Customers.PaymentTermsDays = 21;
            });

        await using var provider = Build(services);
        var options = provider.GetRequiredService<IOptions<BillingOptions>>().Value;
        options.Customers.Currency.ShouldBe(Currency.EUR);
        options.MaxChargeAttempts.ShouldBe(9);
        options.Customers.PaymentTermsDays.ShouldBe(21);
    }

    [Fact]
    public void AddBillingCore_Chaining_ReturnsTheSameCollection()
    {
        var services = new ServiceCollection();

        services.AddBillingCore().ShouldBeSameAs(services);
        services.AddBillingCore(o => o.MaxChargeAttempts = 2).ShouldBeSameAs(services);
    }

    [Fact]
    public void AddBillingCore_NullServices_ThrowsArgumentNull()
    {
        var e = Should.Throw<ArgumentNullException>(() => ((IServiceCollection)null!).AddBillingCore());

        e.ParamName.ShouldBe("services");
    }

    [Fact]
    public async Task AddBillingCore_ValidOptions_PassStartUpValidationAndReachTheServices()
    {
        var services = new ServiceCollection().AddBillingCore(o =>
        {
            o.Customers.Currency = Currency.JPY;
            o.Customers.BillingTimeZone = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];
            o.Customers.MaxHierarchyDepth = 5;
        });

        await using var provider = Build(services);
        Should.NotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        provider.GetRequiredService<CustomerFactory>().MaxHierarchyDepth.ShouldBe(5);
    }

    [Fact]
    public async Task AddBillingCore_InvalidOptions_FailAtStartUpWithOneMessageNamingEveryProblem()
    {
        var services = new ServiceCollection().AddBillingCore(o =>
        {
            o.Customers.Currency = default(Currency);
            o.MaxChargeAttempts = 0;
            o.Customers.BillingTimeZone = new MarsZone();
        });

        await using var provider = Build(services);
        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.OptionsType.ShouldBe(typeof(BillingOptions));
        var failure = e.Failures.ShouldHaveSingleItem();
        e.Message.ShouldContain(failure);
        failure.ShouldContain("Currency is default(Currency)");
        failure.ShouldContain("MaxChargeAttempts 0");
        failure.ShouldContain("BillingTimeZone 'Mars/Base'");
    }

    [Fact]
    public async Task AddBillingCore_InvalidOptions_ReadingTheOptionsOrAServiceThrows()
    {
        var services = new ServiceCollection().AddBillingCore(o => o.MaxChargeAttempts = 0);

        await using var provider = Build(services);
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BillingOptions>>().Value)
            .Message.ShouldContain("MaxChargeAttempts");
        await using var scope = provider.CreateAsyncScope();
        Should.Throw<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<ChargeService>());
    }

    [Theory]
    [InlineData("Currency", "default")]
    [InlineData("BillingTimeZone", "Mars/Base")]
    [InlineData("BillingTimeZone", "null")]
    [InlineData("MonthEndPolicy", "7")]
    [InlineData("PaymentTermsDays", "366")]
    [InlineData("Language", "not a tag")]
    [InlineData("MaxHierarchyDepth", "0")]
    [InlineData("MaxChargeAttempts", "0")]
    [InlineData("MaxChargeAttempts", "101")]
    [InlineData("Runs.PageSize", "0")]
    [InlineData("Runs.PageSize", "10001")]
    [InlineData("Runs.MaxDegreeOfParallelism", "0")]
    [InlineData("Runs.MaxDegreeOfParallelism", "257")]
    [InlineData("Runs.MaxPeriodsPerCustomer", "0")]
    [InlineData("Runs.MaxPeriodsPerCustomer", "1001")]
    [InlineData("Runs.MaxRecordedFailures", "-1")]
    [InlineData("Runs.MaxRecordedFailures", "100001")]
    public async Task AddBillingCore_OneInvalidOption_FailsAtStartUpNamingIt(string option, string value)
    {
        var services = new ServiceCollection().AddBillingCore(o =>
        {
            switch (option)
            {
                case "Currency": o.Customers.Currency = default(Currency); break;
                case "BillingTimeZone": o.Customers.BillingTimeZone = value == "null" ? null! : new MarsZone(); break;
                case "MonthEndPolicy": o.Customers.MonthEndPolicy = (MonthEndPolicy)int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "PaymentTermsDays": o.Customers.PaymentTermsDays = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Language": o.Customers.Language = value; break;
                case "MaxHierarchyDepth": o.Customers.MaxHierarchyDepth = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "MaxChargeAttempts": o.MaxChargeAttempts = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Runs.PageSize": o.Runs.PageSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Runs.MaxDegreeOfParallelism": o.Runs.MaxDegreeOfParallelism = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Runs.MaxPeriodsPerCustomer": o.Runs.MaxPeriodsPerCustomer = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Runs.MaxRecordedFailures": o.Runs.MaxRecordedFailures = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentOutOfRangeException(nameof(option));
            }
        });

        await using var provider = Build(services);
        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldContain(option);
        e.Message.ShouldContain(value);
    }

    private static ServiceLifetime Lifetime<T>(IServiceCollection services)
        => services.Single(d => d.ServiceType == typeof(T)).Lifetime;

    private static Dictionary<string, int> Counts(IServiceCollection services, Type except)
        => services.Where(d => d.ServiceType != except)
            .GroupBy(d => d.ServiceType.FullName ?? d.ServiceType.Name)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Builds the provider as a strict host would, with storage the tests never call.</summary>
    private static ServiceProvider Build(IServiceCollection services)
    {
        services.AddSingleton(Unused<ICustomerRepository>());
        services.AddSingleton(Unused<ICustomerClassRepository>());
        services.AddSingleton(Unused<IAccountRepository>());
        services.AddSingleton(Unused<INumberRepository>());
        services.AddSingleton(Unused<IServiceRepository>());
        services.AddSingleton(Unused<Billing.Core.Invoicing.IInvoiceRepository>());
        services.AddSingleton(Unused<ILedgerStore>());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static T Unused<T>()
        where T : class
        => DispatchProxy.Create<T, UnusedStorage>();

    /// <summary>Storage that fails loudly if a DI test ever calls it.</summary>
    public class UnusedStorage : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            => throw new NotSupportedException($"The DI tests do not use storage ({targetMethod?.Name}).");
    }

    /// <summary>A zone from a provider other than the tzdb, with an id the tzdb does not know.</summary>
    private sealed class MarsZone() : DateTimeZone("Mars/Base", true, Offset.Zero, Offset.Zero)
    {
        public override ZoneInterval GetZoneInterval(Instant instant) => DateTimeZone.Utc.GetZoneInterval(instant);
    }
}
