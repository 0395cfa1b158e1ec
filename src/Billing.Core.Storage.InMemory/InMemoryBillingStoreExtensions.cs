using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Billing.Core.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the in-memory storage of Billing.Core.</summary>
public static class InMemoryBillingStoreExtensions
{
    /// <summary>
    /// Adds the thread-safe in-memory repositories for every aggregate and the in-memory <see cref="ILedgerStore"/>, as singletons
    /// (the data lives as long as the container). Uses <c>TryAdd</c>, so storage the host registered first wins and calling it
    /// twice is harmless.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddInMemoryBillingStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<InMemoryDatabase>();
        services.TryAddSingleton<ICustomerRepository>(sp => sp.GetRequiredService<InMemoryDatabase>().Customers);
        services.TryAddSingleton<ICustomerClassRepository>(sp => sp.GetRequiredService<InMemoryDatabase>().Classes);
        services.TryAddSingleton<IAccountRepository>(sp => sp.GetRequiredService<InMemoryDatabase>().Accounts);
        services.TryAddSingleton<INumberRepository>(sp => sp.GetRequiredService<InMemoryDatabase>().Numbers);
        services.TryAddSingleton<IServiceRepository>(sp => sp.GetRequiredService<InMemoryDatabase>().Services);
        services.TryAddSingleton<IInvoiceRepository>(sp => sp.GetRequiredService<InMemoryDatabase>().Invoices);
        services.TryAddSingleton<ILedgerStore, InMemoryLedgerStore>();
        return services;
    }
}
