using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using Billing.Core.Services;

namespace Billing.Core.Storage.Sqlite.Repositories;

/// <summary>
/// The snapshots as the JSON text of the <c>snapshot</c> columns, through the library's source-generated
/// <see cref="BillingJsonContext"/> (no reflection, so the package stays trimmable). Reading refuses what the library's
/// converters refuse (<see cref="JsonException"/>); <c>Restore</c> then checks the snapshot's structure.
/// </summary>
internal static class SnapshotJson
{
    public static string Write(CustomerSnapshot snapshot) => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.CustomerSnapshot);

    public static string Write(CustomerClassSnapshot snapshot) => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.CustomerClassSnapshot);

    public static string Write(AccountSnapshot snapshot) => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.AccountSnapshot);

    public static string Write(NumberSnapshot snapshot) => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.NumberSnapshot);

    public static string Write(ServiceSnapshot snapshot) => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.ServiceSnapshot);

    public static string Write(InvoiceSnapshot snapshot) => JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.InvoiceSnapshot);

    public static CustomerSnapshot ReadCustomer(string json) => Read(json, BillingJsonContext.Default.CustomerSnapshot);

    public static CustomerClassSnapshot ReadCustomerClass(string json) => Read(json, BillingJsonContext.Default.CustomerClassSnapshot);

    public static AccountSnapshot ReadAccount(string json) => Read(json, BillingJsonContext.Default.AccountSnapshot);

    public static NumberSnapshot ReadNumber(string json) => Read(json, BillingJsonContext.Default.NumberSnapshot);

    public static ServiceSnapshot ReadService(string json) => Read(json, BillingJsonContext.Default.ServiceSnapshot);

    public static InvoiceSnapshot ReadInvoice(string json) => Read(json, BillingJsonContext.Default.InvoiceSnapshot);

    private static T Read<T>(string json, JsonTypeInfo<T> type)
        where T : class
        => JsonSerializer.Deserialize(json, type) ?? throw new JsonException($"A stored {typeof(T).Name} is the JSON null.");
}
