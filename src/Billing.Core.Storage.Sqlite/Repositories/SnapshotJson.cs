using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Services;

namespace Billing.Core.Storage.Sqlite.Repositories;

/// <summary>The snapshots as JSON text (pending the library's JSON support).</summary>
internal static class SnapshotJson
{
    public static string Write<T>(T snapshot) => throw new NotSupportedException($"JSON for {typeof(T).Name} is not available yet.");

    public static CustomerSnapshot ReadCustomer(string json) => throw new NotSupportedException(json);

    public static CustomerClassSnapshot ReadCustomerClass(string json) => throw new NotSupportedException(json);

    public static AccountSnapshot ReadAccount(string json) => throw new NotSupportedException(json);

    public static NumberSnapshot ReadNumber(string json) => throw new NotSupportedException(json);

    public static ServiceSnapshot ReadService(string json) => throw new NotSupportedException(json);
}
