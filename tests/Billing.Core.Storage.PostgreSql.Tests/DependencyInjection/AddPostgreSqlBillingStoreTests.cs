using System.Net;
using System.Net.Sockets;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Billing.Core.Storage.PostgreSql.Schema;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;

namespace Billing.Core.Storage.PostgreSql.Tests.DependencyInjection;

[PostgresTest]
public sealed class AddPostgreSqlBillingStoreTests
{
    private static readonly Type[] StoreTypes =
    [
        typeof(ICustomerRepository), typeof(ICustomerClassRepository), typeof(IAccountRepository),
        typeof(INumberRepository), typeof(IServiceRepository), typeof(ILedgerStore), typeof(PostgreSqlBillingStore),
    ];

    // One migrated schema for the tests that only need a usable one; each test writes under ids of its own.
    private static readonly Lazy<string> Migrated = new(() =>
    {
        var connectionString = PostgresServer.Shared.NewSchema();
        using var dataSource = NpgsqlDataSource.Create(connectionString);
        SchemaMigrator.MigrateAsync(dataSource, CancellationToken.None).GetAwaiter().GetResult();
        return connectionString;
    });

    public static TheoryData<string> Overloads => new() { "connection string", "data source" };

    [Theory]
    [MemberData(nameof(Overloads))]
    public async Task AddPostgreSqlBillingStore_RegistersTheStoreEveryRepositoryAndTheLedgerStoreAsSingletons(string overload)
    {
        await using var dataSource = NpgsqlDataSource.Create(Migrated.Value);
        var services = Add(new ServiceCollection(), overload, dataSource);

        foreach (var type in StoreTypes)
        {
            services.Single(d => d.ServiceType == type).Lifetime.ShouldBe(ServiceLifetime.Singleton, type.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Overloads))]
    public async Task AddPostgreSqlBillingStore_Resolved_OneStoreBehindEveryRepositoryInEveryScope(string overload)
    {
        await using var dataSource = NpgsqlDataSource.Create(Migrated.Value);
        await using var provider = Build(Add(new ServiceCollection(), overload, dataSource));
        var store = provider.GetRequiredService<PostgreSqlBillingStore>();
        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();

        foreach (var scope in new[] { first.ServiceProvider, second.ServiceProvider })
        {
            scope.GetRequiredService<PostgreSqlBillingStore>().ShouldBeSameAs(store);
            scope.GetRequiredService<ICustomerRepository>().ShouldBeSameAs(store.Customers);
            scope.GetRequiredService<ICustomerClassRepository>().ShouldBeSameAs(store.Classes);
            scope.GetRequiredService<IAccountRepository>().ShouldBeSameAs(store.Accounts);
            scope.GetRequiredService<INumberRepository>().ShouldBeSameAs(store.Numbers);
            scope.GetRequiredService<IServiceRepository>().ShouldBeSameAs(store.Services);
            scope.GetRequiredService<ILedgerStore>().ShouldBeSameAs(store.Ledgers);
        }

        if (overload == "data source")
        {
            store.DataSource.ShouldBeSameAs(dataSource);
        }
        else
        {
            new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString).SearchPath
                .ShouldBe(new NpgsqlConnectionStringBuilder(Migrated.Value).SearchPath);
        }
    }

    [Fact]
    public async Task AddPostgreSqlBillingStore_WrittenThroughOneContainer_IsReadThroughAnotherOnTheSameDatabase()
    {
        var connectionString = PostgresServer.Shared.NewSchema();
        CustomerId rootId;
        var owner = LedgerOwner.ForCustomer(CustomerId.From("CUS-LEDGER"));
        await using (var provider = Build(new ServiceCollection().AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddPostgreSqlBillingStore(connectionString)))
        {
            (await provider.GetRequiredService<PostgreSqlBillingStore>().MigrateAsync()).ShouldBe(PostgreSqlBillingStore.SchemaVersion);
            await using var scope = provider.CreateAsyncScope();
            rootId = (await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateRootAsync(new NewCustomer
            {
                Name = "Platform Owner",
                Email = "owner@example.com",
                BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
            })).Id;
            await scope.ServiceProvider.GetRequiredService<ILedgerStore>().AppendAsync(
                owner, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(12.34m, "GBP"), Instant.FromUtc(2026, 3, 19, 10, 0), "top-up"));
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var again = Build(new ServiceCollection().AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddPostgreSqlBillingStore(dataSource));
        Should.NotThrow(() => again.GetRequiredService<IStartupValidator>().Validate());
        (await again.GetRequiredService<ICustomerRepository>().FindAsync(rootId))!.Name.ShouldBe("Platform Owner");
        (await again.GetRequiredService<ILedgerStore>().GetHeadAsync(owner))!.Value.Funds.ShouldBe(Money.Of(12.34m, "GBP"));
    }

    [Fact]
    public async Task AddPostgreSqlBillingStore_HostRegistrationsMadeFirst_AreNotReplaced()
    {
        await using var hostData = NpgsqlDataSource.Create(Migrated.Value);
        await using var host = new PostgreSqlBillingStore(hostData);
        var services = new ServiceCollection();
        services.AddSingleton(host.Accounts);
        services.AddSingleton(host.Ledgers);

        services.AddPostgreSqlBillingStore(Migrated.Value);

        services.Count(d => d.ServiceType == typeof(IAccountRepository)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(ILedgerStore)).ShouldBe(1);
        await using var provider = Build(services);
        var store = provider.GetRequiredService<PostgreSqlBillingStore>();
        store.ShouldNotBeSameAs(host);
        provider.GetRequiredService<IAccountRepository>().ShouldBeSameAs(host.Accounts);
        provider.GetRequiredService<ILedgerStore>().ShouldBeSameAs(host.Ledgers);
        provider.GetRequiredService<ICustomerRepository>().ShouldBeSameAs(store.Customers);
    }

    [Theory]
    [MemberData(nameof(Overloads))]
    public async Task AddPostgreSqlBillingStore_CalledTwice_AddsNothingTheSecondTimeAndChains(string overload)
    {
        await using var dataSource = NpgsqlDataSource.Create(Migrated.Value);
        var once = Add(new ServiceCollection(), overload, dataSource);
        var services = new ServiceCollection();

        var returned = Add(services, overload, dataSource).AddPostgreSqlBillingStore(PostgresServer.Shared.ConnectionString, o => o.MaxBatchSize = 5);

        returned.ShouldBeSameAs(services);
        services.Count.ShouldBe(once.Count);
        await using var provider = Build(services);
        new NpgsqlConnectionStringBuilder(provider.GetRequiredService<PostgreSqlBillingStore>().DataSource.ConnectionString).SearchPath
            .ShouldBe(new NpgsqlConnectionStringBuilder(Migrated.Value).SearchPath, "the first call's database");
        provider.GetRequiredService<IOptions<PostgreSqlBillingStoreOptions>>().Value.MaxBatchSize.ShouldBe(PostgreSqlBillingStoreOptions.DefaultMaxBatchSize);
        provider.GetRequiredService<IOptions<PostgreSqlBillingStoreOptions>>().Value.LedgerWriters.ShouldBe(PostgreSqlBillingStoreOptions.DefaultLedgerWriters);
    }

    [Fact]
    public async Task DisposingTheContainer_HostsDataSource_IsLeftOpenButTheStoreIsStopped()
    {
        await using var dataSource = NpgsqlDataSource.Create(Migrated.Value);
        ILedgerStore ledgers;
        await using (var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(dataSource)))
        {
            ledgers = provider.GetRequiredService<ILedgerStore>();
        }

        (await dataSource.ScalarAsync<int>("SELECT 1")).ShouldBe(1);
        Should.Throw<ObjectDisposedException>(() => ledgers.AppendAsync(
            LedgerOwner.ForCustomer(CustomerId.From("CUS-1")), Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(1m, "GBP"), Instant.FromUtc(2026, 1, 1, 0, 0), "k")));
    }

    [Fact]
    public async Task DisposingTheContainer_DataSourceBuiltFromAConnectionString_IsDisposed()
    {
        NpgsqlDataSource dataSource;
        await using (var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(Migrated.Value)))
        {
            dataSource = provider.GetRequiredService<PostgreSqlBillingStore>().DataSource;
            (await dataSource.ScalarAsync<int>("SELECT 1")).ShouldBe(1);
        }

        await Should.ThrowAsync<ObjectDisposedException>(async () => await dataSource.OpenConnectionAsync());
    }

    [Theory]
    [MemberData(nameof(Overloads))]
    public async Task StartupValidation_MigratedSchema_Passes(string overload)
    {
        await using var dataSource = NpgsqlDataSource.Create(Migrated.Value);
        await using var provider = Build(Add(new ServiceCollection(), overload, dataSource));

        Should.NotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Theory]
    [InlineData("Host=localhost;No Such Keyword=1;Password=s3cret", "Npgsql has no keyword 'no such keyword'")]
    [InlineData("Host=localhost;Password=s3cret;Port=eighty", "'port' cannot be 'eighty'")]
    [InlineData("Host=localhost;Password=s3cret;Pooling=perhaps", "'pooling' cannot be 'perhaps'")]
    [InlineData("Host=localhost;Password=s3cret;Pooling", "keyword=value pairs separated by ';'")]
    public void AddPostgreSqlBillingStore_InvalidConnectionString_IsAnArgumentErrorNamingTheParameterAndTheProblem(string connectionString, string problem)
    {
        var e = Should.Throw<ArgumentException>(() => new ServiceCollection().AddPostgreSqlBillingStore(connectionString));

        e.ParamName.ShouldBe("connectionString");
        e.Message.ShouldStartWith("The PostgreSQL connection string is invalid:");
        e.Message.ShouldContain(problem, Case.Insensitive);
        e.Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public async Task StartupValidation_NothingListeningOnThePort_FailsSayingItCannotReachTheServer()
    {
        var port = ClosedPort();
        var connectionString = $"Host=127.0.0.1;Port={port};Database=billing;Username=billing;Password=s3cret;Timeout=5";
        await using var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(connectionString));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldStartWith($"The PostgreSQL store cannot reach its database (Host=127.0.0.1;Port={port};Database=billing):");
        e.Message.ShouldContain($"127.0.0.1:{port}");
        e.Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public async Task StartupValidation_NoSuchDatabase_FailsNamingIt()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.Shared.ConnectionString) { Database = "no_such_billing_database" }.ConnectionString;
        await using var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(connectionString));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldStartWith("The PostgreSQL store cannot use its database (");
        e.Message.ShouldContain("database \"no_such_billing_database\" does not exist");
    }

    [Fact]
    public async Task StartupValidation_SearchPathNamingNoSchema_FailsSayingWhatToDo()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.Shared.ConnectionString) { SearchPath = "no_such_schema" }.ConnectionString;
        await using var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(connectionString));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldStartWith("The PostgreSQL store cannot use its database (");
        e.Message.ShouldContain("'no_such_schema') names no existing schema");
    }

    [Fact]
    public async Task StartupValidation_SchemaNeverMigrated_FailsSayingToMigrate()
    {
        var connectionString = PostgresServer.Shared.NewSchema();
        await using var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(connectionString));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldContain($"schema '{new NpgsqlConnectionStringBuilder(connectionString).SearchPath}'");
        e.Message.ShouldContain($"is at version 0, this package needs {PostgreSqlBillingStore.SchemaVersion}: call PostgreSqlBillingStore.MigrateAsync() before the host starts.");
    }

    [Fact]
    public async Task StartupValidation_SchemaNewerThanThePackage_FailsSayingToUpgrade()
    {
        await using var store = await TestSchema.NewMigratedStoreAsync();
        var future = PostgreSqlBillingStore.SchemaVersion + 1;
        await store.DataSource.ExecuteAsync($"INSERT INTO billing_schema_versions (version, name) VALUES ({future}, 'future')");
        await using var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(store.DataSource));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldContain($"is at version {future}, newer than this package knows ({PostgreSqlBillingStore.SchemaVersion})");
        e.Message.ShouldContain("Upgrade the package");
    }

    [Fact]
    public async Task StartupValidation_MaxBatchSizeOutOfRange_FailsNamingTheOption()
    {
        await using var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(Migrated.Value, o => o.MaxBatchSize = 0));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldBe("The PostgreSQL store's options are invalid: MaxBatchSize 0 is outside 1..10000.");
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<PostgreSqlBillingStore>());
    }

    [Fact]
    public async Task StartupValidation_LedgerWritersOutOfRange_FailsNamingTheOption()
    {
        await using var provider = Build(new ServiceCollection().AddPostgreSqlBillingStore(Migrated.Value, o => o.LedgerWriters = 65));

        var e = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        e.Message.ShouldBe("The PostgreSQL store's options are invalid: LedgerWriters 65 is outside 1..64.");
        await using var dataSource = NpgsqlDataSource.Create(Migrated.Value);
        Should.Throw<ArgumentException>(() => new PostgreSqlBillingStore(dataSource, new PostgreSqlBillingStoreOptions { LedgerWriters = 0 }))
            .Message.ShouldStartWith("The PostgreSQL store's options are invalid: LedgerWriters 0 is outside 1..64.");
    }

    [Fact]
    public void AddPostgreSqlBillingStore_NullArguments_Throw()
    {
        Should.Throw<ArgumentNullException>(() => PostgreSqlBillingStoreExtensions.AddPostgreSqlBillingStore(null!, "Host=localhost")).ParamName.ShouldBe("services");
        Should.Throw<ArgumentNullException>(() => new ServiceCollection().AddPostgreSqlBillingStore((string)null!)).ParamName.ShouldBe("connectionString");
        Should.Throw<ArgumentNullException>(() => new ServiceCollection().AddPostgreSqlBillingStore((NpgsqlDataSource)null!)).ParamName.ShouldBe("dataSource");
    }

    private static IServiceCollection Add(IServiceCollection services, string overload, NpgsqlDataSource dataSource)
        => overload == "data source" ? services.AddPostgreSqlBillingStore(dataSource) : services.AddPostgreSqlBillingStore(dataSource.ConnectionString);

    private static ServiceProvider Build(IServiceCollection services) => services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

    /// <summary>A loopback port nothing listens on: one the system just handed out and took back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
