using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Numbers;
using Billing.Core.Services;
using Xunit;

namespace Billing.Core.Storage.Testing;

// What every repository does alike: versions (optimistic concurrency), ids, cancellation, and listing by owner.
public abstract partial class BillingStoreContract
{
    /// <summary>The kinds of aggregate the generic version tests run for.</summary>
    public static TheoryData<string> AggregateKinds => new() { "Customer", "CustomerClass", "Account", "Number", "Service" };

    /// <summary>Finding an id that was never stored returns null.</summary>
    /// <param name="kind">The aggregate.</param>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Find_UnknownId_ReturnsNull(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        Assert.Null(await probe.FindAsync());
    }

    /// <summary>Add stores version 1 and each update with the current version stores the next one.</summary>
    /// <param name="kind">The aggregate.</param>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Update_CurrentVersion_StoresNextVersion(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);

        Assert.Equal(1, await probe.AddAsync());
        Assert.Equal(2, await probe.UpdateAsync(1, "Second"));
        Assert.Equal(3, await probe.UpdateAsync(2, "Third"));
        Assert.Equal((3L, "Third"), await probe.FindAsync());
    }

    /// <summary>An update carrying a version other than the stored one (older, newer or 0) throws and changes nothing.</summary>
    /// <param name="kind">The aggregate.</param>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Update_StaleVersion_ThrowsConcurrencyConflictAndChangesNothing(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        await probe.AddAsync();
        await probe.UpdateAsync(1, "Second");

        foreach (var stale in new long[] { 1, 0, 3 })
        {
            var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.UpdateAsync(stale, "Stale"));
            Assert.Equal(probe.Id, e.EntityId);
            Assert.Equal(stale, e.ExpectedVersion);
            Assert.Equal(2, e.ActualVersion);
            Assert.Equal((2L, "Second"), await probe.FindAsync());
        }
    }

    /// <summary>A delete carrying a stale version throws and keeps the aggregate; the current version deletes it.</summary>
    /// <param name="kind">The aggregate.</param>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Delete_StaleVersion_ThrowsConcurrencyConflictAndKeepsTheAggregate(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        await probe.AddAsync();
        await probe.UpdateAsync(1, "Second");

        foreach (var stale in new long[] { 1, 0, 3 })
        {
            var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.DeleteAsync(stale));
            Assert.Equal(stale, e.ExpectedVersion);
            Assert.Equal(2, e.ActualVersion);
            Assert.Equal((2L, "Second"), await probe.FindAsync());
        }

        await probe.DeleteAsync(2);
        Assert.Null(await probe.FindAsync());
    }

    /// <summary>Updating or deleting an aggregate that is not stored (never, or no longer) throws a conflict with no actual version and creates nothing.</summary>
    /// <param name="kind">The aggregate.</param>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task UpdateOrDelete_MissingAggregate_ThrowsConcurrencyConflict(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);

        var update = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.UpdateAsync(1, "Ghost"));
        Assert.Null(update.ActualVersion);
        var delete = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.DeleteAsync(1));
        Assert.Null(delete.ActualVersion);
        Assert.Null(await probe.FindAsync());

        await probe.AddAsync();
        await probe.DeleteAsync(1);
        var afterDelete = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.UpdateAsync(1, "Ghost"));
        Assert.Null(afterDelete.ActualVersion);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.DeleteAsync(1));
        Assert.Null(await probe.FindAsync());
    }

    /// <summary>Adding a second aggregate with a stored id throws <see cref="DuplicateEntityException"/> and keeps the first.</summary>
    /// <param name="kind">The aggregate.</param>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Add_ExistingId_ThrowsDuplicateAndKeepsTheFirst(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        await probe.AddAsync();

        Assert.Equal("Id", (await Assert.ThrowsAsync<DuplicateEntityException>(async () => await probe.AddOtherWithSameIdAsync())).Key);
        Assert.Equal((1L, Probe.FirstMark), await probe.FindAsync());
    }

    /// <summary>Adding an aggregate whose version is not 0 throws <see cref="ArgumentException"/> and stores nothing.</summary>
    /// <param name="kind">The aggregate.</param>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Add_VersionNotZero_ThrowsArgumentAndStoresNothing(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);

        await Assert.ThrowsAsync<ArgumentException>(async () => await probe.AddWithVersionAsync(1));
        await Assert.ThrowsAsync<ArgumentException>(async () => await probe.AddWithVersionAsync(7));
        Assert.Null(await probe.FindAsync());
    }

    /// <summary>A write with an already cancelled token throws and writes nothing.</summary>
    /// <param name="kind">The aggregate.</param>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Writes_CancelledToken_ThrowAndWriteNothing(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.AddAsync(cancelled.Token));
        Assert.Null(await probe.FindAsync());

        await probe.AddAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.UpdateAsync(1, "Cancelled", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.DeleteAsync(1, cancelled.Token));
        Assert.Equal((1L, Probe.FirstMark), await probe.FindAsync());
    }

    /// <summary>ListByOwnerAsync of accounts, numbers and services returns exactly the owner's items, ordered by id.</summary>
    [Fact]
    public async Task ListByOwner_ReturnsExactlyTheOwnersItemsInIdOrder()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Customer B", root.Id));
        var child = await store.Customers.AddAsync(CustomerRecord("CUST-0C", "Child of A", a.Id));
        var n = 0;
        foreach (var (suffix, owner) in new[] { ("3", a), ("1", b), ("2", a), ("5", child), ("0", a), ("4", b) })
        {
            n++;
            await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-000" + suffix), owner, "Account " + suffix));
            await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-000" + suffix), owner, "+44163296010" + suffix, "T1", RepoDay, numbering: DramaAllowed));
            await store.Services.AddAsync(Service.Create(ServiceId.From("SVC-000" + suffix), owner, "hosting", "Service " + suffix, RepoDay));
        }

        Assert.Equal(6, n);
        Assert.Equal(["ACC-0000", "ACC-0002", "ACC-0003"], Ids(await store.Accounts.ListByOwnerAsync(a.Id)));
        Assert.Equal(["ACC-0001", "ACC-0004"], Ids(await store.Accounts.ListByOwnerAsync(b.Id)));
        Assert.Equal(["NUM-0000", "NUM-0002", "NUM-0003"], Ids(await store.Numbers.ListByOwnerAsync(a.Id)));
        Assert.Equal(["NUM-0005"], Ids(await store.Numbers.ListByOwnerAsync(child.Id)));
        Assert.Equal(["SVC-0000", "SVC-0002", "SVC-0003"], Ids(await store.Services.ListByOwnerAsync(a.Id)));
        Assert.Equal(["SVC-0001", "SVC-0004"], Ids(await store.Services.ListByOwnerAsync(b.Id)));
        Assert.Empty(await store.Accounts.ListByOwnerAsync(root.Id));
        Assert.Empty(await store.Numbers.ListByOwnerAsync(root.Id));
        Assert.Empty(await store.Services.ListByOwnerAsync(root.Id));

        await store.Accounts.DeleteAsync(AccountId.From("ACC-0002"), 1);
        await store.Numbers.DeleteAsync(NumberId.From("NUM-0000"), 1);
        await store.Services.DeleteAsync(ServiceId.From("SVC-0003"), 1);
        Assert.Equal(["ACC-0000", "ACC-0003"], Ids(await store.Accounts.ListByOwnerAsync(a.Id)));
        Assert.Equal(["NUM-0002", "NUM-0003"], Ids(await store.Numbers.ListByOwnerAsync(a.Id)));
        Assert.Equal(["SVC-0000", "SVC-0002"], Ids(await store.Services.ListByOwnerAsync(a.Id)));
    }

    /// <summary>Builds the version probe of one aggregate kind, with the records it refers to already stored.</summary>
    private static async Task<Probe> ProbeForAsync(string kind, StoreUnderTest store)
    {
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Owner", root.Id));
        return kind switch
        {
            "Customer" => new Probe<Customer, CustomerId>(
                store.Customers,
                CustomerRecord("PROBE-01", Probe.FirstMark, root.Id),
                c => c.Id,
                (c, mark) => c.Rename(mark, []),
                c => c.Name,
                c => c.Version,
                (c, v) => c.WithVersion(v)),
            "CustomerClass" => new Probe<CustomerClass, CustomerClassId>(
                store.Classes,
                CustomerClass.Create(CustomerClassId.From("PROBE-01"), Probe.FirstMark, ClassManager.Administrator),
                c => c.Id,
                (c, mark) => c.Rename(mark),
                c => c.Name,
                c => c.Version,
                (c, v) => c.WithVersion(v)),
            "Account" => new Probe<Account, AccountId>(
                store.Accounts,
                Account.Create(AccountId.From("PROBE-01"), owner, Probe.FirstMark),
                a => a.Id,
                (a, mark) => a.Rename(mark),
                a => a.Name,
                a => a.Version,
                (a, v) => a.WithVersion(v)),
            "Number" => new Probe<Number, NumberId>(
                store.Numbers,
                Number.Create(NumberId.From("PROBE-01"), owner, "+441632960999", Probe.FirstMark, RepoDay, numbering: DramaAllowed),
                n => n.Id,
                (n, mark) => n.WithTariff(mark),
                n => n.Tariff,
                n => n.Version,
                (n, v) => n.WithVersion(v)),
            "Service" => new Probe<Service, ServiceId>(
                store.Services,
                Service.Create(ServiceId.From("PROBE-01"), owner, "hosting", Probe.FirstMark, RepoDay),
                s => s.Id,
                (s, mark) => s.Rename(mark),
                s => s.Name,
                s => s.Version,
                (s, v) => s.WithVersion(v)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown aggregate kind"),
        };
    }

    /// <summary>Drives one repository through its versioned writes, reading back (version, mark) where the mark is a field each change sets.</summary>
    private abstract class Probe
    {
        public const string FirstMark = "First";

        public abstract string Id { get; }

        public abstract ValueTask<long> AddAsync(CancellationToken cancellationToken = default);

        public abstract ValueTask AddWithVersionAsync(long version);

        public abstract ValueTask AddOtherWithSameIdAsync();

        public abstract ValueTask<long> UpdateAsync(long version, string mark, CancellationToken cancellationToken = default);

        public abstract ValueTask DeleteAsync(long version, CancellationToken cancellationToken = default);

        public abstract ValueTask<(long Version, string Mark)?> FindAsync();
    }

    private sealed class Probe<T, TId>(
        IRepository<T, TId> repository,
        T sample,
        Func<T, TId> idOf,
        Func<T, string, T> mark,
        Func<T, string> markOf,
        Func<T, long> versionOf,
        Func<T, long, T> withVersion) : Probe
        where T : class
        where TId : struct
    {
        public override string Id => idOf(sample).ToString() ?? string.Empty;

        public override async ValueTask<long> AddAsync(CancellationToken cancellationToken = default)
            => versionOf(await repository.AddAsync(sample, cancellationToken));

        public override async ValueTask AddWithVersionAsync(long version) => await repository.AddAsync(withVersion(sample, version));

        public override async ValueTask AddOtherWithSameIdAsync() => await repository.AddAsync(mark(sample, "Other"));

        public override async ValueTask<long> UpdateAsync(long version, string newMark, CancellationToken cancellationToken = default)
            => versionOf(await repository.UpdateAsync(withVersion(mark(sample, newMark), version), cancellationToken));

        public override async ValueTask DeleteAsync(long version, CancellationToken cancellationToken = default)
            => await repository.DeleteAsync(idOf(sample), version, cancellationToken);

        public override async ValueTask<(long Version, string Mark)?> FindAsync()
            => await repository.FindAsync(idOf(sample)) is { } found ? (versionOf(found), markOf(found)) : null;
    }
}
