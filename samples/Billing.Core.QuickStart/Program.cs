using Billing.Core.Monetary;
using Billing.Core.QuickStart;

Console.WriteLine("== Money ==");
var fee = Money.Of(10m, "GBP");
Console.WriteLine($"  Splitting {fee} three ways: {string.Join(", ", fee.Allocate(3))}");
Console.WriteLine($"  1.005 GBP rounds to {Money.Of(1.005m, "GBP").Round()}; 100.5 JPY to {Money.Of(100.5m, "JPY").Round()}.");
Console.WriteLine();

PeriodsDemo.Run();
await HostDemo.RunAsync();
