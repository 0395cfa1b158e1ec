using Billing.Core.Charging;
using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Core.Storage.Sqlite.Tests;

/// <summary>Temporary: the SQLite ledger store with the in-memory repositories, until the repositories are in SQLite.</summary>
public sealed class SqliteLedgerContractTests : BillingStoreContract, IDisposable
{
    private readonly TempDatabase _file = new();
    private SqliteBillingStore? _store;

    protected override void AddStore(IServiceCollection services)
    {
        _store = _file.NewMigratedStore();
        services.AddSingleton(_store.Ledgers);
        services.AddInMemoryBillingStore();
    }

    public void Dispose()
    {
        _store?.Dispose();
        _file.Dispose();
    }
}
