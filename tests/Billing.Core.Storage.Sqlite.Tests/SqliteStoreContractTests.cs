using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Core.Storage.Sqlite.Tests;

/// <summary>The SQLite store against the shared storage contract: every test on a new file, migrated, in a temp folder of its own.</summary>
public sealed class SqliteStoreContractTests : BillingStoreContract, IDisposable
{
    private readonly TempDatabase _file = new();

    protected override void AddStore(IServiceCollection services)
    {
        _file.NewMigratedStore().Dispose();
        services.AddSqliteBillingStore(_file.Path);
    }

    public void Dispose() => _file.Dispose();
}
