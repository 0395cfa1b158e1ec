using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Billing.Core.Storage.InMemory.Tests;

/// <summary>
/// Data a host's storage could hold but the domain never creates — a cycle, a missing parent, a line of customers deeper than any
/// tree may be. Every walk up the tree (creation, charging, visibility, the in-memory hierarchy) stops with the same rule error.
/// The customer repository is wrapped in a read budget, so a walk whose guard is missing fails fast instead of hanging.
/// </summary>
public class CorruptTreeTests
{
    private const int ReadBudget = 500;

    private static Customer Restored(string id, string? parent)
        => Customer.Restore(new CustomerSnapshot
        {
            Id = CustomerId.From(id),
            Name = id,
            Email = $"{id.ToLowerInvariant()}@example.com",
            BillingAddress = StoreUnderTest.Address,
            ParentId = parent is null ? null : CustomerId.From(parent),
            BillingCycle = BillingCycle.Monthly,
            BillingTimeZone = DateTimeZone.Utc,
            BillingCycleAnchor = new LocalDate(2026, 1, 1),
            BalanceModel = BalanceModel.Postpaid,
            Currency = Currency.GBP,
            PaymentTermsDays = 30,
            Language = "en",
            Status = BillingStatus.Active,
            Version = 0,
        });

    /// <summary>The shapes of broken trees; in each, customer "A" owns account "ACC-A" and is the start of the walk.</summary>
    public static TheoryData<string> Shapes => ["cycle", "missing parent", "too deep"];

    private static IEnumerable<Customer> Shape(string shape) => shape switch
    {
        "cycle" => [Restored("ROOT", null), Restored("A", "B"), Restored("B", "C"), Restored("C", "A")],
        "missing parent" => [Restored("A", "B"), Restored("B", "GONE")],

        // A line of 66 customers: A has 65 ancestors, one more than any tree may have.
        "too deep" => Enumerable.Range(0, 66).Select(i => Restored(i == 0 ? "A" : $"L{i:00}", i == 65 ? null : $"L{i + 1:00}")),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static async Task<ServiceProvider> StoreHoldingAsync(string shape)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICustomerRepository>(_ => new BudgetedCustomerRepository(ReadBudget));
        services.AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddInMemoryBillingStore();
        var provider = services.BuildServiceProvider();
        var customers = (BudgetedCustomerRepository)provider.GetRequiredService<ICustomerRepository>();
        foreach (var customer in Shape(shape))
        {
            await customers.Inner.AddAsync(customer);
        }

        await provider.GetRequiredService<IAccountRepository>().AddAsync(Account.Create(AccountId.From("ACC-A"), Restored("A", "ROOT"), "Account"));
        return provider;
    }

