// Serialises a customer, a ledger transaction and money through the library's source-generated JSON context and reads them
// back; exits non-zero when anything does not come back equal. Published with Native AOT in CI.
using System.Text.Json;
using Billing.Core;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

var factory = new CustomerFactory(new CustomerCreationOptions { Currency = Currency.GBP, BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"] });
var now = Instant.FromUtc(2026, 3, 19, 10, 0);
var root = factory.CreateRoot(
    new NewCustomer { Name = "Platform Owner", Email = "owner@example.com", BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB") },
    CustomerHierarchy.Empty(),
    now);

var customerJson = JsonSerializer.Serialize(root, BillingJsonContext.Default.Customer);
var customer = JsonSerializer.Deserialize(customerJson, BillingJsonContext.Default.Customer)!;

var request = new TransactionRequest(TransactionId.From("TXN-1"), TransactionKind.TopUp, Money.Of(12.345m, "GBP"), now, "top-up-1", "first \"top-up\"");
var transaction = LedgerTransaction.Record(request, LedgerOwner.ForCustomer(root.Id), Currency.GBP);
var transactionJson = JsonSerializer.Serialize(transaction, BillingJsonContext.Default.LedgerTransaction);
var transactionBack = JsonSerializer.Deserialize(transactionJson, BillingJsonContext.Default.LedgerTransaction);

var ok = customer.ToSnapshot() == root.ToSnapshot() && transaction.Equals(transactionBack);
Console.WriteLine(customerJson);
Console.WriteLine(transactionJson);
Console.WriteLine(ok ? "AOT JSON round trip: ok" : "AOT JSON round trip: FAILED");
return ok ? 0 : 1;
