using BenchmarkDotNet.Attributes;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// Authorised charges through <see cref="ChargeService"/> and the in-memory store, on a chain of account → customer → reseller
/// (the root is not billed), single-threaded and with two threads. Every iteration starts from a fresh store. Baseline: the pure
/// authorisation decision over the same chain, with no storage.
/// </summary>
[MemoryDiagnoser]
public class ChargeThroughputBenchmarks
{
    /// <summary>
    /// Charges per invocation; results are per charge. Large enough that an iteration lasts well over 100 ms, so the store's
    /// growth is part of what is measured and the JIT has finished optimising before the measured iterations.
    /// </summary>
    public const int Charges = 200_000;

    private static readonly Instant At = Instant.FromUtc(2026, 4, 1, 12, 0);
    private static readonly Money Amount = Money.Of(0.0125m, "GBP");
    private readonly string[] _keys = Enumerable.Range(0, Charges).Select(i => "call-" + i).ToArray();
    private ServiceProvider? _provider;
    private ChargeService _charges = null!;
    private AccountId _account;
    private BalanceLevel[] _levels = [];

    /// <summary>Builds a fresh container and store with the chain.</summary>
    [IterationSetup]
    public void Setup()
    {
        _provider?.Dispose();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FixedClock(At));
        services.AddBillingCore(o => o.Customers.Currency = "GBP").AddInMemoryBillingStore();
        _provider = services.BuildServiceProvider();
        var customers = _provider.GetRequiredService<CustomerService>();
        var address = PostalAddress.Create(["1 Street"], "London", "GB");
        var root = customers.CreateRootAsync(new NewCustomer { Name = "Root", Email = "root@example.com", BillingAddress = address }).AsTask().GetAwaiter().GetResult();
        var reseller = customers.CreateAsync(new NewCustomer { Name = "Reseller", Email = "r@example.com", BillingAddress = address, ParentId = root.Id, CreditLimit = 1_000_000m })
            .AsTask().GetAwaiter().GetResult();
        var customer = customers.CreateAsync(new NewCustomer { Name = "Customer", Email = "c@example.com", BillingAddress = address, ParentId = reseller.Customer.Id, CreditLimit = 100_000m })
            .AsTask().GetAwaiter().GetResult();
        _account = customer.DefaultAccount.Id;
        _charges = _provider.GetRequiredService<ChargeService>();
        var chain = _charges.ChainAsync(_account).AsTask().GetAwaiter().GetResult();
        _levels = chain.Select(l => l.WithFunds(0m)).ToArray();
    }

    /// <summary>The bare decision over the chain, without reading or writing storage.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Charges)]
    public int AuthoriseOnly()
    {
        var approved = 0;
        for (var i = 0; i < Charges; i++)
        {
            approved += Authoriser.Authorise(Amount, _levels).IsApproved ? 1 : 0;
        }

        return approved;
    }

    /// <summary>Charges one after another from one thread.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public int ChargeSingleThread() => ChargeRange(0, Charges);

    /// <summary>The same charges split over two threads charging the same account.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public int ChargeTwoThreads()
    {
        var half = Charges / 2;
        var other = Task.Run(() => ChargeRange(half, Charges));
        return ChargeRange(0, half) + other.GetAwaiter().GetResult();
    }

    private int ChargeRange(int from, int to)
    {
        var approved = 0;
        for (var i = from; i < to; i++)
        {
            var outcome = _charges.ChargeAsync(_account, Amount, _keys[i], At);
            approved += (outcome.IsCompletedSuccessfully ? outcome.Result : outcome.AsTask().GetAwaiter().GetResult()).IsApproved ? 1 : 0;
        }

        return approved;
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
