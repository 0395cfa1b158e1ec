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
        // The in-memory store refuses a parent it does not hold, as a database's foreign key would; a host's own store might
        // not. So "GONE" is stored and then lost: the budgeted repository answers for it as if it were not stored.
        var services = new ServiceCollection();
        services.AddSingleton<ICustomerRepository>(sp => new BudgetedCustomerRepository(sp.GetRequiredService<InMemoryDatabase>().Customers, ReadBudget, lost: "GONE"));
        services.AddBillingCore(o => o.Customers.Currency = Currency.GBP).AddInMemoryBillingStore();
        var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<InMemoryDatabase>().Customers;
        await StoreInReferenceOrderAsync(customers, shape == "missing parent" ? [Restored("GONE", null), .. Shape(shape)] : Shape(shape));
        await provider.GetRequiredService<IAccountRepository>().AddAsync(Account.Create(AccountId.From("ACC-A"), Restored("A", "ROOT"), "Account"));
        return provider;
    }

    /// <summary>Stores each customer after its parent; a customer in a cycle is stored without its parent first and linked to
    /// it once the others are stored.</summary>
    private static async Task StoreInReferenceOrderAsync(ICustomerRepository customers, IEnumerable<Customer> shape)
    {
        var pending = shape.ToList();
        var stored = new HashSet<CustomerId>();
        var linkLater = new List<Customer>();
        while (pending.Count > 0)
        {
            var next = pending.Find(c => c.ParentId is not { } parent || stored.Contains(parent));
            if (next is null)
            {
                next = pending[0];
                linkLater.Add(next);
                await customers.AddAsync(Customer.Restore(next.ToSnapshot() with { ParentId = null }));
            }
            else
            {
                await customers.AddAsync(next);
            }

            stored.Add(next.Id);
            pending.Remove(next);
        }

        foreach (var customer in linkLater)
        {
            var unlinked = (await customers.FindAsync(customer.Id))!;
            await customers.UpdateAsync(Customer.Restore(unlinked.ToSnapshot() with { ParentId = customer.ParentId }));
        }
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

    /// <summary>
    /// The in-memory customers, refusing to be read more than a fixed number of times (a walk that does not stop fails fast), and
    /// answering for the <paramref name="lost"/> customer as a store that lost its row would: not found, in no list.
    /// </summary>
    private sealed class BudgetedCustomerRepository(ICustomerRepository inner, int budget, string lost) : ICustomerRepository
    {
        private int _reads;

        public async ValueTask<Customer?> FindAsync(CustomerId id, CancellationToken cancellationToken = default)
        {
            Spend();
            return id.Value == lost ? null : await inner.FindAsync(id, cancellationToken);
        }

        public async ValueTask<IReadOnlyList<Customer>> ListChildrenAsync(CustomerId? parentId, CancellationToken cancellationToken = default)
        {
            Spend();
            return Found(await inner.ListChildrenAsync(parentId, cancellationToken));
        }

        public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public async ValueTask<IReadOnlyList<Customer>> ListPageAsync(CustomerId? after, int limit, CancellationToken cancellationToken = default)
        {
            Spend();
            return Found(await inner.ListPageAsync(after, limit, cancellationToken));
        }

        public ValueTask<Customer> AddAsync(Customer aggregate, CancellationToken cancellationToken = default) => inner.AddAsync(aggregate, cancellationToken);

        public ValueTask<Customer> UpdateAsync(Customer aggregate, CancellationToken cancellationToken = default) => inner.UpdateAsync(aggregate, cancellationToken);

        public ValueTask DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, expectedVersion, cancellationToken);

        private Customer[] Found(IReadOnlyList<Customer> customers) => [.. customers.Where(c => c.Id.Value != lost)];

        private void Spend()
        {
            if (Interlocked.Increment(ref _reads) > budget)
            {
                throw new InvalidOperationException($"The walk read customers more than {budget} times: it does not stop.");
            }
        }
    }
}
