using Billing.Core.Monetary;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using NodaTime;

namespace Billing.Core.Storage.Testing;

/// <summary>
/// The storage contract of Billing.Core as an xunit test class. Derive from it once and implement <see cref="AddStore"/>;
/// every test of the suite then runs against your implementation of the repositories and the ledger store.
/// </summary>
/// <remarks>
/// <see cref="AddStore"/> is called once per test and must register a fresh, empty store (for a database: a new database or
/// schema, or emptied tables). The suite registers its own <see cref="IClock"/> (fixed at <see cref="Now"/>) and calls
/// <c>AddBillingCore</c> itself.
/// </remarks>
public abstract partial class BillingStoreContract
{
    /// <summary>The instant the suite's clock reads: 2026-03-19T10:00Z.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);

    /// <summary>Registers the store under test: every repository interface and <c>ILedgerStore</c>.</summary>
    /// <param name="services">The services to add the store to.</param>
    protected abstract void AddStore(IServiceCollection services);

    /// <summary>Builds a container with Billing.Core, the suite's clock and a fresh store, and opens a scope on it.</summary>
    /// <returns>The store under test; dispose it at the end of the test.</returns>
    protected StoreUnderTest NewStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddBillingCore(options =>
        {
            options.Customers.Currency = Currency.GBP;
            options.Customers.BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"];
        });
        AddStore(services);
        return new StoreUnderTest(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }
}
