using System.Diagnostics;
using System.Globalization;
using Billing.Core.BillingRuns;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;

namespace Billing.Core.QuickStart;

/// <summary>
/// <c>bill-many [--customers N] [--parallel N]</c>: generates N customers (100,000 by default) of one reseller in the in-memory store, each with an
/// account carrying three features (<see cref="GeneratedCustomers"/>), then runs the bill for March 2026 with a
/// live progress bar, ends with the rate, and runs the bill again to show that a rerun writes nothing new and holds no more
/// memory than a page.
/// </summary>
internal static class BillMany
{
    public const string Command = "bill-many";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        // The in-memory store takes one lock for every write, so on a small machine one customer at a time is fastest.
        var (count, parallel) = (100_000, 1);
        for (var i = 1; i < args.Count; i += 2)
        {
            var (option, text) = (args[i], i + 1 < args.Count ? args[i + 1] : null);
            var (max, seen) = option switch { "--customers" => (10_000_000, true), "--parallel" => (BillingRunOptions.MaxParallelismLimit, true), _ => (0, false) };
            if (!seen || text is null || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            {
                await Console.Error.WriteLineAsync(seen
                    ? $"error: {option} takes a whole number between 1 and {max}, not '{text}'"
                    : $"error: usage: dotnet run --project samples/Billing.Core.QuickStart -- {Command} [--customers N] [--parallel N]");
                return 2;
            }

            (count, parallel) = option == "--customers" ? (value, parallel) : (count, value);
        }

        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FixedClock(Instant.FromUtc(2026, 3, 1, 0, 0)));
        services.AddBillingCore(options =>
        {
            options.Runs.PageSize = 1_000;
            options.Runs.MaxDegreeOfParallelism = parallel;
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
        // The run again over the same store: it finds every invoice and writes nothing new, so the heap it needs is its own —
        // one page of customers — and stays where it was (docs/billing-run.md, "Memory and speed").
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var highest = before;
        var again = await sp.GetRequiredService<BillingRun>().RunAsync(asOf, new Reporter(_ => highest = Math.Max(highest, GC.GetTotalMemory(false))));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Ran again: {again.InvoicesIssued:N0} new invoices in {again.Elapsed.TotalSeconds:N1} s; heap {before / 1_048_576:N0} MB before, {highest / 1_048_576:N0} MB at the highest page, {after / 1_048_576:N0} MB after."));
        return result.CustomersFailed == 0 && again.CustomersFailed == 0 ? 0 : 1;
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
