using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Core.Storage.Sqlite.Tests.DependencyInjection;

public sealed class AddSqliteBillingStoreTests : IDisposable
{
    private static readonly Type[] StoreTypes =
    [
        typeof(ICustomerRepository), typeof(ICustomerClassRepository), typeof(IAccountRepository),
        typeof(INumberRepository), typeof(IServiceRepository), typeof(ILedgerStore), typeof(SqliteBillingStore),
    ];

    private readonly TempDatabase _file = new();

    [Fact]
    public void AddSqliteBillingStore_RegistersTheStoreEveryRepositoryAndTheLedgerStoreAsSingletons()
    {
        var services = new ServiceCollection().AddSqliteBillingStore(_file.Path);

        foreach (var type in StoreTypes)
        {
            services.Single(d => d.ServiceType == type).Lifetime.ShouldBe(ServiceLifetime.Singleton, type.Name);
        }
    }

    [Fact]
    public async Task AddSqliteBillingStore_Resolved_OneStoreWhoseRepositoriesServeEveryScope()
    {
        await using var provider = Build(new ServiceCollection().AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddSqliteBillingStore(_file.Path));
        var store = provider.GetRequiredService<SqliteBillingStore>();
        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();

        store.Path.ShouldBe(_file.Path);
        first.ServiceProvider.GetRequiredService<ICustomerRepository>().ShouldBeSameAs(store.Customers);
        second.ServiceProvider.GetRequiredService<ICustomerRepository>().ShouldBeSameAs(store.Customers);
        provider.GetRequiredService<ILedgerStore>().ShouldBeSameAs(store.Ledgers);
        provider.GetRequiredService<INumberRepository>().ShouldBeSameAs(store.Numbers);
    }

    [Fact]
    public async Task AddSqliteBillingStore_MigratedAndWrittenThroughOneContainer_IsReadByTheNextContainer()
    {
        CustomerId rootId;
        await using (var provider = Build(new ServiceCollection().AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddSqliteBillingStore(_file.Path)))
        {
            (await provider.GetRequiredService<SqliteBillingStore>().MigrateAsync()).ShouldBe(SqliteBillingStore.SchemaVersion);
            await using var scope = provider.CreateAsyncScope();
            rootId = (await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateRootAsync(new NewCustomer
            {
                Name = "Platform Owner",
                Email = "owner@example.com",
                BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
            })).Id;
        }

        await using var again = Build(new ServiceCollection().AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddSqliteBillingStore(_file.Path));
        (await again.GetRequiredService<SqliteBillingStore>().MigrateAsync()).ShouldBe(0);
        (await again.GetRequiredService<ICustomerRepository>().FindAsync(rootId))!.Name.ShouldBe("Platform Owner");
    }

    [Fact]
    public async Task AddSqliteBillingStore_HostRepositoryRegisteredFirst_IsNotReplaced()
    {
        var services = new ServiceCollection();
        var host = new SqliteBillingStore(_file.Path);
        services.AddSingleton(host.Accounts);

        services.AddSqliteBillingStore(_file.Path);

        services.Count(d => d.ServiceType == typeof(IAccountRepository)).ShouldBe(1);
        await using var provider = Build(services);
        provider.GetRequiredService<IAccountRepository>().ShouldBeSameAs(host.Accounts);
        provider.GetRequiredService<ICustomerRepository>().ShouldBeSameAs(provider.GetRequiredService<SqliteBillingStore>().Customers);
        await host.DisposeAsync();
    }

    [Fact]
    public void AddSqliteBillingStore_CalledTwice_AddsNothingTheSecondTimeAndChains()
    {
        var once = new ServiceCollection().AddSqliteBillingStore(_file.Path);
        var services = new ServiceCollection();

        var returned = services.AddSqliteBillingStore(_file.Path).AddSqliteBillingStore(_file.Path + ".other");

        returned.ShouldBeSameAs(services);
        services.Count.ShouldBe(once.Count);
    }

    [Fact]
    public async Task StartupValidation_UsablePath_Passes()
    {
        await using var provider = Build(new ServiceCollection().AddSqliteBillingStore(_file.Path, o => o.BusyTimeout = TimeSpan.FromSeconds(5)));

        Should.NotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public async Task StartupValidation_MissingDirectoryAndBadTimeout_ListsEveryProblemInOneMessage()
    {
        var path = Path.Combine(_file.Folder, "no-such-folder", "billing.db");
        await using var provider = Build(new ServiceCollection().AddSqliteBillingStore(path, o => o.BusyTimeout = TimeSpan.FromHours(1)));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldStartWith("Billing.Core SQLite store options are invalid:");
        e.Message.ShouldContain("BusyTimeout 01:00:00 is outside");
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<SqliteBillingStore>());
        File.Exists(path).ShouldBeFalse();

        await using var fixedTimeout = Build(new ServiceCollection().AddSqliteBillingStore(path));
        Should.Throw<OptionsValidationException>(() => fixedTimeout.GetRequiredService<IStartupValidator>().Validate())
            .Message.ShouldContain($"its directory '{Path.GetDirectoryName(path)}' does not exist");
    }

    [Theory]
    [InlineData("directory")]
    [InlineData("unwritable")]
    [InlineData("not a database")]
    public async Task StartupValidation_PathThatCannotHoldTheDatabase_FailsNamingIt(string kind)
    {
        var path = kind switch
        {
            "directory" => _file.Folder,
            "unwritable" => "/proc/billing.db", // no process, root included, can create a file there
            _ => _file.Path,
        };
        if (kind == "not a database")
        {
            await File.WriteAllTextAsync(path, new string('x', 4096));
        }

        await using var provider = Build(new ServiceCollection().AddSqliteBillingStore(path));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldContain(Path.GetFullPath(path));
    }

    [Fact]
    public async Task StartupValidation_SchemaNewerThanThePackage_Fails()
    {
        await using (var store = _file.NewMigratedStore())
        {
        }

        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            connection.Execute("INSERT INTO schema_versions (version, name) VALUES (999, 'future')");
        }

        await using var provider = Build(new ServiceCollection().AddSqliteBillingStore(_file.Path));

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message.ShouldContain("schema version 999");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AddSqliteBillingStore_BlankPath_IsAnArgumentError(string path)
        => Should.Throw<ArgumentException>(() => new ServiceCollection().AddSqliteBillingStore(path)).ParamName.ShouldBe("path");

    [Fact]
    public void AddSqliteBillingStore_NullServicesOrPath_Throws()
    {
        Should.Throw<ArgumentNullException>(() => SqliteBillingStoreExtensions.AddSqliteBillingStore(null!, _file.Path));
        Should.Throw<ArgumentNullException>(() => new ServiceCollection().AddSqliteBillingStore(null!));
    }

    public void Dispose() => _file.Dispose();

    private static ServiceProvider Build(IServiceCollection services) => services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
}
