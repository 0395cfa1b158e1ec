using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Billing.Core.Accounts;
using Billing.Core.BillingRuns;
using Billing.Core.Customers;
using Billing.Core.QuickStart;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Core.Benchmarks;

/// <summary>
/// The billing run over generated customers (<see cref="GeneratedCustomers"/>: one reseller, N customers, one account each with
/// three features) through the in-memory store: one whole run per iteration on a freshly generated store (generation is not
/// measured). Baseline: the reads the run cannot avoid — every customer page by page and each one's accounts — on a store of the
/// same size. The sizes are <c>BILLING_RUN_CUSTOMERS</c> (comma-separated; default 100,000 and 1,000,000); CI's dry job sets a
/// small one. Server GC, as ASP.NET Core hosts run by default: a store of millions of long-lived objects in the process is what
/// it is for (workstation GC measured 78 s against 58 s for the same million customers in one run of the sample's
/// <c>bill-many</c>).
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public class BillingRunBenchmarks
{
    private ServiceProvider? _walked;
    private ServiceProvider? _billed;

    /// <summary>Customers in the store.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    /// <summary>The sizes to run: <c>BILLING_RUN_CUSTOMERS</c>, or 1,000,000.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSizes.FromEnvironment("BILLING_RUN_CUSTOMERS", 1_000_000);

    /// <summary>Customers billed at once (<see cref="BillingRunOptions.MaxDegreeOfParallelism"/>): one, and one per core of this
    /// machine.</summary>
    [Params(1, 2)]
    public int Parallelism { get; set; }

    /// <summary>The store the baseline walks.</summary>
    [GlobalSetup(Target = nameof(WalkCustomersAndAccounts))]
    public void SetupWalk() => _walked = World(Customers, Parallelism);

    /// <summary>A fresh store for each run.</summary>
    [IterationSetup(Target = nameof(RunTheBill))]
    public void SetupRun()
    {
        _billed?.Dispose();
        _billed = null;
        GC.Collect();
        _billed = World(Customers, Parallelism);
    }

    /// <summary>Drops the stores.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _walked?.Dispose();
        _billed?.Dispose();
    }

    /// <summary>Every customer page by page (the run's page size) and each one's accounts.</summary>
    /// <returns>The accounts read.</returns>
    [Benchmark(Baseline = true)]
    public async Task<long> WalkCustomersAndAccounts()
    {
        var customers = _walked!.GetRequiredService<ICustomerRepository>();
        var accounts = _walked!.GetRequiredService<IAccountRepository>();
        long read = 0;
        CustomerId? after = null;
        while (true)
        {
            var page = await customers.ListPageAsync(after, 500);
            foreach (var customer in page)
            {
                read += (await accounts.ListByOwnerAsync(customer.Id)).Count;
            }

            if (page.Count < 500)
            {
                return read;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>The bill for March: an invoice per customer, issued and posted to account, customer and reseller.</summary>
    /// <returns>The invoices issued.</returns>
    [Benchmark]
    public async Task<long> RunTheBill()
    {
        using var scope = _billed!.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<BillingRun>().RunAsync(GeneratedCustomers.AfterMarch);
        if (result.CustomersFailed != 0 || result.InvoicesIssued != Customers)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{result.InvoicesIssued} invoices for {Customers} customers, {result.CustomersFailed} failed"));
        }

        return result.InvoicesIssued;
    }

    private static ServiceProvider World(int customers, int parallelism)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0)));
        services.AddBillingCore(options => options.Runs.MaxDegreeOfParallelism = parallelism);
        services.AddInMemoryBillingStore();
        var provider = services.BuildServiceProvider();
        GeneratedCustomers.AddAsync(provider, customers).GetAwaiter().GetResult();
        return provider;
    }
}
