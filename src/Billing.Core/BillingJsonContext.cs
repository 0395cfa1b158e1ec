using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;

namespace Billing.Core;

/// <summary>
/// The library's source-generated System.Text.Json metadata, for hosts that are trimmed or AOT-compiled and for stores that keep
/// snapshots as JSON: every value, snapshot and aggregate a host stores or sends. It writes exactly what default options write.
/// </summary>
/// <example><code>
/// var json = JsonSerializer.Serialize(customer.ToSnapshot(), BillingJsonContext.Default.CustomerSnapshot);
/// var back = Customer.Restore(JsonSerializer.Deserialize(json, BillingJsonContext.Default.CustomerSnapshot)!);
/// </code></example>
[JsonSerializable(typeof(CustomerSnapshot))]
[JsonSerializable(typeof(BillingChangeSnapshot))]
[JsonSerializable(typeof(CustomerClassSnapshot))]
[JsonSerializable(typeof(AccountSnapshot))]
[JsonSerializable(typeof(NumberSnapshot))]
[JsonSerializable(typeof(ServiceSnapshot))]
[JsonSerializable(typeof(FeatureSnapshot))]
[JsonSerializable(typeof(InvoiceSnapshot))]
[JsonSerializable(typeof(InvoiceLine))]
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(CustomerClass))]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(Number))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(Feature))]
[JsonSerializable(typeof(Invoice))]
[JsonSerializable(typeof(CustomerId))]
[JsonSerializable(typeof(CustomerClassId))]
[JsonSerializable(typeof(AccountId))]
[JsonSerializable(typeof(NumberId))]
[JsonSerializable(typeof(ServiceId))]
[JsonSerializable(typeof(FeatureId))]
[JsonSerializable(typeof(InvoiceId))]
[JsonSerializable(typeof(TransactionId))]
[JsonSerializable(typeof(Currency))]
[JsonSerializable(typeof(Money))]
[JsonSerializable(typeof(BillingPeriod))]
[JsonSerializable(typeof(LedgerOwner))]
[JsonSerializable(typeof(LedgerHead))]
[JsonSerializable(typeof(Balance))]
[JsonSerializable(typeof(LedgerTransaction))]
[JsonSerializable(typeof(IReadOnlyList<LedgerTransaction>))]
[JsonSerializable(typeof(TransactionRequest))]
[JsonSerializable(typeof(ExchangeRate))]
[JsonSerializable(typeof(AuthorisationDecision))]
[JsonSerializable(typeof(CustomFieldValue))]
[JsonSerializable(typeof(CustomFieldDefinition))]
[JsonSerializable(typeof(PostalAddress))]
[JsonSerializable(typeof(CountryCode))]
[JsonSerializable(typeof(PhoneNumber))]
[JsonSerializable(typeof(Taxation))]
[JsonSerializable(typeof(ClassManager))]
[JsonSerializable(typeof(NewCustomer))]
public sealed partial class BillingJsonContext : JsonSerializerContext;
