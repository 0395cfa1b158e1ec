using Billing.Core.Monetary;
using Billing.Core.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Billing.Core.QuickStart;

/// <summary>
/// The sample host: money, billing periods, and a host running the main job through a store — by default an SQLite file, so
/// that running it again finds its customers and replays its charges by their idempotency keys. See <see cref="StoreChoice.Usage"/>.
/// </summary>
internal static class Program
{
    /// <summary>Runs the sample.</summary>
    /// <param name="args">Where to keep the data (<see cref="StoreChoice.Usage"/>).</param>
    /// <returns>0; 1 when the store cannot be used; 2 when the arguments are wrong.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(StoreChoice.Usage);
            return 0;
        }

        if (args is [BillMany.Command, ..])
        {
            return await BillMany.RunAsync(args);
        }

        var store = StoreChoice.Parse(args, out var error);
        if (store is null)
        {
            await Console.Error.WriteLineAsync($"error: {error}{Environment.NewLine}{Environment.NewLine}{StoreChoice.Usage}");
            return 2;
        }

        Console.WriteLine($"Data: {store.Description}");
        Console.WriteLine();

        Console.WriteLine("== Money ==");
        var fee = Money.Of(10m, "GBP");
        Console.WriteLine($"  Splitting {fee} three ways: {string.Join(", ", fee.Allocate(3))}");
        Console.WriteLine($"  1.005 GBP rounds to {Money.Of(1.005m, "GBP").Round()}; 100.5 JPY to {Money.Of(100.5m, "JPY").Round()}.");
        Console.WriteLine();

        PeriodsDemo.Run();
        try
        {
            await HostDemo.RunAsync(store);
        }
        catch (Exception e) when (e is OptionsValidationException or StorageUnavailableException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"error: {store.Name} cannot be used: {e.Message}");
            return 1;
        }

        return 0;
    }
}
