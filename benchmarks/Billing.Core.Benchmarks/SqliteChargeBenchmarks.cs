using BenchmarkDotNet.Attributes;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// Authorised charges into one SQLite file (WAL, <c>synchronous=FULL</c>: every commit is flushed to disk) on a chain of
/// account → customer → reseller: 64 and 256 concurrent callers, whose charges the store's writer groups into shared
/// transactions (a batch holds at most what the callers have queued, so more callers make larger batches), and one caller
/// alone, whose every charge waits for its own commit. Baseline: one plain INSERT and COMMIT per
/// row on the same file with the same settings, the bound of a store that commits each write on its own. Results are per charge
/// (per row for the baseline); charges per second are 10^9 / mean in ns.
/// </summary>
[MemoryDiagnoser]
public class SqliteChargeBenchmarks
{
    /// <summary>Charges per invocation of the concurrent benchmarks, split evenly over the callers.</summary>
    public const int Charges = 20_480;

    /// <summary>Rows (or charges) per invocation of the single-caller benchmarks, each a commit of its own.</summary>
    public const int Sequential = 250;

    private static readonly Instant At = Instant.FromUtc(2026, 4, 1, 12, 0);
    private static readonly Money Amount = Money.Of(0.0125m, "GBP");
    private string _folder = null!;
    private SqliteBillingStore _store = null!;
    private SqliteConnection _baseline = null!;
    private SqliteCommand _insert = null!;
    private ChargeLevel[] _chain = [];
    private long _next;

    /// <summary>A new file, migrated, with a table for the baseline's rows and a connection to insert them.</summary>
    [GlobalSetup]
    public void GlobalSetup()
    {
        _folder = Directory.CreateTempSubdirectory("billing-sqlite-bench-").FullName;
        var path = Path.Combine(_folder, "billing.db");
        _store = new SqliteBillingStore(path);
        _store.MigrateAsync().GetAwaiter().GetResult();
        _chain =
        [
            new ChargeLevel(LedgerOwner.ForAccount(AccountId.From("ACC-1")), BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active),
            new ChargeLevel(LedgerOwner.ForCustomer(CustomerId.From("CUS-1")), BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active),
            new ChargeLevel(LedgerOwner.ForCustomer(CustomerId.From("RES-1")), BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active),
        ];

        _baseline = new SqliteConnection($"Data Source={path};Pooling=False");
        _baseline.Open();
        foreach (var pragma in new[] { "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA busy_timeout = 30000" })
        {
            using var command = _baseline.CreateCommand();
            command.CommandText = pragma;
            command.ExecuteNonQuery();
        }

        using (var create = _baseline.CreateCommand())
        {
            create.CommandText = "CREATE TABLE baseline_rows (id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, amount TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }

        _insert = _baseline.CreateCommand();
        _insert.CommandText = "INSERT INTO baseline_rows (idempotency_key, amount) VALUES ($key, $amount)";
        _insert.Parameters.Add(new SqliteParameter("$key", string.Empty));
        _insert.Parameters.Add(new SqliteParameter("$amount", "0.0125"));
        _insert.Prepare();
    }

    /// <summary>Closes the store and the connection and deletes the file.</summary>
    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _insert.Dispose();
        _baseline.Dispose();
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One INSERT and one COMMIT per row, one after another.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sequential)]
    public int InsertAndCommitPerRow()
    {
        for (var i = 0; i < Sequential; i++)
        {
            using var transaction = _baseline.BeginTransaction();
            _insert.Transaction = transaction;
            _insert.Parameters[0].Value = "row-" + Interlocked.Increment(ref _next);
            _insert.ExecuteNonQuery();
            transaction.Commit();
        }

        return Sequential;
    }

    /// <summary>One caller charging one after another: each charge waits for the commit of its own batch.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Sequential)]
    public async Task<int> ChargesFromOneCaller()
    {
        var approved = 0;
        for (var i = 0; i < Sequential; i++)
        {
            approved += await ChargeAsync() ? 1 : 0;
        }

        return AllApproved(approved, Sequential);
    }

    /// <summary>64 callers charging the same chain at once, each one charge after another; the writer groups their charges.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public Task<int> ChargesFrom64Callers() => ChargesFromCallersAsync(64);

    /// <summary>The same from 256 callers.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = Charges)]
    public Task<int> ChargesFrom256Callers() => ChargesFromCallersAsync(256);

    private async Task<int> ChargesFromCallersAsync(int callers)
    {
        var tasks = new Task<int>[callers];
        for (var c = 0; c < callers; c++)
        {
            tasks[c] = Task.Run(async () =>
            {
                var approved = 0;
                for (var i = 0; i < Charges / callers; i++)
                {
                    approved += await ChargeAsync() ? 1 : 0;
                }

                return approved;
            });
        }

        return AllApproved((await Task.WhenAll(tasks)).Sum(), Charges);
    }

    private async Task<bool> ChargeAsync()
    {
        var charge = new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Amount, At, "call-" + Interlocked.Increment(ref _next));
        return (await _store.Ledgers.AuthoriseAndAppendAsync(charge, _chain)).IsApproved;
    }

    // A declined charge writes nothing and would flatter the figures: every charge of the run must pass.
    private static int AllApproved(int approved, int charges)
        => approved == charges ? approved : throw new InvalidOperationException($"{charges - approved} of {charges} charges were declined.");
}
