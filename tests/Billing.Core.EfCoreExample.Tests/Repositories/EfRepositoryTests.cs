using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Billing.Core.EfCoreExample.Tests.Repositories;

/// <summary>
/// What the contract suite does not pin down and the example promises: refusals name the key that clashed and the reference that
/// is missing, and the number rule holds when writers race (its transaction holds SQLite's write lock).
/// </summary>
public sealed class EfRepositoryTests : IDisposable
{
    private static readonly NumberingOptions DramaAllowed = NumberingOptions.Default with { AllowDramaNumbers = true };
    private static readonly LocalDate Day = new(2026, 1, 15);

    private readonly TempDatabases _files = new();
    private readonly ServiceProvider _provider;

    public EfRepositoryTests()
    {
        _files.CreateSchemas();
        _provider = new ServiceCollection().AddEfCoreBillingRepositories(_files.ConnectionString).BuildServiceProvider();
    }

    private ICustomerRepository Customers => _provider.GetRequiredService<ICustomerRepository>();

    private ICustomerClassRepository Classes => _provider.GetRequiredService<ICustomerClassRepository>();

    private IAccountRepository Accounts => _provider.GetRequiredService<IAccountRepository>();

    private INumberRepository Numbers => _provider.GetRequiredService<INumberRepository>();

    [Fact]
    public async Task ListPageAsync_IdsWhoseByteOrderDiffersFromOrdinal_PagesInTheColumnsOrderSeeingEachOnce()
    {
        // As UTF-8 bytes U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80); ordinally its surrogate U+D83D sorts first.
        string[] children = ["P-\uFFFD-1", "P-\uFFFD-2", "P-\U0001F600-1", "P-\U0001F600-2"];
        var root = await Customers.AddAsync(TestCustomers.Record("P", "Root"));
        foreach (var (id, i) in children.Select((id, i) => (id, i)))
        {
            await Customers.AddAsync(TestCustomers.Record(id, $"Child {i}", root.Id));
        }

        var seen = new List<string>();
        CustomerId? after = null;
        for (var page = await Customers.ListPageAsync(after, 2); page.Count > 0; page = await Customers.ListPageAsync(after, 2))
        {
            seen.AddRange(page.Select(c => c.Id.Value));
            after = page[^1].Id;
        }

        seen.ShouldBe(["P", .. children]);
        seen.SequenceEqual(seen.Order(StringComparer.Ordinal)).ShouldBeFalse("the ids must tell the two orders apart");
    }

    [Fact]
    public async Task AddAsync_TakenKeys_NameTheKeyAndTheValue()
    {
        var root = await Customers.AddAsync(TestCustomers.Record("ROOT-01", "Platform"));
        var owner = await Customers.AddAsync(TestCustomers.Record("CUST-01", "Acme Ltd", root.Id));
        await Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-01"), "Retail", ClassManager.Reseller(root.Id)));
        await Accounts.AddAsync(Account.Create(AccountId.From("ACC-01"), owner, "Desk", alias: "SIP-1"));

        var id = await Should.ThrowAsync<DuplicateEntityException>(async () => await Customers.AddAsync(TestCustomers.Record("CUST-01", "Other", root.Id)));
        var name = await Should.ThrowAsync<DuplicateEntityException>(async () => await Customers.AddAsync(TestCustomers.Record("CUST-02", "ACME limited", root.Id)));
        var rootName = await Should.ThrowAsync<DuplicateEntityException>(async () => await Customers.AddAsync(TestCustomers.Record("ROOT-02", "platform")));
        var className = await Should.ThrowAsync<DuplicateEntityException>(async () => await Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-02"), " retail ", ClassManager.Reseller(root.Id))));
        var alias = await Should.ThrowAsync<DuplicateEntityException>(async () => await Accounts.AddAsync(Account.Create(AccountId.From("ACC-02"), owner, "Desk", alias: "sip-1")));

        (id.EntityType, id.Key, id.Value).ShouldBe(("Customer", "Id", "CUST-01"));
        (name.EntityType, name.Key, name.Value).ShouldBe(("Customer", "Name", "ACME limited"));
        (rootName.Key, rootName.Value).ShouldBe(("Name", "platform"));
        (className.EntityType, className.Key, className.Value).ShouldBe(("CustomerClass", "Name", "retail"));
        (alias.EntityType, alias.Key, alias.Value).ShouldBe(("Account", "Alias", "sip-1"));
        (await Customers.FindAsync(CustomerId.From("CUST-02"))).ShouldBeNull();
        (await Accounts.FindAsync(AccountId.From("ACC-02"))).ShouldBeNull();
    }

    [Fact]
    public async Task Writes_ReferringToWhatIsNotStored_AreRefusedNamingTheFieldAndStoreNothing()
    {
        var root = await Customers.AddAsync(TestCustomers.Record("ROOT-01", "Platform"));
        var ghost = TestCustomers.Record("GHOST-01", "Not stored", root.Id);
        var owner = await Customers.AddAsync(TestCustomers.Record("CUST-01", "Owner", root.Id));
        var ghostAccount = Account.Create(AccountId.From("ACC-GHOST"), owner, "Not stored");

        var account = await Should.ThrowAsync<BillingRuleException>(async () => await Accounts.AddAsync(Account.Create(AccountId.From("ACC-01"), ghost, "Desk")));
        var child = await Should.ThrowAsync<BillingRuleException>(async () => await Customers.AddAsync(TestCustomers.Record("CUST-02", "Child", ghost.Id)));
        var number = await Should.ThrowAsync<BillingRuleException>(async () => await Numbers.AddAsync(
            Number.Create(NumberId.From("NUM-01"), owner, "+441632960123", "T1", Day, account: ghostAccount, numbering: DramaAllowed)));

        (account.Field, account.Value).ShouldBe(("Account.OwnerId", "GHOST-01"));
        (child.Field, child.Value).ShouldBe(("Customer.ParentId", "GHOST-01"));
        (number.Field, number.Value).ShouldBe(("Number.AccountId", "ACC-GHOST"));
        (await Accounts.FindAsync(AccountId.From("ACC-01"))).ShouldBeNull();
        (await Customers.FindAsync(CustomerId.From("CUST-02"))).ShouldBeNull();
        (await Numbers.FindAsync(NumberId.From("NUM-01"))).ShouldBeNull();
    }

    [Fact]
    public async Task Number_RacingOverlappingAddsForDifferentCustomers_StoresExactlyOne()
    {
        const int racers = 12;
        var root = await Customers.AddAsync(TestCustomers.Record("ROOT-01", "Platform"));
        var owners = new List<Customer>();
        for (var i = 0; i < racers; i++)
        {
            owners.Add(await Customers.AddAsync(TestCustomers.Record($"CUST-{i:D2}", $"Customer {i}", root.Id)));
        }

        using var start = new ManualResetEventSlim();
        var adds = owners.Select((owner, i) => Task.Run(async () =>
        {
            var number = Number.Create(NumberId.From($"NUM-{i:D2}"), owner, "+441632960123", "T1", Day.PlusDays(i), numbering: DramaAllowed);
            start.Wait();
            try
            {
                await Numbers.AddAsync(number);
                return true;
            }
            catch (BillingRuleException)
            {
                return false;
            }
        })).ToArray();
        start.Set();

        (await Task.WhenAll(adds)).Count(added => added).ShouldBe(1);
        (await Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse("+441632960123"))).Count.ShouldBe(1);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _files.Dispose();
    }
}