    private static void ShouldNameTheBrokenTree(BillingRuleException error, string shape)
    {
        error.Field.ShouldBe("Customer.ParentId");
        error.Rule.ShouldContain(shape switch
        {
            "cycle" => "form a cycle",
            "missing parent" => "no such customer is stored",
            _ => "more than 64 ancestors",
        });
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ChainAsync_BrokenTree_StopsWithTheTreeRule(string shape)
    {
        await using var provider = await StoreHoldingAsync(shape);
        var error = await Should.ThrowAsync<BillingRuleException>(async () => await provider.GetRequiredService<ChargeService>().ChainAsync(AccountId.From("ACC-A")));
        ShouldNameTheBrokenTree(error, shape);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task DirectoryFindAsync_BrokenTree_StopsWithTheTreeRule(string shape)
    {
        await using var provider = await StoreHoldingAsync(shape);
        var error = await Should.ThrowAsync<BillingRuleException>(async () => await provider.GetRequiredService<CustomerDirectory>().FindAsync(CustomerId.From("ROOT"), CustomerId.From("A")));
        ShouldNameTheBrokenTree(error, shape);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task CreateAsync_UnderABrokenTree_StopsWithTheTreeRuleAndStoresNothing(string shape)
    {
        await using var provider = await StoreHoldingAsync(shape);
        var request = new NewCustomer { Name = "New", Email = "new@example.com", BillingAddress = StoreUnderTest.Address, ParentId = CustomerId.From("A") };

        var error = await Should.ThrowAsync<BillingRuleException>(async () => await provider.GetRequiredService<CustomerService>().CreateAsync(request));

        ShouldNameTheBrokenTree(error, shape);
        (await provider.GetRequiredService<ICustomerRepository>().ListChildrenAsync(CustomerId.From("A"))).ShouldNotContain(c => c.Name == "New");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void HierarchyFrom_BrokenTree_StopsWithTheTreeRule(string shape)
        => ShouldNameTheBrokenTree(Should.Throw<BillingRuleException>(() => CustomerHierarchy.From(Shape(shape), maxDepth: 64)), shape);

    [Fact]
    public async Task ChainAsync_TreeDeeperThanTheConfiguredLimit_StillCharges()
    {
        // The configured limit is a rule for new customers and moves; customers that exist deeper stay reachable.
        var services = new ServiceCollection();
        services.AddBillingCore(o =>
        {
            o.Customers.Currency = Currency.GBP;
            o.Customers.MaxHierarchyDepth = 2;
        }).AddInMemoryBillingStore();
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerRepository>();
        foreach (var customer in new[] { Restored("ROOT", null), Restored("R1", "ROOT"), Restored("R2", "R1"), Restored("R3", "R2"), Restored("A", "R3") })
        {
            await customers.AddAsync(customer);
        }

        await provider.GetRequiredService<IAccountRepository>().AddAsync(Account.Create(AccountId.From("ACC-A"), Restored("A", "R3"), "Account"));

        var chain = await provider.GetRequiredService<ChargeService>().ChainAsync(AccountId.From("ACC-A"));

        chain.Select(l => l.Owner.Id).ShouldBe(["ACC-A", "A", "R3", "R2", "R1"]);
        (await provider.GetRequiredService<CustomerDirectory>().FindAsync(CustomerId.From("R1"), CustomerId.From("A"))).ShouldNotBeNull();
    }

    [Fact]
    public async Task ListSubtreeAsync_CycleInStoredCustomers_ListsEachCustomerOnce()
    {
        await using var provider = await StoreHoldingAsync("cycle");
        var subtree = await provider.GetRequiredService<CustomerDirectory>().ListSubtreeAsync(CustomerId.From("A"));
        subtree.Select(c => c.Id.Value).ShouldBe(["A", "C", "B"]);
    }

    /// <summary>The in-memory customers, refusing to be read more than a fixed number of times: a walk that does not stop fails fast.</summary>
    private sealed class BudgetedCustomerRepository(int budget) : ICustomerRepository
    {
        private int _reads;

        public ICustomerRepository Inner { get; } = CreateInner();

        public ValueTask<Customer?> FindAsync(CustomerId id, CancellationToken cancellationToken = default)
        {
            Spend();
            return Inner.FindAsync(id, cancellationToken);
        }

        public ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId? parentId, CancellationToken cancellationToken = default)
        {
            Spend();
            return Inner.ListChildrenAsync(parentId, cancellationToken);
        }

        public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => Inner.CountAsync(cancellationToken);

        public ValueTask<IReadOnlyList<Customer>> ListPageAsync(CustomerId? after, int limit, CancellationToken cancellationToken = default)
        {
            Spend();
            return Inner.ListPageAsync(after, limit, cancellationToken);
        }

        public ValueTask<Customer> AddAsync(Customer aggregate, CancellationToken cancellationToken = default) => Inner.AddAsync(aggregate, cancellationToken);

        public ValueTask<Customer> UpdateAsync(Customer aggregate, CancellationToken cancellationToken = default) => Inner.UpdateAsync(aggregate, cancellationToken);

        public ValueTask DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default) => Inner.DeleteAsync(id, expectedVersion, cancellationToken);

        private static ICustomerRepository CreateInner()
            => new ServiceCollection().AddInMemoryBillingStore().BuildServiceProvider().GetRequiredService<ICustomerRepository>();

        private void Spend()
        {
            if (Interlocked.Increment(ref _reads) > budget)
            {
                throw new InvalidOperationException($"The walk read customers more than {budget} times: it does not stop.");
            }
        }
    }
}
