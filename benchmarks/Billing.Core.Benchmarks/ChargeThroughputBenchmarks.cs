using BenchmarkDotNet.Attributes;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime.Testing;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// Authorised charges through the in-memory store, on a chain of account → customer → reseller (the root is not billed),
/// single-threaded and with two threads: straight into the store's atomic authorise-and-append (with the chain as
/// <see cref="ChargeService"/> reads it, and a new request and id per charge), and end to end through
/// <see cref="ChargeService"/>, which also reads the chain from the repositories for every charge. Every iteration starts from a
/// fresh store. Baseline: the pure authorisation decision over the same chain, with no storage.
/// </summary>
[MemoryDiagnoser]
public class ChargeThroughputBenchmarks
{
    /// <summary>
    /// Charges per invocation; results are per charge. Large enough that an iteration lasts well over 100 ms, and the store's
    /// growth from empty is part of what is measured.
    /// </summary>
    public const int Charges = 200_000;

    private static readonly Instant At = Instant.FromUtc(2026, 4, 1, 12, 0);
    private static readonly Money Amount = Money.Of(0.0125m, "GBP");
    private readonly string[] _keys = Enumerable.Range(0, Charges).Select(i => "call-" + i).ToArray();
    private ServiceProvider? _provider;
    private IAccountRepository _accounts = null!;
    private ICustomerRepository _customers = null!;
    private IOptions<BillingOptions> _options = null!;
    private ChargeService _charges = null!;
    private ILedgerStore _store = null!;
    private IReadOnlyList<ChargeLevel> _chain = [];
    private AccountId _account;
    private BalanceLevel[] _levels = [];

    /// <summary>
    /// Builds the container with the chain once, and charges through both paths once so that the JIT has optimised them. Each
    /// iteration then only swaps in a new ledger store: rebuilding the container every iteration ran new code each time, which
    /// kept the JIT's tiering delay going, so measured iterations still ran unoptimised code (the baseline took 3× its time).
    /// </summary>
    [GlobalSetup]
    public void GlobalSetup()
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
        _chain = _provider.GetRequiredService<ChargeService>().ChainAsync(_account).AsTask().GetAwaiter().GetResult();
        _levels = _chain.Select(l => l.WithFunds(Money.Zero(l.Currency))).ToArray();

        for (var pass = 0; pass < 2; pass++)
        {
            IterationSetup();
            StoreRange(0, Charges / 2);
            ServiceRange(Charges / 2, Charges);
            AuthoriseOnly();
        }
    }

    /// <summary>A new, empty ledger store, and a charge service over it and the container's repositories.</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        _store = new InMemoryLedgerStore();
        _charges = new ChargeService(_accounts, _customers, _store, _options);
    }

    /// <summary>Disposes the container.</summary>
    [GlobalCleanup]
    public void GlobalCleanup() => _provider?.Dispose();

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

    /// <summary>Charges one after another from one thread, straight into the store.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public int StoreSingleThread() => StoreRange(0, Charges);

    /// <summary>The same charges into the store, split over two threads charging the same account.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public int StoreTwoThreads() => Split(StoreRange);

    /// <summary>Charges one after another from one thread through <see cref="ChargeService"/>.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public int ServiceSingleThread() => ServiceRange(0, Charges);

    /// <summary>The same charges through <see cref="ChargeService"/>, split over two threads charging the same account.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public int ServiceTwoThreads() => Split(ServiceRange);

    private static int Split(Func<int, int, int> range)
    {
        var half = Charges / 2;
        var other = Task.Run(() => range(half, Charges));
        return range(0, half) + other.GetAwaiter().GetResult();
    }

    private int StoreRange(int from, int to)
    {
        var approved = 0;
        for (var i = from; i < to; i++)
        {
            var charge = new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Amount, At, _keys[i]);
            approved += Result(_store.AuthoriseAndAppendAsync(charge, _chain)).IsApproved ? 1 : 0;
        }

        return AllApproved(approved, to - from);
    }

    private int ServiceRange(int from, int to)
    {
        var approved = 0;
        for (var i = from; i < to; i++)
        {
            approved += Result(_charges.ChargeAsync(_account, Amount, _keys[i], At)).IsApproved ? 1 : 0;
        }

        return AllApproved(approved, to - from);
    }

    // A declined charge writes nothing and would flatter the figures: every charge of the run must pass.
    private static int AllApproved(int approved, int charges)
        => approved == charges ? approved : throw new InvalidOperationException($"{charges - approved} of {charges} charges were declined.");

    private static ChargeOutcome Result(ValueTask<ChargeOutcome> outcome)
        => outcome.IsCompletedSuccessfully ? outcome.Result : outcome.AsTask().GetAwaiter().GetResult();
}
