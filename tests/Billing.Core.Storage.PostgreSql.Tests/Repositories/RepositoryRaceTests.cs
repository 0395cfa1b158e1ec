using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using NodaTime;

namespace Billing.Core.Storage.PostgreSql.Tests.Repositories;

/// <summary>
/// Writers racing for one unique key or one version, started together on warm connections: the database decides, so exactly
/// one wins and every other gets the library's exception naming the key, with nothing of theirs written. (The contract suite
/// checks each refusal one writer after another; a store that read before it wrote would pass it and fail these.)
/// </summary>
[PostgresTest]
public sealed class RepositoryRaceTests(MigratedStore fixture) : IClassFixture<MigratedStore>
{
    private const int Racers = 8;
    private static readonly LocalDate Day = new(2026, 1, 1);
    private static readonly NumberingOptions DramaAllowed = NumberingOptions.Default with { AllowDramaNumbers = true };

    [Fact]
    public async Task AddCustomer_RacingForOneSiblingName_OneWinsTheOthersGetDuplicateName()
    {
        var n = fixture.NextId();
        var customers = fixture.Store.Customers;
        var parent = await customers.AddAsync(Customer.Restore(Fields(n, "PARENT", null, $"Parent {n}")));
        string[] spellings = ["Acme Ltd", "ACME Limited", "acme", "Acme  Ltd.", "A.C.M.E.", "acme limited", "Acme", "ACME LTD"];

        var outcomes = await RaceAsync(i => customers.AddAsync(Customer.Restore(Fields(n, $"CUS-{i}", parent.Id, spellings[i]))));

        OneWins(outcomes, "Customer", "Name");
        (await customers.ListChildrenAsync(parent.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AddRoot_RacingForOneName_OneWinsTheOthersGetDuplicateName()
    {
        var n = fixture.NextId();
        var customers = fixture.Store.Customers;
        var name = $"Platform {n} {Guid.NewGuid():N}";

        var outcomes = await RaceAsync(i => customers.AddAsync(Customer.Restore(Fields(n, $"ROOT-{i}", null, i % 2 == 0 ? name : name.ToUpperInvariant()))));

        OneWins(outcomes, "Customer", "Name");
        (await customers.ListChildrenAsync(null)).Count(c => CustomerNames.Normalise(c.Name) == CustomerNames.Normalise(name)).ShouldBe(1);
    }

    [Fact]
    public async Task AddClass_RacingForOneNameOfOneManager_OneWinsTheOthersGetDuplicateName()
    {
        var n = fixture.NextId();
        var store = fixture.Store;
        var reseller = await store.Customers.AddAsync(Customer.Restore(Fields(n, "RESELLER", null, $"Reseller {n} {Guid.NewGuid():N}")));
        var manager = ClassManager.Reseller(reseller.Id);

        var outcomes = await RaceAsync(i => store.Classes.AddAsync(
            CustomerClass.Create(CustomerClassId.From($"CLS-{n}-{i}"), i % 2 == 0 ? "Small  business" : " SMALL business ", manager)));

        OneWins(outcomes, "CustomerClass", "Name");
        (await store.Classes.ListByManagerAsync(manager)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AddAccount_RacingForOneAlias_OneWinsTheOthersGetDuplicateAlias()
    {
        var n = fixture.NextId();
        var store = fixture.Store;
        var owner = await OwnerAsync(n);
        var alias = $"desk-{n}";

        var outcomes = await RaceAsync(i => store.Accounts.AddAsync(Account.Create(AccountId.From($"ACC-{n}-{i}"), owner, "Desk", alias: i % 2 == 0 ? alias : alias.ToUpperInvariant())));

        OneWins(outcomes, "Account", "Alias");
        (await store.Accounts.ListByOwnerAsync(owner.Id)).Count.ShouldBe(1);
        (await store.Accounts.FindByAliasAsync(alias))!.Id.ShouldBe(Winner(outcomes).Id);
    }

    [Fact]
    public async Task Add_RacingForOneId_OneWinsTheOthersGetDuplicateIdAndTheWinnersDataIsStored()
    {
        var n = fixture.NextId();
        var store = fixture.Store;
        var owner = await OwnerAsync(n);

        var customers = await RaceAsync(i => store.Customers.AddAsync(Customer.Restore(Fields(n, "CUS", owner.Id, $"Customer {i}"))));
        var accounts = await RaceAsync(i => store.Accounts.AddAsync(Account.Create(AccountId.From($"ACC-{n}"), owner, $"Account {i}", alias: $"alias-{n}-{i}")));

        OneWins(customers, "Customer", "Id");
        OneWins(accounts, "Account", "Id");
        (await store.Customers.FindAsync(CustomerId.From($"CUS-{n}")))!.Name.ShouldBe(Winner(customers).Name);
        (await store.Accounts.FindAsync(AccountId.From($"ACC-{n}")))!.Alias.ShouldBe(Winner(accounts).Alias);
    }

    [Fact]
    public async Task AddNumber_RacingForOneActiveNumberForDifferentCustomers_OneWinsTheOthersBreakTheNumberRule()
    {
        var n = fixture.NextId();
        var store = fixture.Store;
        var root = await store.Customers.AddAsync(Customer.Restore(Fields(n, "ROOT", null, $"Root {n} {Guid.NewGuid():N}")));
        var owners = new List<Customer>();
        for (var i = 0; i < Racers; i++)
        {
            owners.Add(await store.Customers.AddAsync(Customer.Restore(Fields(n, $"OWNER-{i}", root.Id, $"Owner {i}"))));
        }

        var phone = $"+44 1632 960{n % 1000:000}";
        var outcomes = await RaceAsync(i => store.Numbers.AddAsync(Number.Create(NumberId.From($"NUM-{n}-{i}"), owners[i], phone, "T1", Day.PlusDays(i), numbering: DramaAllowed)));

        outcomes.Count(o => o.Exception is null).ShouldBe(1, Describe(outcomes));
        outcomes.Where(o => o.Exception is not null).ShouldAllBe(o => o.Exception is BillingRuleException && ((BillingRuleException)o.Exception).Rule.StartsWith("already in service for customer", StringComparison.Ordinal));
        (await store.Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse(phone))).Single().Id.ShouldBe(Winner(outcomes).Id);
    }

    [Fact]
    public async Task Update_RacingFromOneVersion_OneWinsTheOthersConflictAndChangeNothing()
    {
        var n = fixture.NextId();
        var customers = fixture.Store.Customers;
        var parent = await customers.AddAsync(Customer.Restore(Fields(n, "PARENT", null, $"Parent {n} {Guid.NewGuid():N}")));
        var read = await customers.AddAsync(Customer.Restore(Fields(n, "CUS", parent.Id, "Original")));

        var outcomes = await RaceAsync(i => customers.UpdateAsync(Customer.Restore(read.ToSnapshot() with { Name = $"Renamed {i}" })));

        var winner = Winner(outcomes);
        winner.Version.ShouldBe(2);
        var conflicts = outcomes.Where(o => o.Exception is not null).Select(o => o.Exception).ToList();
        conflicts.Count.ShouldBe(Racers - 1);
        conflicts.ShouldAllBe(e => e is ConcurrencyConflictException);
        foreach (var conflict in conflicts.Cast<ConcurrencyConflictException>())
        {
            (conflict.EntityType, conflict.EntityId, conflict.ExpectedVersion, conflict.ActualVersion).ShouldBe(("Customer", read.Id.Value, 1L, (long?)2));
        }

        (await customers.FindAsync(read.Id))!.ToSnapshot().ShouldBe(winner.ToSnapshot());
    }

    [Fact]
    public async Task UpdateAndDelete_RacingFromOneVersion_ExactlyOneHappens()
    {
        var n = fixture.NextId();
        var store = fixture.Store;
        var owner = await OwnerAsync(n);
        var read = await store.Accounts.AddAsync(Account.Create(AccountId.From($"ACC-{n}"), owner, "Desk"));

        var outcomes = await RaceAsync(async i =>
        {
            if (i % 2 == 0)
            {
                return await store.Accounts.UpdateAsync(read.Rename($"Desk {i}"));
            }

            await store.Accounts.DeleteAsync(read.Id, read.Version);
            return read;
        });

        outcomes.Count(o => o.Exception is null).ShouldBe(1, Describe(outcomes));
        outcomes.Where(o => o.Exception is not null).ShouldAllBe(o => o.Exception is ConcurrencyConflictException);
        var stored = await store.Accounts.FindAsync(read.Id);
        var deleted = outcomes.Select((o, i) => (o, i)).Single(x => x.o.Exception is null).i % 2 == 1;
        if (deleted)
        {
            stored.ShouldBeNull();
        }
        else
        {
            stored!.Version.ShouldBe(2);
        }

        outcomes.Select(o => o.Exception).OfType<ConcurrencyConflictException>()
            .ShouldAllBe(e => e.ActualVersion == (deleted ? null : 2), "the version stored after the winner, or none when it deleted");
    }

    [Fact]
    public async Task Update_TwoSiblingsRenamedToOneNameAtOnce_OneWinsTheOtherGetsDuplicateNameAndKeepsItsName()
    {
        var n = fixture.NextId();
        var customers = fixture.Store.Customers;
        var parent = await customers.AddAsync(Customer.Restore(Fields(n, "PARENT", null, $"Parent {n} {Guid.NewGuid():N}")));
        var siblings = new List<Customer>();
        for (var i = 0; i < Racers; i++)
        {
            siblings.Add(await customers.AddAsync(Customer.Restore(Fields(n, $"CUS-{i}", parent.Id, $"Sibling {i}"))));
        }

        var outcomes = await RaceAsync(i => customers.UpdateAsync(Customer.Restore(siblings[i].ToSnapshot() with { Name = i % 2 == 0 ? "Globex Ltd" : "GLOBEX" })));

        OneWins(outcomes, "Customer", "Name");
        var children = await customers.ListChildrenAsync(parent.Id);
        children.Count(c => c.Version == 2).ShouldBe(1);
        children.Where(c => c.Version == 1).Select(c => c.Name).Order(StringComparer.Ordinal)
            .ShouldBe(siblings.Where(s => s.Id != Winner(outcomes).Id).Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>A customer below a root of its own, which may own accounts and numbers.</summary>
    private async Task<Customer> OwnerAsync(int n)
    {
        var root = await fixture.Store.Customers.AddAsync(Customer.Restore(Fields(n, "ROOT", null, $"Root {n} {Guid.NewGuid():N}")));
        return await fixture.Store.Customers.AddAsync(Customer.Restore(Fields(n, "OWNER", root.Id, "Owner")));
    }

    /// <summary>Starts <see cref="Racers"/> writes at once (each on its own thread, released together) and collects each outcome.</summary>
    private static async Task<(T? Result, Exception? Exception)[]> RaceAsync<T>(Func<int, ValueTask<T>> write)
        where T : class
    {
        using var start = new Barrier(Racers);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            try
            {
                return ((T?)await write(i), (Exception?)null);
            }
            catch (Exception e)
            {
                return (null, e);
            }
        })).ToArray();
        return await Task.WhenAll(racers);
    }

    private static void OneWins<T>((T? Result, Exception? Exception)[] outcomes, string entityType, string key)
    {
        outcomes.Count(o => o.Exception is null).ShouldBe(1, Describe(outcomes));
        foreach (var (_, exception) in outcomes.Where(o => o.Exception is not null))
        {
            var duplicate = exception.ShouldBeOfType<DuplicateEntityException>();
            (duplicate.EntityType, duplicate.Key).ShouldBe((entityType, key));
        }
    }

    private static string Describe<T>((T? Result, Exception? Exception)[] outcomes)
        => string.Join("; ", outcomes.Select(o => o.Exception is null ? "won" : $"{o.Exception.GetType().Name}: {o.Exception.Message}"));

    private static T Winner<T>((T? Result, Exception? Exception)[] outcomes)
        where T : class
        => outcomes.Single(o => o.Exception is null).Result!;

    private static CustomerSnapshot Fields(int n, string id, CustomerId? parent, string name) => new()
    {
        Id = CustomerId.From($"{id}-{n}"),
        Name = name,
        Email = "someone@example.com",
        BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
        ParentId = parent,
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        BillingCycleAnchor = Day,
        BalanceModel = BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 30,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    };
}
