using System.Diagnostics;
using System.Globalization;
using Billing.Core.BillingRuns;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;

namespace Billing.Core.QuickStart;

/// <summary>
/// <c>bill-many [--customers N]</c>: generates N customers (100,000 by default) of one reseller in the in-memory store, each with an
/// account carrying three features (<see cref="GeneratedCustomers"/>), then runs the bill for March 2026 with a
/// live progress bar, and ends with the rate.
/// </summary>
internal static class BillMany
{
    public const string Command = "bill-many";

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
        services.AddBillingCore(options =>
        {
            options.Runs.PageSize = 1_000;
            if (Environment.GetEnvironmentVariable("BILL_MANY_PARALLELISM") is { Length: > 0 } parallelism)
            {
                options.Runs.MaxDegreeOfParallelism = int.Parse(parallelism, CultureInfo.InvariantCulture);
            }
        });
        services.AddInMemoryBillingStore();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        // Bound to the console as it is now (the tests redirect it); live bars only on a terminal, plain lines otherwise.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var generate = Stopwatch.StartNew();
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Generating {count:N0} customers", maxValue: count);
                await GeneratedCustomers.AddAsync(sp, count, done => task.Value = done);
            });
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated {count:N0} customers with 3 features each in {generate.Elapsed.TotalSeconds:N1} s."));

        var asOf = GeneratedCustomers.AfterMarch;
        BillingRunResult? result = null;
        await console.Progress()
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

        // Plain, not through Spectre, so a terminal narrower than the line never breaks the figure.
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Billed {result!.CustomersDone:N0} customers ({result.InvoicesIssued:N0} invoices, {result.CustomersFailed:N0} failed) in {result.Elapsed.TotalSeconds:N1} s: {result.CustomersPerSecond:N0} customers/s."));
        return result.CustomersFailed == 0 ? 0 : 1;
    }

    private sealed class Reporter(Action<BillingRunProgress> report) : IProgress<BillingRunProgress>
    {
        public void Report(BillingRunProgress value) => report(value);
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
