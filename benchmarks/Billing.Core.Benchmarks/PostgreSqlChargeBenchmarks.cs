using BenchmarkDotNet.Attributes;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.PostgreSql;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using Npgsql;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// Authorised charges through the PostgreSQL store, durably (the server's defaults: <c>fsync</c> and <c>synchronous_commit</c>
/// on), on chains of account → customer → reseller as <see cref="ChargeService"/> reads them: 8 callers on one hot chain, each
/// waiting for its charge before sending the next; and 1,000 callers on 1,000 independent chains. Baseline: the same 8 callers
/// each writing one row per transaction (a plain INSERT and its commit) to a table of the same database. Results are per charge
/// (per row for the baseline). The server is the one the tests use: <c>BILLING_CORE_POSTGRES</c> or a cluster started here.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlChargeBenchmarks
{
    /// <summary>Charges (or baseline rows) per invocation on the hot chain.</summary>
    public const int HotCharges = 2_000;

    /// <summary>Charges per invocation over the independent chains: five per chain.</summary>
    public const int ChainCharges = 5_000;

    private const int HotCallers = 8;
    private const int Chains = 1_000;
    private static readonly Instant At = Instant.FromUtc(2026, 4, 1, 12, 0);
    private static readonly Money Amount = Money.Of(0.0125m, "GBP");

    private PostgresServer? _server;
    private NpgsqlDataSource? _dataSource;
    private PostgreSqlBillingStore? _store;
    private ChargeLevel[] _hot = [];
    private ChargeLevel[][] _chains = [];
    private int _invocation;

    /// <summary>Starts (or connects to) the server, migrates a new schema and warms every path once.</summary>
    [GlobalSetup]
    public void GlobalSetup()
    {
        _server = PostgresServer.StartAsync(durable: true).GetAwaiter().GetResult();
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_server.NewSchema()) { MaxPoolSize = 200 }.ConnectionString);
        _store = new PostgreSqlBillingStore(_dataSource);
        _store.MigrateAsync().GetAwaiter().GetResult();
        Execute("CREATE TABLE baseline_rows (id bigserial PRIMARY KEY, account text NOT NULL, amount numeric NOT NULL, idempotency_key text NOT NULL)");
        _hot = Chain("HOT");
        _chains = [.. Enumerable.Range(0, Chains).Select(i => Chain($"C{i:D4}"))];
        foreach (var chain in _chains)
        {
            // Every ledger exists before the measurement, as it would on a running system.
            _ = _store.Ledgers.AuthoriseAndAppendAsync(Charge("warm-" + chain[0].Owner.Id), chain).AsTask();
        }

        _store.Ledgers.AuthoriseAndAppendAsync(Charge("warm-hot"), _hot).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Stops the writer, the data source and the server.</summary>
    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dataSource?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>8 callers, each inserting one row and committing it before the next.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = HotCharges)]
    public int PlainInsertCommit()
    {
        var run = Interlocked.Increment(ref _invocation);
        return Parallel(HotCallers, HotCharges / HotCallers, async (caller, i) =>
        {
            await using var command = _dataSource!.CreateCommand("INSERT INTO baseline_rows (account, amount, idempotency_key) VALUES ($1, $2, $3)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "HOT" });
            command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = Amount.Amount });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"b{run}-{caller}-{i}" });
            return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
        });
    }

    /// <summary>8 callers on one chain, each waiting for its charge before sending the next.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = HotCharges)]
    public int HotChainEightCallers()
    {
        var run = Interlocked.Increment(ref _invocation);
        return Parallel(HotCallers, HotCharges / HotCallers, async (caller, i) =>
            (await _store!.Ledgers.AuthoriseAndAppendAsync(Charge($"h{run}-{caller}-{i}"), _hot).ConfigureAwait(false)).IsApproved);
    }

    /// <summary>1,000 callers, each on its own chain, each waiting for its charge before sending the next.</summary>
    /// <returns>Approved charges.</returns>
    [Benchmark(OperationsPerInvoke = ChainCharges)]
    public int IndependentChains()
    {
        var run = Interlocked.Increment(ref _invocation);
        return Parallel(Chains, ChainCharges / Chains, async (caller, i) =>
            (await _store!.Ledgers.AuthoriseAndAppendAsync(Charge($"i{run}-{caller}-{i}"), _chains[caller]).ConfigureAwait(false)).IsApproved);
    }

    private static TransactionRequest Charge(string key) => new(TransactionId.New(), TransactionKind.Charge, Amount, At, key);

    private static ChargeLevel[] Chain(string name)
        =>
        [
            new(LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-" + name)), BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active),
            new(LedgerOwner.ForCustomer(CustomerId.From("CUS-" + name)), BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active),
            new(LedgerOwner.ForCustomer(CustomerId.From("RES-" + name)), BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active),
        ];

    // Every call must succeed: a declined charge writes nothing and would flatter the figures.
    private static int Parallel(int callers, int each, Func<int, int, Task<bool>> call)
    {
        var tasks = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var done = 0;
            for (var i = 0; i < each; i++)
            {
                done += await call(caller, i).ConfigureAwait(false) ? 1 : 0;
            }

            return done;
        })).ToArray();
        var total = Task.WhenAll(tasks).GetAwaiter().GetResult().Sum();
        return total == callers * each ? total : throw new InvalidOperationException($"{callers * each - total} of {callers * each} calls failed or were declined.");
    }

    private void Execute(string sql)
    {
        using var command = _dataSource!.CreateCommand(sql);
        command.ExecuteNonQuery();
    }
}
