using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.BillingRuns;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Core.Storage.InMemory.Tests;

/// <summary>
/// The billing run over random customers and features (FsCheck picks a seed and two run instants): running any period twice
/// writes nothing new; billing in two runs gives the same invoices as one run to the later instant; each issuer's numbers run
/// 1..n; every account's ledger holds exactly the invoice lines posting to it, and no open period is invoiced.
/// </summary>
public sealed class BillingRunPropertyTests
{
    private static readonly LocalDate Start = new(2026, 1, 1);
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Property(MaxTest = 40)]
    public bool RunTwice_WritesNothingNew_AndSteppedRunsEqualOneRun(int seed, byte firstDays, byte moreDays)
    {
        var first = Instant.FromUtc(2026, 1, 1, 0, 0).Plus(Duration.FromDays(firstDays));
        var second = first.Plus(Duration.FromDays(moreDays));
        return Check(seed, first, second).GetAwaiter().GetResult();
    }

    /// <summary>A run cancelled after its first page throws; the rerun bills the rest, and the invoices, numbers and ledgers are
    /// what one uninterrupted run gives.</summary>
    [Fact]
    public async Task CancelledRun_RerunFinishes_WithNoDuplicateInvoiceOrCharge()
    {
        var asOf = Instant.FromUtc(2026, 7, 1, 0, 0);
        await using var interrupted = await WorldAsync(7);
        using var cancel = new CancellationTokenSource();
        var reports = new List<BillingRunProgress>();
        var progress = new SynchronousProgress(p =>
        {
            reports.Add(p);
            cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.Run.RunAsync(asOf, progress, cancel.Token));
        var report = Assert.Single(reports);
        Assert.Equal(3, report.CustomersHandled);
        Assert.Equal(report.CustomersDone, report.CustomersHandled);
        Assert.True(report.TotalCustomers >= 4, $"total {report.TotalCustomers}");

        var finished = await interrupted.Run.RunAsync(asOf);
        await using var straight = await WorldAsync(7);
        var expected = await straight.Run.RunAsync(asOf);

        Assert.Equal(expected.InvoicesIssued, report.InvoicesIssued + finished.InvoicesIssued);
        var a = await interrupted.StateAsync();
        var b = await straight.StateAsync();
        Assert.Equal(b.Bills, a.Bills);
        Assert.Equal(b.AccountSums, a.AccountSums);
        Assert.Equal(b.NumbersByIssuer.ToDictionary(n => n.Key, n => n.Value.Count), a.NumbersByIssuer.ToDictionary(n => n.Key, n => n.Value.Count));
    }

    /// <summary>A customer several periods behind is caught up at most <c>Runs.MaxPeriodsPerCustomer</c> periods a run, in order,
    /// and the next run carries on from where the last stopped.</summary>
    [Fact]
    public async Task CatchingUp_BillsAtMostMaxPeriodsPerCustomerARun()
    {
        var asOf = Instant.FromUtc(2026, 6, 1, 0, 0); // January to May are closed
        await using var world = await WorldAsync(7, o => o.Runs.MaxPeriodsPerCustomer = 2);
        await using var reference = await WorldAsync(7);

        await world.Run.RunAsync(asOf);
        var afterOne = await world.StateAsync();
        var all = await reference.Run.RunAsync(asOf);
        var expected = await reference.StateAsync();

        foreach (var customer in afterOne.All.GroupBy(i => i.CustomerId))
        {
            Assert.True(customer.Count() <= 2, $"{customer.Key}: {customer.Count()} invoices in one run");
        }

        for (var run = 0; run < 3; run++)
        {
            await world.Run.RunAsync(asOf);
        }

        Assert.True(all.InvoicesIssued > afterOne.All.Length, "the seed must leave someone more than two periods behind");
        Assert.Equal(expected.Bills, (await world.StateAsync()).Bills);
    }

    /// <summary>Every failure is counted, the first <c>Runs.MaxRecordedFailures</c> are listed.</summary>
    [Fact]
    public async Task Failures_AreAllCounted_AndTheFirstFewListed()
    {
        await using var world = await WorldAsync(7, o => o.Runs.MaxRecordedFailures = 1);
        var customers = world.Services.GetRequiredService<ICustomerRepository>();
        var accounts = world.Services.GetRequiredService<IAccountRepository>();
        foreach (var id in new[] { "BAD-1", "BAD-2" })
        {
            var bad = await customers.AddAsync(Record(id, "Bad " + id, CustomerId.From("RES-0")));
            await accounts.AddAsync(Account.Create(AccountId.From("A-" + id), bad, "Euro", currency: Currency.EUR)
                .AttachFeature(Feature.Recurring(FeatureId.From("F"), "Rental", Money.Of(5m, "EUR"), Start)));
        }

        var result = await world.Run.RunAsync(Instant.FromUtc(2026, 3, 1, 0, 0));

        Assert.Equal(2, result.CustomersFailed);
        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("BAD-", failure.CustomerId.Value, StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(Action<BillingRunProgress> report) : IProgress<BillingRunProgress>
    {
        public void Report(BillingRunProgress value) => report(value);
    }

    private static async Task<bool> Check(int seed, Instant first, Instant second)
    {
        await using var stepped = await WorldAsync(seed);
        await stepped.Run.RunAsync(first);
        await stepped.Run.RunAsync(second);
        var afterTwo = await stepped.StateAsync();
        await stepped.Run.RunAsync(second);
        var rerun = await stepped.StateAsync();
        Assert.Equal(afterTwo.Invoices, rerun.Invoices);
        Assert.Equal(afterTwo.Ledgers, rerun.Ledgers);

        await using var once = await WorldAsync(seed);
        await once.Run.RunAsync(second);
        var single = await once.StateAsync();
        // Same (customer, period, lines, total) whichever way the runs went; numbers may be taken in another order.
        Assert.Equal(single.Bills, afterTwo.Bills);

        foreach (var (issuer, numbers) in afterTwo.NumbersByIssuer)
        {
            Assert.True(
                Enumerable.Range(1, numbers.Count).Select(n => (long)n).SequenceEqual(numbers.Select(long.Parse).Order()),
                $"issuer {issuer}: numbers {string.Join(",", numbers)}");
        }

        foreach (var invoice in afterTwo.All)
        {
            // Only periods closed by the run's instant are invoiced.
            Assert.True(invoice.Period.EndExclusive.AtStartOfDayInZone(London).ToInstant() <= second, $"{invoice.Period} invoiced at {second}");
        }

        foreach (var (account, sum) in afterTwo.AccountSums)
        {
            var expected = afterTwo.All.SelectMany(i => i.Lines).Where(l => l.AccountId == account).Sum(l => l.Amount.Amount);
            Assert.Equal(expected, sum);
        }

        return true;
    }

    private static async Task<World> WorldAsync(int seed, Action<BillingOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0)));
        services.AddBillingCore(o =>
        {
            o.Runs.PageSize = 3;
            configure?.Invoke(o);
        });
        services.AddInMemoryBillingStore();
        var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerRepository>();
        var accounts = provider.GetRequiredService<IAccountRepository>();
        var random = new Random(seed);
        var root = await customers.AddAsync(Record("ROOT", "Platform", null));
        var resellers = new List<Customer>();
        for (var r = 0; r < 2; r++)
        {
            resellers.Add(await customers.AddAsync(Record($"RES-{r}", $"Reseller {r}", root.Id)));
        }

        var accountIds = new List<AccountId>();
        var count = random.Next(1, 7);
        for (var c = 0; c < count; c++)
        {
            var customer = await customers.AddAsync(Record($"C-{c}", $"Customer {c}", resellers[random.Next(resellers.Count)].Id));
            var account = Account.Create(AccountId.From($"A-{c}"), customer, "Main");
            for (var f = random.Next(0, 4); f > 0; f--)
            {
                var from = Start.PlusDays(random.Next(0, 150));
                var amount = new Money(random.Next(1, 10_000) / 100m, Currency.GBP);
                var id = FeatureId.From($"F-{f}");
                account = account.AttachFeature(random.Next(4) switch
                {
                    0 => Feature.OneOff(id, "One-off", amount, from, random.Next(1, 4)),
                    1 => Feature.Recurring(id, "Flat", amount, from, from.PlusDays(random.Next(0, 90)), random.Next(1, 4), Proration.None),
                    2 => Feature.Recurring(id, "Ends", amount, from, from.PlusDays(random.Next(0, 90)), random.Next(1, 4)),
                    _ => Feature.Recurring(id, "Open", amount, from, quantity: random.Next(1, 4)),
                });
            }

            await accounts.AddAsync(account);
            accountIds.Add(account.Id);
        }

        return new World(provider, accountIds);
    }

    private static Customer Record(string id, string name, CustomerId? parent) => Customer.Restore(new CustomerSnapshot
    {
        Id = CustomerId.From(id),
        Name = name,
        Email = "someone@example.com",
        BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB", postcode: "SW1A 1AA"),
        ParentId = parent,
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = London,
        BillingCycleAnchor = Start,
        BalanceModel = Balances.BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 14,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    });

    private sealed record State(
        string[] Invoices, string[] Ledgers, string[] Bills, Invoice[] All, Dictionary<string, List<string>> NumbersByIssuer, Dictionary<AccountId, decimal> AccountSums);

    private sealed class World(ServiceProvider provider, List<AccountId> accountIds) : IAsyncDisposable
    {
        public BillingRun Run { get; } = provider.GetRequiredService<BillingRun>();

        public IServiceProvider Services => provider;

        public async Task<State> StateAsync()
        {
            var customers = provider.GetRequiredService<ICustomerRepository>();
            var invoices = provider.GetRequiredService<IInvoiceRepository>();
            var ledgers = provider.GetRequiredService<ILedgerStore>();
            var all = new List<Invoice>();
            var ledgerText = new List<string>();
            var numbers = new Dictionary<string, List<string>>();
            foreach (var customer in await customers.ListPageAsync(null, 100))
            {
                var mine = await invoices.ListByCustomerAsync(customer.Id);
                all.AddRange(mine);
                if (customer.ParentId is { } issuer)
                {
                    var list = numbers.TryGetValue(issuer.Value, out var l) ? l : numbers[issuer.Value] = [];
                    list.AddRange(mine.Select(i => i.Number!));
                    Assert.All(mine, i => Assert.Equal(issuer, i.IssuerId));   // the run issues each invoice by the customer's parent
                }

                ledgerText.AddRange((await ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(customer.Id))).Select(t => $"{t.Id} {t}"));
            }

            var sums = new Dictionary<AccountId, decimal>();
            foreach (var account in accountIds)
            {
                var transactions = await ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(account));
                ledgerText.AddRange(transactions.Select(t => $"{t.Id} {t}"));
                sums[account] = transactions.Sum(t => t.Amount.Amount);
            }

            return new State(
                [.. all.Select(i => i.ToString())],
                [.. ledgerText],
                [.. all.Select(i => $"{i.CustomerId} {i.Period} {string.Join(",", i.Lines.Select(l => $"{l.FeatureId}={l.Amount}"))} {i.Total}").Order(StringComparer.Ordinal)],
                [.. all],
                numbers.Where(n => n.Value.Count > 0).ToDictionary(),
                sums);
        }

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
