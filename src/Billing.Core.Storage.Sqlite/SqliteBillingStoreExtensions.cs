using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Billing.Core.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite storage of Billing.Core.</summary>
public static class SqliteBillingStoreExtensions
{
    /// <summary>
    /// Adds <see cref="SqliteBillingStore"/> over the file at <paramref name="path"/> and every repository (the
    /// <see cref="IInvoiceRepository"/> too) and the <see cref="ILedgerStore"/> from it, as singletons. The options are validated
    /// when the host starts (and when the store is first resolved): the folder must exist, the file must open for writing, and its
    /// schema must not be newer than this package's; one message lists every problem. Uses <c>TryAdd</c>, so storage the host registered first wins, and a second call adds nothing.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="path">The database file; created when missing.</param>
    /// <param name="configure">Sets further options (the busy timeout), or null.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    /// <remarks>The schema is not applied here: call <see cref="SqliteBillingStore.MigrateAsync"/> on the registered store once the
    /// container is built, before the first request (it is idempotent and safe when several processes start together).</remarks>
    public static IServiceCollection AddSqliteBillingStore(this IServiceCollection services, string path, Action<SqliteBillingStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (services.Any(d => d.ServiceType == typeof(SqliteStoreMarker)))
        {
            return services;
        }

        services.AddSingleton<SqliteStoreMarker>();
        services.AddOptions<SqliteBillingStoreOptions>()
            .Configure(options =>
            {
                options.Path = path;
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteBillingStoreOptions>, SqliteBillingStoreOptionsValidator>());
        services.TryAddSingleton(sp => new SqliteBillingStore(sp.GetRequiredService<IOptions<SqliteBillingStoreOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<SqliteBillingStore>().Customers);
        services.TryAddSingleton(sp => sp.GetRequiredService<SqliteBillingStore>().Classes);
        services.TryAddSingleton(sp => sp.GetRequiredService<SqliteBillingStore>().Accounts);
        services.TryAddSingleton(sp => sp.GetRequiredService<SqliteBillingStore>().Numbers);
        services.TryAddSingleton(sp => sp.GetRequiredService<SqliteBillingStore>().Services);
        services.TryAddSingleton(sp => sp.GetRequiredService<SqliteBillingStore>().Invoices);
        services.TryAddSingleton(sp => sp.GetRequiredService<SqliteBillingStore>().Ledgers);
        return services;
    }

    /// <summary>Marks that the SQLite store was added, so a second call adds nothing.</summary>
    private sealed class SqliteStoreMarker;
}
