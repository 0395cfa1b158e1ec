using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Core.EfCoreExample.Tests;

/// <summary>
/// The example's repositories against the shared storage contract, paired with the SQLite store's ledger store as the docs
/// show it: every test on new files in a temp folder of its own.
/// </summary>
public sealed class EfCoreStoreContractTests : BillingStoreContract, IDisposable
{
    private readonly TempDatabases _files = new();

    protected override void AddStore(IServiceCollection services)
    {
        _files.CreateSchemas();
        services.AddEfCoreBillingRepositories(_files.ConnectionString)
                .AddSqliteBillingStore(_files.LedgerPath);   // registers only what is still missing: the ledger store
    }

    public void Dispose() => _files.Dispose();
}
