using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Billing.Core.BillingRuns;
using Billing.Core.QuickStart;
using Billing.Core.Storage.PostgreSql;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using Billing.Core.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Core.Benchmarks;

/// <summary>
/// The billing run through the durable stores, recorded beside the in-memory figures of <see cref="BillingRunBenchmarks"/>: an
/// SQLite file (WAL, <c>synchronous=FULL</c>) and a PostgreSQL schema (the server the tests use), each freshly filled with
/// generated customers (<see cref="GeneratedCustomers"/>; not measured) before its one run. Baseline: one plain INSERT and COMMIT
/// per customer into a table of the same database — the bound of writing anything per customer with a commit of its own. The
/// size is <c>BILLING_RUN_STORE_CUSTOMERS</c> (default 10,000).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public class BillingRunStoreBenchmarks
{
    private string _folder = null!;
    private PostgresServer? _server;
    private ServiceProvider? _provider;
    private string _connectionString = string.Empty;
    private int _round;

    /// <summary>The store: <c>sqlite</c> or <c>postgres</c>.</summary>
    [Params("sqlite", "postgres")]
    public string Store { get; set; } = "sqlite";

    /// <summary>Customers billed at once: two (the default on this two-core machine) and sixteen, whose commits overlap. Run without
    /// <c>--inProcess</c>: that option adds a default job with warm-ups, and every iteration generates its store again.</summary>
    [Params(2, 16)]
    public int Parallelism { get; set; }

    /// <summary>Customers in the store.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    /// <summary>The sizes: <c>BILLING_RUN_STORE_CUSTOMERS</c>, or 10,000.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSizes.FromEnvironment("BILLING_RUN_STORE_CUSTOMERS", 10_000);

    /// <summary>A temp folder, and the server when PostgreSQL is measured.</summary>
    [GlobalSetup]
    public void GlobalSetup()
    {
        _folder = Directory.CreateTempSubdirectory("billing-run-bench-").FullName;
        if (Store == "postgres")
        {
            _server = PostgresServer.StartAsync(durable: true).GetAwaiter().GetResult();
        }
    }

    /// <summary>A new database, migrated and filled.</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        _provider?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0)));
        services.AddBillingCore(options => options.Runs.MaxDegreeOfParallelism = Parallelism);
        _round++;
        if (Store == "postgres")
        {
            _connectionString = _server!.NewSchema();
            services.AddPostgreSqlBillingStore(_connectionString);
        }
        else
        {
            _connectionString = Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"billing-{_round}.db"));
            services.AddSqliteBillingStore(_connectionString);
        }

        _provider = services.BuildServiceProvider();
        if (Store == "postgres")
        {
            _provider.GetRequiredService<PostgreSqlBillingStore>().MigrateAsync().GetAwaiter().GetResult();
        }
        else
        {
            _provider.GetRequiredService<SqliteBillingStore>().MigrateAsync().GetAwaiter().GetResult();
        }

        GeneratedCustomers.AddAsync(_provider, Customers).GetAwaiter().GetResult();
    }

    /// <summary>Drops the provider, the server and the files.</summary>
    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _provider?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One INSERT and COMMIT per customer into a plain table of the same database.</summary>
    /// <returns>The rows written.</returns>
    [Benchmark(Baseline = true)]
    public async Task<int> InsertAndCommitPerCustomer()
    {
        if (Store == "postgres")
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("CREATE TABLE baseline_rows (id bigserial PRIMARY KEY, customer text NOT NULL)", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            await using var insert = new NpgsqlCommand("INSERT INTO baseline_rows (customer) VALUES ($1)", connection) { Parameters = { new NpgsqlParameter<string>() { TypedValue = string.Empty } } };
            for (var i = 0; i < Customers; i++)
            {
                ((NpgsqlParameter<string>)insert.Parameters[0]).TypedValue = string.Create(CultureInfo.InvariantCulture, $"CUST-{i:D7}");
                await insert.ExecuteNonQueryAsync(); // autocommit: one transaction per row
            }

            return Customers;
        }

        await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_connectionString};Pooling=False");
        await sqlite.OpenAsync();
        foreach (var sql in new[] { "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "CREATE TABLE baseline_rows (id INTEGER PRIMARY KEY, customer TEXT NOT NULL)" })
        {
            await using var command = sqlite.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        await using var row = sqlite.CreateCommand();
        row.CommandText = "INSERT INTO baseline_rows (customer) VALUES ($customer)";
        var parameter = row.Parameters.Add("$customer", Microsoft.Data.Sqlite.SqliteType.Text);
        for (var i = 0; i < Customers; i++)
        {
            parameter.Value = string.Create(CultureInfo.InvariantCulture, $"CUST-{i:D7}");
            await row.ExecuteNonQueryAsync(); // autocommit: one transaction per row
        }

        return Customers;
    }

    /// <summary>The bill for March over the store.</summary>
    /// <returns>The invoices issued.</returns>
    [Benchmark]
    public async Task<long> RunTheBill()
    {
        using var scope = _provider!.CreateScope();
        var clock = Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<BillingRun>().RunAsync(GeneratedCustomers.AfterMarch);
        if (result.CustomersFailed != 0 || result.InvoicesIssued != Customers)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"{result.InvoicesIssued} invoices for {Customers} customers, {result.CustomersFailed} failed: {result.Failures.FirstOrDefault()}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {Store}, {Parallelism} at once: {Customers} customers billed in {clock.Elapsed.TotalSeconds:N1} s ({result.CustomersPerSecond:N0}/s)"));
        return result.InvoicesIssued;
    }
}
