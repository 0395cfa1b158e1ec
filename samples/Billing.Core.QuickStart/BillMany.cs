using System.Diagnostics;
using System.Globalization;
using Billing.Core.Accounts;
using Billing.Core.BillingRuns;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;

namespace Billing.Core.QuickStart;

/// <summary>
/// <c>bill-many [--customers N]</c>: generates N customers (100,000 by default) of one reseller in the in-memory store, each with an
/// account carrying three features (line rental, a support contract, a one-off set-up fee), then runs the bill for March 2026 with a
/// live progress bar, and ends with the rate.
/// </summary>
internal static class BillMany
{
    public const string Command = "bill-many";

    private static readonly LocalDate Anchor = new(2026, 3, 1);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var count = 100_000;
        if (args is [_, "--customers", var text] && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 10_000_000))
        {
            await Console.Error.WriteLineAsync($"error: --customers takes a whole number between 1 and 10000000, not '{text}'");
            return 2;
        }

        if (args is not ([_] or [_, "--customers", _]))
        {
            await Console.Error.WriteLineAsync($"error: usage: dotnet run --project samples/Billing.Core.QuickStart -- {Command} [--customers N]");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FixedClock(Instant.FromUtc(2026, 3, 1, 0, 0)));
        services.AddBillingCore(options => options.Runs.PageSize = 1_000);
        services.AddInMemoryBillingStore();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        var generate = Stopwatch.StartNew();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Generating {count:N0} customers", maxValue: count);
                await GenerateAsync(sp, count, done => task.Value = done);
            });
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "Generated {0:N0} customers with 3 features each in {1:N1} s.", count, generate.Elapsed.TotalSeconds);

        // March closes at midnight on 1 April in London (BST starts on 29 March: 23:00 UTC on 31 March).
        var asOf = Instant.FromUtc(2026, 4, 1, 6, 0);
        BillingRunResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Billing March 2026", maxValue: count + 2);
                var progress = new Reporter(p =>
                {
                    task.Value = p.CustomersHandled;
                    task.Description = string.Create(
                        CultureInfo.InvariantCulture,
                        $"Billing March 2026: {p.CustomersDone:N0} done, {p.CustomersFailed:N0} failed, {p.CustomersPerSecond:N0}/s, ETA {p.EstimatedRemaining?.TotalSeconds ?? 0:N0} s");
                });
                result = await sp.GetRequiredService<BillingRun>().RunAsync(asOf, progress);
            });

        AnsiConsole.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Billed {result!.CustomersDone:N0} customers ({result.InvoicesIssued:N0} invoices, {result.CustomersFailed:N0} failed) in {result.Elapsed.TotalSeconds:N1} s: {result.CustomersPerSecond:N0} customers/s."));
        return result.CustomersFailed == 0 ? 0 : 1;
    }

    private static async Task GenerateAsync(IServiceProvider sp, int count, Action<int> done)
    {
        var customers = sp.GetRequiredService<ICustomerRepository>();
        var accounts = sp.GetRequiredService<IAccountRepository>();
        var root = await customers.AddAsync(Record("OWNER", "Switch Owner plc", null));
        var reseller = await customers.AddAsync(Record("RES-001", "Northern Voice Ltd", root.Id));
        for (var i = 0; i < count; i++)
        {
            var customer = await customers.AddAsync(Record($"CUST-{i:D7}", $"Customer {i:D7}", reseller.Id));
            await accounts.AddAsync(Account.Create(AccountId.From($"ACC-{i:D7}"), customer, "Main")
                .AttachFeature(Feature.Recurring(FeatureId.From("RENTAL"), "Line rental", Money.Of(12.50m, "GBP"), Anchor.PlusDays(i % 28)))
                .AttachFeature(Feature.Recurring(FeatureId.From("SUPPORT"), "Support", Money.Of(30m, "GBP"), Anchor, proration: Proration.None))
                .AttachFeature(Feature.OneOff(FeatureId.From("SETUP"), "Set-up fee", Money.Of(25m, "GBP"), Anchor.PlusDays(i % 31))));
            if (i % 1_000 == 999)
            {
                done(i + 1);
            }
        }

        done(count);
    }

    private static Customer Record(string id, string name, CustomerId? parent) => Customer.Restore(new CustomerSnapshot
    {
        Id = CustomerId.From(id),
        Name = name,
        Email = "billing@example.com",
        BillingAddress = PostalAddress.Create(["1 Telecom Way"], "Leeds", "GB", postcode: "LS1 1AA"),
        ParentId = parent,
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        BillingCycleAnchor = Anchor,
        BalanceModel = Balances.BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 14,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    });

    private sealed class Reporter(Action<BillingRunProgress> report) : IProgress<BillingRunProgress>
    {
        public void Report(BillingRunProgress value) => report(value);
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
