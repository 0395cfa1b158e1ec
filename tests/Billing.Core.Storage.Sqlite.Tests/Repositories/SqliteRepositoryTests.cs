using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Storage.Sqlite.Tests.Repositories;

/// <summary>What the SQLite repositories add to the contract: references checked by foreign keys on every write, and refusals
/// inside a shared batch that undo only their own write.</summary>
public sealed class SqliteRepositoryTests : IDisposable
{
    // The numbers are in Ofcom's range for drama (+44 1632 960xxx), which the numbering plan refuses unless allowed.
    private static readonly NumberingOptions DramaAllowed = NumberingOptions.Default with { AllowDramaNumbers = true };
    private readonly TempDatabase _file = new();
    private readonly SqliteBillingStore _store;

    public SqliteRepositoryTests() => _store = _file.NewMigratedStore();

    [Fact]
    public async Task Add_ReferringToACustomerThatIsNotStored_IsRefusedNamingTheFieldAndStoresNothing()
    {
        var root = await _store.Customers.AddAsync(Customer.Restore(Snapshot("ROOT-1", "Root", null)));
        var owner = Customer.Restore(Snapshot("CUS-1", "Owner", root.Id));

        var account = await Should.ThrowAsync<BillingRuleException>(async () => await _store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-1"), owner, "Lines")));
        var child = await Should.ThrowAsync<BillingRuleException>(async () => await _store.Customers.AddAsync(Customer.Restore(Snapshot("CUS-2", "Child", owner.Id))));

        account.Field.ShouldBe("Account.OwnerId");
        account.Message.ShouldContain("CUS-1");
        child.Field.ShouldBe("Customer.ParentId");
        (await _store.Accounts.FindAsync(AccountId.From("ACC-1"))).ShouldBeNull();
        (await _store.Customers.FindAsync(CustomerId.From("CUS-2"))).ShouldBeNull();
    }

    [Fact]
    public async Task ListPage_IdsWhoseByteOrderDiffersFromOrdinal_PagesInTheColumnsOrderSeeingEachOnce()
    {
        // As UTF-8 bytes U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80); ordinally its surrogate U+D83D sorts first.
        string[] children = ["P-\uFFFD-1", "P-\uFFFD-2", "P-\U0001F600-1", "P-\U0001F600-2"];
        var root = await _store.Customers.AddAsync(Customer.Restore(Snapshot("P", "Root", null)));
        foreach (var (id, i) in children.Select((id, i) => (id, i)))
        {
            await _store.Customers.AddAsync(Customer.Restore(Snapshot(id, $"Child {i}", root.Id)));
        }

        var seen = new List<string>();
        CustomerId? after = null;
        for (var page = await _store.Customers.ListPageAsync(after, 2); page.Count > 0; page = await _store.Customers.ListPageAsync(after, 2))
        {
            seen.AddRange(page.Select(c => c.Id.Value));
            after = page[^1].Id;
        }

        seen.ShouldBe(["P", .. children]);
        seen.SequenceEqual(seen.Order(StringComparer.Ordinal)).ShouldBeFalse("the ids must tell the two orders apart");
    }

    [Fact]
    public async Task Add_ManyRacingForOneAliasAndOneNumber_OneWinsTheOthersAreRefusedAndTheRestOfTheirBatchesCommit()
    {
        var root = await _store.Customers.AddAsync(Customer.Restore(Snapshot("ROOT-1", "Root", null)));
        var owner = await _store.Customers.AddAsync(Customer.Restore(Snapshot("CUS-1", "Owner", root.Id)));
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var alias = i % 2 == 0 ? "SHARED" : "own-" + i;
            var number = i % 2 == 0 ? "+441632960001" : "+4416329601" + (i % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            var results = new List<Exception?>();
            foreach (var add in new Func<Task>[]
                     {
                         async () => await _store.Accounts.AddAsync(Account.Create(AccountId.From($"ACC-{i:00}"), owner, "Line", alias: alias)),
                         async () => await _store.Numbers.AddAsync(Number.Create(NumberId.From($"NUM-{i:00}"), owner, number, "T1", new LocalDate(2026, 1, 1), numbering: DramaAllowed)),
                     })
            {
                try
                {
                    await add();
                    results.Add(null);
                }
                catch (Exception e)
                {
                    results.Add(e);
                }
            }

            return results;
        })).ToArray();
        start.Set();

        var outcomes = await Task.WhenAll(racers);

        var accounts = outcomes.Select(o => o[0]).ToArray();
        var numbers = outcomes.Select(o => o[1]).ToArray();
        accounts.Count(e => e is null).ShouldBe(17, "every own alias and one shared one");
        accounts.Where(e => e is not null).ShouldAllBe(e => e is DuplicateEntityException && ((DuplicateEntityException)e).Key == "Alias");
        numbers.Count(e => e is null).ShouldBe(17, "every own number and one holder of the shared one");
        numbers.Where(e => e is not null).ShouldAllBe(e => e is BillingRuleException && ((BillingRuleException)e).Field == "Number");
        (await _store.Accounts.ListByOwnerAsync(owner.Id)).Count.ShouldBe(17);
        (await _store.Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse("+441632960001"))).Count.ShouldBe(1);
    }

    public void Dispose()
    {
        _store.Dispose();
        _file.Dispose();
    }

    private static CustomerSnapshot Snapshot(string id, string name, CustomerId? parent) => new()
    {
        Id = CustomerId.From(id),
        Name = name,
        Email = "someone@example.com",
        BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
        ParentId = parent,
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        BillingCycleAnchor = new LocalDate(2026, 1, 1),
        BalanceModel = BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 30,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    };
}
