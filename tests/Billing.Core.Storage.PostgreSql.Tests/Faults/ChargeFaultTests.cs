using System.Collections.Concurrent;
using System.Diagnostics;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using Npgsql;
using NodaTime;
using Xunit.Abstractions;

namespace Billing.Core.Storage.PostgreSql.Tests.Faults;

/// <summary>
/// Nothing lost, nothing doubled: while 8 writers charge a prepaid account and two postpaid customers under one reseller, every
/// backend of the database is terminated every ~50 ms and the server is restarted once (<c>pg_ctl restart -m fast</c>). The
/// normal run does this for 2 seconds; set <c>BILLING_CORE_FAULT_SECONDS=10</c> for the full run.
/// </summary>
[PostgresTest]
public sealed class ChargeFaultTests(ITestOutputHelper output)
{
    /// <summary>The environment variable that sets how long the faults last, in seconds (default 2).</summary>
    public const string SecondsVariable = "BILLING_CORE_FAULT_SECONDS";

    private const int Writers = 8;
    private static readonly Instant At = Instant.FromUtc(2026, 3, 19, 10, 0);
    private static readonly LedgerOwner Card = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-CARD"));
    private static readonly LedgerOwner CardOwner = LedgerOwner.ForCustomer(CustomerId.From("CUS-CARD"));
    private static readonly LedgerOwner Left = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-LEFT"));
    private static readonly LedgerOwner LeftOwner = LedgerOwner.ForCustomer(CustomerId.From("CUS-LEFT"));
    private static readonly LedgerOwner Right = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-RIGHT"));
    private static readonly LedgerOwner RightOwner = LedgerOwner.ForCustomer(CustomerId.From("CUS-RIGHT"));
    private static readonly LedgerOwner Reseller = LedgerOwner.ForCustomer(CustomerId.From("CUS-RESELLER"));

