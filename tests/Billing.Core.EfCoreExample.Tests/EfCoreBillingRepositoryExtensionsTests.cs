using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.EfCoreExample.Repositories;
using Billing.Core.Invoicing;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Billing.Core.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Core.EfCoreExample.Tests;

/// <summary>The registration the docs show: the repositories on EF Core, the ledgers from the SQLite store on its own file.</summary>
public sealed class EfCoreBillingRepositoryExtensionsTests : IDisposable
{
    private readonly TempDatabases _files = new();

    [Fact]
    public void AddEfCoreBillingRepositories_BesideTheSqliteStore_RepositoriesAreEfCoresAndOnlyTheLedgerStoreIsSqlites()
    {
        using var provider = new ServiceCollection()
            .AddEfCoreBillingRepositories(_files.ConnectionString)
            .AddSqliteBillingStore(_files.LedgerPath)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        provider.GetRequiredService<ICustomerRepository>().ShouldBeOfType<EfCustomerRepository>();
        provider.GetRequiredService<ICustomerClassRepository>().ShouldBeOfType<EfCustomerClassRepository>();
        provider.GetRequiredService<IAccountRepository>().ShouldBeOfType<EfAccountRepository>();
        provider.GetRequiredService<INumberRepository>().ShouldBeOfType<EfNumberRepository>();
        provider.GetRequiredService<IServiceRepository>().ShouldBeOfType<EfServiceRepository>();
        provider.GetRequiredService<IInvoiceRepository>().ShouldBeOfType<EfInvoiceRepository>();
        provider.GetServices<IInvoiceRepository>().Count().ShouldBe(1);
        provider.GetRequiredService<ILedgerStore>().ShouldBeSameAs(provider.GetRequiredService<SqliteBillingStore>().Ledgers);
        provider.GetServices<ICustomerRepository>().Count().ShouldBe(1);
        provider.GetServices<ILedgerStore>().Count().ShouldBe(1);
    }

    [Fact]
    public void AddEfCoreBillingRepositories_HostRegisteredARepositoryFirst_TheHostsWins()
    {
        using var sqlite = new SqliteBillingStore(Path.Combine(_files.Folder, "host.db"));
        var own = sqlite.Customers;
        using var provider = new ServiceCollection()
            .AddSingleton(own)
            .AddEfCoreBillingRepositories(_files.ConnectionString)
            .BuildServiceProvider();

        provider.GetRequiredService<ICustomerRepository>().ShouldBeSameAs(own);
        provider.GetRequiredService<IAccountRepository>().ShouldBeOfType<EfAccountRepository>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddEfCoreBillingRepositories_BlankConnectionString_Throws(string connectionString)
        => Should.Throw<ArgumentException>(() => new ServiceCollection().AddEfCoreBillingRepositories(connectionString));

    public void Dispose() => _files.Dispose();
}
