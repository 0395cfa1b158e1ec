using System.Diagnostics;
using Billing.Core.Ledgers;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Billing.Core.Storage.Sqlite.Tests.Faults;

/// <summary>
/// A child process charging in a loop (<see cref="FaultChild"/>) is killed with SIGKILL at random moments, again and again on the
/// same file. After each kill the file must pass <c>PRAGMA integrity_check</c>, every head must equal the sum of its entries, keys
/// must be unique per ledger, every charge must be at every level of its chain or at none, and every call the child saw answered
/// must be in the file. At the end, every call that was sent but not answered is retried with its key, and every key is then
/// written exactly once. The normal run kills it 3 times; <c>BILLING_SQLITE_FAULT_RUNS=20</c> runs the full 20.
/// </summary>
public sealed class SqliteFaultTests(ITestOutputHelper output) : IDisposable
{
    private const string RunsVariable = "BILLING_SQLITE_FAULT_RUNS";
    private readonly TempDatabase _file = new();

    [Fact]
    public async Task KilledWhileCharging_FileStaysWholeAndRetriesWriteEachChargeOnce()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable(RunsVariable), out var configured) ? configured : 3;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"{runs} kills, seed {seed}");
        using (var store = _file.NewMigratedStore())
        {
            // The file exists and is migrated before the first child starts; each child migrates again, as a restarting host does.
        }

        var sent = new HashSet<string>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        for (var run = 1; run <= runs; run++)
        {
            var killAfter = random.Next(1, 600);
            var (runSent, runAnswered, errors) = await RunAndKillAsync(run, killAfter, TimeSpan.FromMilliseconds(random.Next(0, 50)));
            errors.ShouldBeEmpty($"run {run}: every call either returned or threw StorageUnavailableException");
            sent.UnionWith(runSent);
            answered.UnionWith(runAnswered);
            var stored = await CheckFileAsync($"after kill {run} (after {killAfter} answers)");
            answered.ShouldBeSubsetOf(stored, $"run {run}: a call the child saw answered is missing from the file");
            output.WriteLine($"run {run}: killed after {runAnswered.Count} answers of {runSent.Count} calls; {stored.Count} keys stored");
        }

        await using (var store = new SqliteBillingStore(_file.Path))
        {
            foreach (var key in sent.Except(answered))
            {
                (await FaultChild.SendAsync(store.Ledgers, key)).ShouldBeTrue();
            }
        }

        var final = await CheckFileAsync("after the retries");
        final.ShouldBe(sent, ignoreOrder: true);
        output.WriteLine($"{sent.Count} calls, {sent.Count - answered.Count} retried: each written exactly once");
    }

    public void Dispose() => _file.Dispose();

    private async Task<(List<string> Sent, List<string> Answered, List<string> Errors)> RunAndKillAsync(int run, int killAfter, TimeSpan delay)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(FaultChild).Assembly.Location);
        start.ArgumentList.Add(FaultChild.Command);
        start.ArgumentList.Add(_file.Path);
        start.ArgumentList.Add(run.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        var (sent, answered, errors) = (new List<string>(), new List<string>(), new List<string>());
        var stderr = child.StandardError.ReadToEndAsync();
        var killed = false;
        try
        {
            while (await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
            {
                var key = line[2..];
                switch (line[0])
                {
                    case 'S':
                        sent.Add(key);
                        break;
                    case 'A':
                        answered.Add(key);
                        break;
                    default:
                        errors.Add(line);
                        break;
                }

                if (!killed && answered.Count >= killAfter)
                {
                    await Task.Delay(delay);
                    child.Kill(); // SIGKILL on Linux: no handler runs, nothing is flushed
                    killed = true;
                }
            }
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }

            await child.WaitForExitAsync();
        }

        killed.ShouldBeTrue($"run {run}: the child ended before it was killed; it wrote: {await stderr}");
        errors.RemoveAll(e => e.EndsWith(' ' + nameof(StorageUnavailableException), StringComparison.Ordinal));
        return (sent, answered, errors);
    }

    /// <summary>Checks the file as the killed child left it; returns every key written (charges on the accounts, top-ups on the customers).</summary>
    private async Task<HashSet<string>> CheckFileAsync(string when)
    {
        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            Rows(connection, "PRAGMA integrity_check").ShouldBe(["ok"], $"{when}: integrity_check");
            Rows(connection, "PRAGMA foreign_key_check").ShouldBeEmpty($"{when}: foreign_key_check");
            Rows(connection, "SELECT idempotency_key FROM ledger_entries GROUP BY owner_kind, owner_id, idempotency_key HAVING count(*) > 1")
                .ShouldBeEmpty($"{when}: a key twice in one ledger");
            Rows(connection, "SELECT DISTINCT owner_id FROM ledger_entries WHERE (owner_kind, owner_id) NOT IN (SELECT owner_kind, owner_id FROM ledger_heads)")
                .ShouldBeEmpty($"{when}: entries without a head");
        }

        await using var store = new SqliteBillingStore(_file.Path);
        var entries = new Dictionary<LedgerOwner, IReadOnlyList<LedgerTransaction>>();
        foreach (var owner in FaultChild.Owners)
        {
            var transactions = entries[owner] = await store.Ledgers.GetTransactionsAsync(owner);
            var head = await store.Ledgers.GetHeadAsync(owner);
            if (transactions.Count == 0)
            {
                head.ShouldBeNull($"{when}: {owner} has a head but no entries");
                continue;
            }

            head.ShouldNotBeNull($"{when}: {owner} has entries but no head");
            head.Value.Count.ShouldBe(transactions.Count, $"{when}: the count of {owner}");
            head.Value.Funds.Amount.ShouldBe(transactions.Sum(t => t.FundsEffect.Amount), $"{when}: the funds of {owner} are not the sum of its entries");
        }

        // A charge is at every level of its chain or at none, with the same transaction id.
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chain in FaultChild.Chains)
        {
            var charges = entries[chain[0].Owner].ToDictionary(t => t.IdempotencyKey, t => t.Id, StringComparer.Ordinal);
            foreach (var level in chain.Skip(1))
            {
                var atLevel = entries[level.Owner].Where(t => t.Kind == TransactionKind.Charge && FaultChild.Route(t.IdempotencyKey).Chain == chain)
                    .ToDictionary(t => t.IdempotencyKey, t => t.Id, StringComparer.Ordinal);
                atLevel.ShouldBe(charges, ignoreOrder: true, $"{when}: the charges of {chain[0].Owner} and {level.Owner} differ");
            }

            written.UnionWith(charges.Keys);
            written.UnionWith(entries[chain[1].Owner].Where(t => t.Kind == TransactionKind.TopUp).Select(t => t.IdempotencyKey));
        }

        return written;
    }

    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        }

        return rows;
    }
}
