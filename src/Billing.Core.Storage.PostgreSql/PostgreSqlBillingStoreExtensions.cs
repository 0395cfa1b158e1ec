using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Billing.Core.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL storage of Billing.Core.</summary>
public static class PostgreSqlBillingStoreExtensions
{
    /// <summary>
    /// Adds the PostgreSQL store (<see cref="PostgreSqlBillingStore"/>, every repository and the <see cref="ILedgerStore"/>, as
    /// singletons) over a data source the store builds from <paramref name="connectionString"/> and disposes with the container.
    /// When the host starts, the store checks that the server answers and that its schema is at
    /// <see cref="PostgreSqlBillingStore.SchemaVersion"/> (call <see cref="PostgreSqlBillingStore.MigrateAsync"/> before starting).
    /// Uses <c>TryAdd</c>, so storage the host registered first wins and a second call adds nothing.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Sets the store's options; may be null.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException">The connection string is not one Npgsql understands.</exception>
    public static IServiceCollection AddPostgreSqlBillingStore(this IServiceCollection services, string connectionString, Action<PostgreSqlBillingStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is invalid: {e.Message}", nameof(connectionString), e);
        }

        return Add(services, configure, options => new PostgreSqlBillingStore(NpgsqlDataSource.Create(connectionString), options, ownsDataSource: true));
    }

    /// <summary>
    /// Adds the PostgreSQL store over a data source the host owns (and disposes), like the other overload.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="dataSource">The database.</param>
    /// <param name="configure">Sets the store's options; may be null.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="dataSource"/> is null.</exception>
    public static IServiceCollection AddPostgreSqlBillingStore(this IServiceCollection services, NpgsqlDataSource dataSource, Action<PostgreSqlBillingStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSource);
        return Add(services, configure, options => new PostgreSqlBillingStore(dataSource, options, ownsDataSource: false));
    }

    private static IServiceCollection Add(IServiceCollection services, Action<PostgreSqlBillingStoreOptions>? configure, Func<PostgreSqlBillingStoreOptions, PostgreSqlBillingStore> create)
    {
        // The store's registration is the marker: a second call changes nothing.
        if (services.Any(d => d.ServiceType == typeof(PostgreSqlBillingStore)))
        {
            return services;
        }

        var options = services.AddOptions<PostgreSqlBillingStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.Problems().Count == 0, "The PostgreSQL store's options are invalid: MaxBatchSize must lie within 1..10000.");
        options.ValidateOnStart();
        services.AddOptions<PostgreSqlStoreStartupCheck>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgreSqlStoreStartupCheck>, PostgreSqlStoreValidator>();
        services.AddSingleton(provider => create(provider.GetRequiredService<IOptions<PostgreSqlBillingStoreOptions>>().Value));
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Customers);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Classes);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Accounts);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Numbers);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Services);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Ledgers);
        return services;
    }
}
