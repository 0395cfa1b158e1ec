using Billing.Core.Charging;
using Billing.Core.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Core.Storage.Testing.Tests;

/// <summary>
/// The whole contract suite against <see cref="DictionaryLedgerStore"/> (the in-memory repositories serve the aggregates): a store
/// that holds no rule of its own passes it only because every rule lives in the core's decisions.
/// </summary>
public sealed class DictionaryStoreContractTests : BillingStoreContract
{
    protected override void AddStore(IServiceCollection services)
    {
        services.AddSingleton<ILedgerStore, DictionaryLedgerStore>();
        services.AddInMemoryBillingStore();
    }
}
