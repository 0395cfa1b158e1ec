using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using Billing.Core.Services;
using System.Data.Common;
using Billing.Core.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL storage of Billing.Core.</summary>
public static class PostgreSqlBillingStoreExtensions
{
    /// <summary>
    /// Adds the PostgreSQL store (<see cref="PostgreSqlBillingStore"/>, every repository — <see cref="IInvoiceRepository"/> too —
    /// and the <see cref="ILedgerStore"/>, as singletons) over a data source the store builds from <paramref name="connectionString"/>
    /// and disposes with the container. When the host starts, the store checks that the server answers and that its schema is at
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
        catch (Exception e) when (IsRefusal(e))
        {
            throw new ArgumentException($"The PostgreSQL connection string is invalid: {Problem(connectionString, e)}", nameof(connectionString), e);
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

    private static bool IsRefusal(Exception e) => e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException or OverflowException;

    /// <summary>
    /// What Npgsql refuses in a connection string: the keyword and its value (never a password's), with Npgsql's reason; its
    /// own messages name neither ("Couldn't set port").
    /// </summary>
    private static string Problem(string connectionString, Exception refusal)
    {
        DbConnectionStringBuilder pairs;
        try
        {
            pairs = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException format)
        {
            return $"{format.Message} Write it as keyword=value pairs separated by ';', for example 'Host=db;Database=billing;Username=billing'.";
        }

        foreach (string keyword in pairs.Keys)
        {
            var value = pairs[keyword]?.ToString();
            try
            {
                _ = new NpgsqlConnectionStringBuilder { [keyword] = value! };
            }
            catch (Exception e) when (IsRefusal(e))
            {
                if (e.GetBaseException() is KeyNotFoundException || e is ArgumentException { ParamName: "keyword" })
                {
                    return $"Npgsql has no keyword '{keyword}'.";
                }

                var shown = keyword.Contains("password", StringComparison.OrdinalIgnoreCase) || keyword.Equals("pwd", StringComparison.OrdinalIgnoreCase)
                    ? "its value"
                    : $"'{value}'";
                return $"'{keyword}' cannot be {shown}: {e.GetBaseException().Message}";
            }
        }

        return refusal.Message;
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

        services.AddSingleton<IValidateOptions<PostgreSqlBillingStoreOptions>, PostgreSqlBillingStoreOptionsValidator>();
        options.ValidateOnStart();
        services.AddOptions<PostgreSqlStoreStartupCheck>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgreSqlStoreStartupCheck>, PostgreSqlStoreValidator>();
        services.AddSingleton(provider => create(provider.GetRequiredService<IOptions<PostgreSqlBillingStoreOptions>>().Value));
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Customers);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Classes);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Accounts);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Numbers);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Services);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Invoices);
        services.TryAddSingleton(provider => provider.GetRequiredService<PostgreSqlBillingStore>().Ledgers);
        return services;
    }
}
