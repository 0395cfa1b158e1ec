using Billing.Core.Monetary;

var fee = Money.Of(10m, "GBP");
var parts = fee.Allocate(3);
Console.WriteLine($"Splitting {fee} three ways: {string.Join(", ", parts)}");
