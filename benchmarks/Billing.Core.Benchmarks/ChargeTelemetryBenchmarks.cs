using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Storage.InMemory;
using Billing.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Core.Benchmarks;

/// <summary>
/// What Billing.Core's telemetry costs a charge through <see cref="ChargeService"/> and the in-memory store (docs/telemetry.md):
/// with nothing listening (the baseline, which must match <see cref="ChargeThroughputBenchmarks.ServiceSingleThread"/>), with a
/// <see cref="MeterListener"/> taking every measurement of the <see cref="BillingTelemetry.MeterName"/> meter, and with an
/// <see cref="ActivityListener"/> recording every span as well. Same chain, charges and fresh store per iteration as
/// <see cref="ChargeThroughputBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ChargeTelemetryBenchmarks
{
    /// <summary>Charges per invocation; results are per charge.</summary>
    public const int Charges = 200_000;

    private static readonly Instant At = Instant.FromUtc(2026, 4, 1, 12, 0);
    private static readonly Money Amount = Money.Of(0.0125m, "GBP");
    private readonly string[] _keys = Enumerable.Range(0, Charges).Select(i => "call-" + i).ToArray();
    private ServiceProvider? _provider;
    private IAccountRepository _accounts = null!;
    private ICustomerRepository _customers = null!;
    private IOptions<BillingOptions> _options = null!;
    private ChargeService _charges = null!;
    private AccountId _account;
    private MeterListener? _meterListener;
    private ActivityListener? _activityListener;
    private long _measurements;
    private long _spans;

    /// <summary>The container and chain, and warm-up charges with nothing listening.</summary>
    [GlobalSetup(Target = nameof(NoListener))]
    public void SetUpWithoutListener() => SetUp();

    /// <summary>As <see cref="SetUpWithoutListener"/>, then a meter listener on every instrument of the Billing.Core meter.</summary>
    [GlobalSetup(Target = nameof(WithMeterListener))]
    public void SetUpWithMeterListener()
    {
        ListenToMeter();
        SetUp();
    }

    /// <summary>As <see cref="SetUpWithMeterListener"/>, and an activity listener that records every Billing.Core span.</summary>
    [GlobalSetup(Target = nameof(WithMeterAndActivityListeners))]
    public void SetUpWithBothListeners()
    {
        ListenToMeter();
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BillingTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => _spans++,
        };
        ActivitySource.AddActivityListener(_activityListener);
        SetUp();
    }

    /// <summary>A new, empty ledger store, and a charge service over it and the container's repositories.</summary>
    [IterationSetup]
    public void IterationSetup()
        => _charges = new ChargeService(_accounts, _customers, new InMemoryLedgerStore(), _options);

    /// <summary>Checks that the listeners heard the charges, detaches them and disposes the container.</summary>
    /// <exception cref="InvalidOperationException">A listener was attached but heard nothing: the case measured no telemetry.</exception>
    [GlobalCleanup]
    public void GlobalCleanup()
    {
        if ((_meterListener is not null && _measurements == 0) || (_activityListener is not null && _spans == 0))
        {
            throw new InvalidOperationException($"The listeners heard {_measurements} measurements and {_spans} spans.");
        }

        _meterListener?.Dispose();
        _activityListener?.Dispose();
        _meterListener = null;
        _activityListener = null;
        _provider?.Dispose();
    }

    /// <summary>Charges one after another from one thread through <see cref="ChargeService"/>, nothing listening.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Charges)]
    public int NoListener() => ServiceRange(0, Charges);

    /// <summary>The same, with every measurement taken by a meter listener.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public int WithMeterListener() => ServiceRange(0, Charges);

    /// <summary>The same, with every measurement taken and every span recorded.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public int WithMeterAndActivityListeners() => ServiceRange(0, Charges);

    private void ListenToMeter()
    {
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BillingTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((_, _, _, _) => _measurements++);
        _meterListener.SetMeasurementEventCallback<double>((_, _, _, _) => _measurements++);
        _meterListener.Start();
    }

    private void SetUp()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(At));
        services.AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddInMemoryBillingStore();
        _provider = services.BuildServiceProvider();
        var customers = _provider.GetRequiredService<CustomerService>();
        var address = PostalAddress.Create(["1 Street"], "London", "GB");
        var root = customers.CreateRootAsync(new NewCustomer { Name = "Root", Email = "root@example.com", BillingAddress = address }).AsTask().GetAwaiter().GetResult();
        var reseller = customers.CreateAsync(new NewCustomer { Name = "Reseller", Email = "r@example.com", BillingAddress = address, ParentId = root.Id, CreditLimit = new Money(1_000_000m, Currency.GBP) })
            .AsTask().GetAwaiter().GetResult();
        var customer = customers.CreateAsync(new NewCustomer { Name = "Customer", Email = "c@example.com", BillingAddress = address, ParentId = reseller.Customer.Id, CreditLimit = new Money(100_000m, Currency.GBP) })
            .AsTask().GetAwaiter().GetResult();
        _account = customer.DefaultAccount.Id;
        _accounts = _provider.GetRequiredService<IAccountRepository>();
        _customers = _provider.GetRequiredService<ICustomerRepository>();
        _options = _provider.GetRequiredService<IOptions<BillingOptions>>();

        // Two passes so that the JIT has optimised the path before the first measured iteration (see ChargeThroughputBenchmarks).
        for (var pass = 0; pass < 2; pass++)
        {
            IterationSetup();
            ServiceRange(0, Charges);
        }
    }

    private int ServiceRange(int from, int to)
    {
        var approved = 0;
        for (var i = from; i < to; i++)
        {
            var outcome = _charges.ChargeAsync(_account, Amount, _keys[i], At);
            approved += (outcome.IsCompletedSuccessfully ? outcome.Result : outcome.AsTask().GetAwaiter().GetResult()).IsApproved ? 1 : 0;
        }

        // A declined charge writes nothing and would flatter the figures: every charge of the run must pass.
        return approved == to - from ? approved : throw new InvalidOperationException($"{to - from - approved} of {to - from} charges were declined.");
    }
}
