using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.EfCoreExample;
using Billing.Core.EfCoreExample.Repositories;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Billing.Core's repositories on EF Core (docs/storage.md, "Hosts on EF Core").</summary>
public static class EfCoreBillingRepositoryExtensions
{
    /// <summary>
    /// Adds a pooled <see cref="IDbContextFactory{TContext}"/> of <see cref="BillingDbContext"/> on the SQLite database
    /// <paramref name="connectionString"/> names, and the six repositories on it as singletons. Uses <c>TryAdd</c>: repositories
    /// the host registered first win. The ledger store is not among them: register one beside it (for example
    /// <c>AddSqliteBillingStore</c> on a file of its own, whose repositories then stay unregistered).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">The SQLite connection string, e.g. <c>Data Source=billing.db</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or white space.</exception>
    /// <remarks>The schema is the host's: create it with EF Core migrations (or <c>EnsureCreated</c> in a test) before the first request.</remarks>
    public static IServiceCollection AddEfCoreBillingRepositories(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddPooledDbContextFactory<BillingDbContext>(options => options.UseSqlite(connectionString));
        services.TryAddSingleton<ICustomerRepository, EfCustomerRepository>();
        services.TryAddSingleton<ICustomerClassRepository, EfCustomerClassRepository>();
        services.TryAddSingleton<IAccountRepository, EfAccountRepository>();
        services.TryAddSingleton<INumberRepository, EfNumberRepository>();
        services.TryAddSingleton<IServiceRepository, EfServiceRepository>();
        services.TryAddSingleton<IInvoiceRepository, EfInvoiceRepository>();
        return services;
    }
}
