using Billing.Core.BillingRuns;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Payments;
using Billing.Core.Removal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Billing.Core;

/// <summary>Registers Billing.Core's services in a host's container.</summary>
public static class BillingServiceCollectionExtensions
{
    /// <summary>
    /// Adds Billing.Core: its options (validated when the host starts), a system clock unless the host registered an
    /// <see cref="IClock"/>, the <see cref="CustomerFactory"/>, and the scoped application services <see cref="CustomerService"/>,
    /// <see cref="CustomerDirectory"/>, <see cref="ChargeService"/> and <see cref="RemovalService"/>. Storage is added separately (for example
    /// <c>AddInMemoryBillingStore()</c>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets options; may be null. Every call's delegate is applied, in order.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// Uses <c>TryAdd</c> throughout, so registrations the host made first win and calling it twice is harmless. The services
    /// take the container's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> and <c>ILogger&lt;ChargeService&gt;</c> when the
    /// host registered them (the generic host does), for the telemetry named in <see cref="Telemetry.BillingTelemetry"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddBillingCore(this IServiceCollection services, Action<BillingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<BillingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // ValidateOnStart adds a descriptor on every call; the validator's registration marks that it was already done.
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<BillingOptions>) && d.ImplementationType == typeof(BillingOptionsValidator)))
        {
            options.ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>());

#pragma warning disable RS0030 // The one place the real clock is wired: the default for hosts that did not register their own.
        services.TryAddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.TryAddSingleton(provider => new CustomerFactory(provider.GetRequiredService<IOptions<BillingOptions>>().Value.Customers));
        services.TryAddScoped<CustomerDirectory>();
        services.TryAddScoped<CustomerService>();
        services.TryAddScoped<ChargeService>();
        services.TryAddScoped<RemovalService>();
        services.TryAddScoped<BillingRun>();
        services.TryAddScoped<InvoicePayments>();
        return services;
    }
}
