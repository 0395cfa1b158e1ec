using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Core.Storage.InMemory.Tests;

/// <summary>The in-memory store against the shared storage contract.</summary>
public sealed class InMemoryStoreContractTests : BillingStoreContract
{
    protected override void AddStore(IServiceCollection services) => services.AddInMemoryBillingStore();
}
