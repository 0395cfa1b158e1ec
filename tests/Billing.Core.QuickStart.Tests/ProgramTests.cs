using System.Text.RegularExpressions;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.QuickStart.Tests.Support;
using Billing.Core.Storage.PostgreSql;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using Billing.Core.Storage.Sqlite;
using Npgsql;

// Every test runs the sample's Main, which writes to the process's console.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Billing.Core.QuickStart.Tests;

public sealed class ProgramTests
{
    private const string EmptyStore = "The store is empty";
    private const string EarlierRun = "The store holds what an earlier run created";

    // The ledgers the sample writes: the card, its customer, the reseller above it, and the imported customer.
    private static readonly LedgerOwner[] SampleLedgers =
    [
        LedgerOwner.ForAccount(AccountId.From("ACC-RECEPTION")),
        LedgerOwner.ForCustomer(CustomerId.From("ACME-001")),
        LedgerOwner.ForCustomer(CustomerId.From("RES-001")),
        LedgerOwner.ForCustomer(CustomerId.From("LEGACY-4711")),
    ];

    [Fact]
    public async Task Main_SecondRunOverTheSameSqliteFile_ReusesTheRecordsReplaysTheWritesAndPrintsTheSameBalances()
    {
        var folder = Directory.CreateTempSubdirectory("billing-quickstart-");
        try
        {
            var file = Path.Combine(folder.FullName, "not-yet", "quickstart.db");
            var first = await SampleRun.StartAsync("--file", file);
            var headsAfterFirst = await HeadsAsync(new SqliteBillingStore(file));
            var second = await SampleRun.StartAsync("--store", "sqlite", "--file", file);

            first.Lines[0].ShouldBe($"Data: kept in the SQLite file {file} (run the sample again to see it reused; delete the file to start afresh)");
            ShouldBeARerun(first, second);
            headsAfterFirst.ShouldAllBe(head => head.Contains("entries"));
            (await HeadsAsync(new SqliteBillingStore(file))).ShouldBe(headsAfterFirst, "the second run wrote nothing");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Main_StoreMemory_KeepsNothingBetweenRunsAndPrintsWhatTheSqliteStorePrints()
    {
        var folder = Directory.CreateTempSubdirectory("billing-quickstart-");
        try
        {
            var memory = await SampleRun.StartAsync("--store", "memory");
            var again = await SampleRun.StartAsync("--store", "memory");
            var sqlite = await SampleRun.StartAsync("--file", Path.Combine(folder.FullName, "quickstart.db"));

            memory.ExitCode.ShouldBe(0);
            memory.Error.ShouldBeEmpty();
            memory.Lines[0].ShouldStartWith("Data: kept in memory only");
            memory.Line(EmptyStore).ShouldNotBeNull();
            again.Output.ShouldBe(memory.Output, "nothing is kept: the second run creates and writes everything again");
            Story(memory).ShouldBe(Story(sqlite).Replace("the SQLite store", "the in-memory store", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public async Task Main_SecondRunOverTheSamePostgreSqlSchema_ReusesTheRecordsReplaysTheWritesAndPrintsTheSameBalances()
    {
        await using var server = await PostgresServer.StartAsync(durable: false);
        var connectionString = server.NewSchema();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var first = await SampleRun.StartAsync("--store", "postgres", connectionString);
        var headsAfterFirst = await HeadsAsync(new PostgreSqlBillingStore(dataSource));
        var second = await SampleRun.StartAsync("--store", "postgres", connectionString);

        first.Lines[0].ShouldStartWith("Data: kept in PostgreSQL: database ");
        ShouldBeARerun(first, second);
        headsAfterFirst.ShouldAllBe(head => head.Contains("entries"));
        (await HeadsAsync(new PostgreSqlBillingStore(dataSource))).ShouldBe(headsAfterFirst, "the second run wrote nothing");
    }

    [Theory]
    [InlineData("--store")]
    [InlineData("--store oracle")]
    [InlineData("--store memory --file quickstart.db")]
    [InlineData("--store postgres")]
    [InlineData("--store postgres Host=localhost;NoSuchKeyword=1")]
    [InlineData("--file")]
    [InlineData("--file a.db --file b.db")]
    [InlineData("--store memory --store sqlite")]
    [InlineData("memory")]
    public async Task Main_BadArguments_PrintWhatIsWrongAndTheUsageAndReturn2(string commandLine)
    {
        var run = await SampleRun.StartAsync(commandLine.Split(' '));

        run.ExitCode.ShouldBe(2);
        run.Output.ShouldBeEmpty("nothing runs");
        run.Error.ShouldStartWith("error: ");
        run.Error.ShouldContain("Usage: dotnet run --project samples/Billing.Core.QuickStart");
    }

    [Fact]
    public async Task BillMany_SmallRun_BillsEveryGeneratedCustomerAndEndsWithTheRate()
    {
        var run = await SampleRun.StartAsync("bill-many", "--customers", "120", "--parallel", "2");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldBeEmpty();
        run.Output.ShouldContain("Generated 120 customers with 3 features each in ");
        run.Line("Billed ").ShouldMatch(@"^Billed 122 customers \(120 invoices, 0 failed\) in [0-9.,]+ s: [0-9,]+ customers/s\.$");
        run.Line("Ran again: ").ShouldStartWith("Ran again: 0 new invoices in ");
    }

    [Theory]
    [InlineData("bill-many --customers 0")]
    [InlineData("bill-many --customers many")]
    [InlineData("bill-many --store memory")]
    [InlineData("bill-many --parallel 0")]
    [InlineData("bill-many --customers")]
    public async Task BillMany_BadArguments_SayWhatIsWrongAndReturn2(string commandLine)
    {
        var run = await SampleRun.StartAsync(commandLine.Split(' '));

        run.ExitCode.ShouldBe(2);
        run.Output.ShouldBeEmpty();
        run.Error.ShouldStartWith("error: ");
    }

    [Fact]
    public async Task Main_Help_PrintsTheUsageWithTheDefaultFileAndReturns0()
    {
        var run = await SampleRun.StartAsync("--help");

        run.ExitCode.ShouldBe(0);
        run.Output.ShouldStartWith("Usage: ");
        run.Output.ShouldContain(StoreChoice.DefaultFile);
        run.Output.ShouldNotContain("== Money ==");
    }

    [Fact]
    public void Parse_NoArguments_ChoosesTheDefaultSqliteFileUnderTheUsersLocalApplicationData()
    {
        var choice = StoreChoice.Parse([], out var error);

        error.ShouldBeNull();
        choice.ShouldBe(new StoreChoice(StoreKind.Sqlite, StoreChoice.DefaultFile));
        if (Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is { Length: > 0 } appData)
        {
            StoreChoice.DefaultFile.ShouldBe(Path.Combine(appData, "Billing.Core.QuickStart", "quickstart.db"));
        }
    }

    /// <summary>
    /// The second run over the same store reuses every record, answers the top-up and every approved charge as a replay (saying
    /// so), and otherwise prints exactly what the first printed: the same decline, headroom and balances.
    /// </summary>
    private static void ShouldBeARerun(SampleRun first, SampleRun second)
    {
        foreach (var run in (SampleRun[])[first, second])
        {
            run.ExitCode.ShouldBe(0, run.Error);
            run.Error.ShouldBeEmpty();
        }

        first.Line(EmptyStore).ShouldNotBeNull();
        second.Line(EarlierRun).ShouldNotBeNull();

        first.Line("Top-up of").ShouldContain(" written (");
        second.Line("Top-up of").ShouldContain("replayed: the store already held the key 'topup-2026-04-02', so nothing was written");
        var charged = Approved(first);
        charged.Length.ShouldBeGreaterThan(0);
        charged.ShouldAllBe(line => line.EndsWith(" written", StringComparison.Ordinal));
        var replayed = Approved(second);
        replayed.Length.ShouldBe(charged.Length);
        for (var call = 1; call <= replayed.Length; call++)
        {
            replayed[call - 1].ShouldBe($"  Call {call} for 3.40 GBP approved and replayed: the store already held the key 'call-{call}', so nothing was written");
        }

        second.Line("Balances:").ShouldBe(first.Line("Balances:"));
        second.Line($"Call {charged.Length + 1} for 3.40 GBP declined").ShouldBe(first.Line($"Call {charged.Length + 1} for 3.40 GBP declined"));
        second.Line("Customer LEGACY-4711").ShouldBe(first.Line("Customer LEGACY-4711"));

        var secondAsFirst = Regex.Replace(second.Output, "replayed: the store already held the key '[^']*', so nothing was written", "written")
            .Replace(second.Line(EarlierRun), first.Line(EmptyStore), StringComparison.Ordinal);
        secondAsFirst.ShouldBe(first.Output);
    }

    private static string[] Approved(SampleRun run) => [.. run.Lines.Where(l => Regex.IsMatch(l, @"^  Call \d+ for 3\.40 GBP approved"))];

    /// <summary>The output without its first line, which names the store.</summary>
    private static string Story(SampleRun run) => string.Join(Environment.NewLine, run.Lines.Skip(1));

    /// <summary>The heads of the sample's ledgers, read by a store of its own over the same data.</summary>
    private static async Task<string[]> HeadsAsync<TStore>(TStore store)
        where TStore : IAsyncDisposable
    {
        await using (store)
        {
            var ledgers = store switch
            {
                SqliteBillingStore sqlite => sqlite.Ledgers,
                PostgreSqlBillingStore postgres => postgres.Ledgers,
                _ => throw new ArgumentException("Not a store.", nameof(store)),
            };
            var heads = new List<string>();
            foreach (var owner in SampleLedgers)
            {
                heads.Add(await ledgers.GetHeadAsync(owner) is { } head ? $"{owner}: {head.Funds} in {head.Count} entries" : $"{owner}: none");
            }

            return [.. heads];
        }
    }
}