    [Fact]
    public async Task Charges_BackendsKilledAndServerRestarted_EachChargeIsWrittenOnceAndEveryHeadIsItsSum()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), out var s) && s > 0 ? s : 2;
        var server = PostgresServer.Shared;
        // Durable commits for this test (the shared test cluster does not wait for the disk by default): an answered charge
        // must survive the restart because it was flushed, as in production.
        var connectionString = new NpgsqlConnectionStringBuilder(server.NewSchema())
        {
            Timeout = 5, MaxPoolSize = 50, Options = "-c synchronous_commit=on",
        }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var store = new PostgreSqlBillingStore(dataSource);
        await store.MigrateAsync();
        var ledgers = store.Ledgers;
        await ledgers.AppendAsync(Card, Currency.GBP, Request(TransactionKind.TopUp, "card-funds", 300m));
        await ledgers.AppendAsync(CardOwner, Currency.GBP, Request(TransactionKind.TopUp, "owner-funds", 400m));
        ChargeLevel[][] chains =
        [
            [Level(Card, BalanceModel.Prepaid), Level(CardOwner, BalanceModel.Prepaid)],
            [Level(Left, BalanceModel.Postpaid), Level(LeftOwner, BalanceModel.Postpaid, 300m), Level(Reseller, BalanceModel.Postpaid, 500m)],
            [Level(Right, BalanceModel.Postpaid), Level(RightOwner, BalanceModel.Postpaid, 350m), Level(Reseller, BalanceModel.Postpaid, 500m)],
        ];

        var calls = new ConcurrentBag<Call>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(7 + w);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var call = new Call(random.Next(chains.Length), $"w{w}-c{i}", random.Next(1, 50) / 100m);
                try
                {
                    call.Outcome = await ledgers.AuthoriseAndAppendAsync(call.Request(), chains[call.Chain]);
                }
                catch (Exception e) when (e is StorageUnavailableException or ConcurrencyConflictException)
                {
                    call.Failure = e;
                    await Task.Delay(20); // a caller waits a little before its next call when the store is down
                }

                calls.Add(call);
            }
        })).ToArray();

        var (rounds, kills, restarted) = await KillAsync(server, connectionString, TimeSpan.FromSeconds(seconds));
        await stop.CancelAsync();
        await Task.WhenAll(writers); // a writer that met anything but a documented exception fails here

        // Every failed call is retried with its key until it has an outcome, by 8 retrying callers at once.
        var failed = calls.Where(c => c.Outcome is null).ToList();
        var retries = new ConcurrentQueue<Call>(failed);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            while (retries.TryDequeue(out var call))
            {
                call.Outcome = await RetryAsync(() => ledgers.AuthoriseAndAppendAsync(call.Request(), chains[call.Chain]));
            }
        })));

        output.WriteLine($"{seconds} s of faults: {rounds} rounds of the killer terminated {kills} backends, restarted: {restarted}; {calls.Count} calls, {failed.Count} failed "
            + $"({failed.Count(c => c.Failure is StorageUnavailableException { OutcomeKnown: false })} with the outcome unknown) and were retried, "
            + $"{failed.Count(c => c.Outcome!.IsReplay)} of those had been written; {calls.Count(c => c.Outcome!.IsApproved)} approved.");
        rounds.ShouldBeGreaterThanOrEqualTo(seconds * 5, "the killer should have run about every 50 ms");
        kills.ShouldBeGreaterThan(0);
        failed.ShouldNotBeEmpty("the faults should have failed some calls");

        // Every approved charge is in every level's ledger exactly once; nothing else is.
        var approved = calls.Where(c => c.Outcome!.IsApproved).ToList();
        foreach (var (chain, index) in chains.Select((c, i) => (c, i)))
        {
            foreach (var level in chain)
            {
                var entries = await RetryAsync(() => ledgers.GetTransactionsAsync(level.Owner));
                var charges = entries.Where(e => e.Kind == TransactionKind.Charge).Select(e => e.IdempotencyKey).Order(StringComparer.Ordinal).ToList();
                var expected = approved.Where(c => chains[c.Chain].Any(l => l.Owner == level.Owner)).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
                charges.ShouldBe(expected, $"{level.Owner} (chain {index})");
                var head = (await RetryAsync(() => ledgers.GetHeadAsync(level.Owner)))!.Value;
                head.Count.ShouldBe(entries.Count);
                head.Funds.Amount.ShouldBe(entries.Sum(e => e.FundsEffect.Amount), level.Owner.ToString());
                if (level.Model == BalanceModel.Prepaid)
                {
                    head.Funds.Amount.ShouldBeGreaterThanOrEqualTo(0m, $"{level.Owner} overspent");
                }
                else if (level.CreditLimit is { } limit)
                {
                    (-head.Funds.Amount).ShouldBeLessThanOrEqualTo(limit.Amount, $"{level.Owner} over its limit");
                }
            }
        }
    }

    /// <summary>Terminates the database's other backends about every 50 ms for <paramref name="duration"/> (not counting the restart,
    /// which happens once half-way when the server was started by the tests).</summary>
    private async Task<(int Rounds, int Kills, bool Restarted)> KillAsync(PostgresServer server, string connectionString, TimeSpan duration)
    {
        var rounds = 0;
        var kills = 0;
        var restarted = false;
        var killing = Stopwatch.StartNew();
        NpgsqlConnection? connection = null;
        try
        {
            while (killing.Elapsed < duration)
            {
                if (!restarted && killing.Elapsed > duration / 2 && server.CanRestart)
                {
                    killing.Stop();
                    await server.RestartAsync();
                    killing.Start();
                    restarted = true;
                    continue;
                }

                try
                {
                    if (connection is null)
                    {
                        connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
                        await connection.OpenAsync();
                    }

                    await using var kill = new NpgsqlCommand(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
                        connection);
                    kills += (int)(long)(await kill.ExecuteScalarAsync())!;
                    rounds++;
                }
                catch (NpgsqlException e)
                {
                    output.WriteLine($"killer lost its connection at {killing.Elapsed}: {e.Message}");
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }

                await Task.Delay(50);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        return (rounds, kills, restarted);
    }

    private static async Task<T> RetryAsync<T>(Func<ValueTask<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is StorageUnavailableException or ConcurrencyConflictException && attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    private static TransactionRequest Request(TransactionKind kind, string key, decimal amount) => new(TransactionId.New(), kind, Money.Of(amount, "GBP"), At, key);

    private static ChargeLevel Level(LedgerOwner owner, BalanceModel model, decimal? limit = null)
        => new(owner, model, Currency.GBP, limit is { } l ? Money.Of(l, "GBP") : null, BillingStatus.Active);

    /// <summary>One charge a writer sent: its key and amount stay the same when it is retried.</summary>
    private sealed class Call(int chain, string key, decimal amount)
    {
        public int Chain { get; } = chain;

        public string Key { get; } = key;

        public ChargeOutcome? Outcome { get; set; }

        public Exception? Failure { get; set; }

        public TransactionRequest Request() => ChargeFaultTests.Request(TransactionKind.Charge, Key, amount);
    }
}
