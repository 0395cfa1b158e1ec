using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Xunit;

namespace Billing.Core.Storage.Testing;

/// <summary>
/// The visibility part of the contract through <see cref="CustomerDirectory"/>: a caller acting as a customer sees that
/// customer and its subtree; everything above or beside it behaves exactly as if it did not exist.
/// </summary>
public abstract partial class BillingStoreContract
{
    /// <summary>A caller finds itself and every customer below it, at any depth.</summary>
    [Fact]
    public async Task Visibility_FindInsideOwnSubtree_ReturnsTheCustomer()
    {
        await using var store = NewStore();
        var t = await VisibilityTreeAsync(store);

        foreach (var target in new[] { t.A, t.A1, t.A2, t.A1a })
        {
            Assert.Equal(target, (await store.Directory.FindAsync(t.A, target))?.Id);
            Assert.True(await store.Directory.IsVisibleAsync(t.A, target));
        }

        Assert.Equal(t.A1a, (await store.Directory.FindAsync(t.A1, t.A1a))?.Id);
        Assert.Equal(t.A1a, (await store.Directory.FindAsync(t.A1a, t.A1a))?.Id);
    }

    /// <summary>Customers above or beside the caller behave as not found, exactly like an id that does not exist.</summary>
    [Fact]
    public async Task Visibility_FindOutsideOwnSubtree_BehavesAsNotFound()
    {
        await using var store = NewStore();
        var t = await VisibilityTreeAsync(store);
        var missing = CustomerId.From("NO-SUCH-CUSTOMER");

        foreach (var (caller, target) in new[]
                 {
                     (t.A, t.Root), (t.A, t.B), (t.A, t.B1), (t.A, missing),
                     (t.A1, t.A), (t.A1, t.A2), (t.A1, t.Root), (t.A1a, t.A1), (t.B, t.A), (t.B, t.A1a),
                 })
        {
            Assert.Null(await store.Directory.FindAsync(caller, target));
            Assert.False(await store.Directory.IsVisibleAsync(caller, target));
        }

        // A caller that does not exist sees nothing, not even what exists.
        Assert.Null(await store.Directory.FindAsync(missing, t.A));
        Assert.Empty(await store.Directory.ListChildrenAsync(missing, t.A));
        Assert.Empty(await store.Directory.ListAccountsAsync(missing, t.A));
    }

    /// <summary>The root acting as caller sees the whole tree.</summary>
    [Fact]
    public async Task Visibility_RootCaller_SeesEveryCustomer()
    {
        await using var store = NewStore();
        var t = await VisibilityTreeAsync(store);

        foreach (var target in new[] { t.Root, t.A, t.A1, t.A2, t.A1a, t.B, t.B1 })
        {
            Assert.Equal(target, (await store.Directory.FindAsync(t.Root, target))?.Id);
        }
    }

    /// <summary>Accounts are visible exactly when their owner is: found inside the subtree, not found outside it.</summary>
    [Fact]
    public async Task Visibility_FindAccount_FollowsTheOwnersVisibility()
    {
        await using var store = NewStore();
        var t = await VisibilityTreeAsync(store);

        foreach (var account in new[] { t.AAccount, t.A1Account, t.A1aAccount, t.A1aExtra })
        {
            Assert.Equal(account, (await store.Directory.FindAccountAsync(t.A, account))?.Id);
        }

        foreach (var account in new[] { t.BAccount, t.B1Account, AccountId.From("NO-SUCH-ACCOUNT") })
        {
            Assert.Null(await store.Directory.FindAccountAsync(t.A, account));
        }

        Assert.Null(await store.Directory.FindAccountAsync(t.A1, t.AAccount));
        Assert.Null(await store.Directory.FindAccountAsync(t.A1, t.A2Account));
        Assert.Equal(t.A1aExtra, (await store.Directory.FindAccountAsync(t.A1a, t.A1aExtra))?.Id);
    }

    /// <summary>ListAccountsAsync returns exactly the owner's accounts inside the subtree, and nothing for an invisible owner.</summary>
    [Fact]
    public async Task Visibility_ListAccounts_ReturnsOnlyVisibleOwnersAccounts()
    {
        await using var store = NewStore();
        var t = await VisibilityTreeAsync(store);

        var expected = new[] { t.A1aAccount, t.A1aExtra }.Select(a => a.Value).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, (await store.Directory.ListAccountsAsync(t.A, t.A1a)).Select(a => a.Id.Value));
        Assert.Equal([t.AAccount.Value], (await store.Directory.ListAccountsAsync(t.A, t.A)).Select(a => a.Id.Value));

        Assert.Empty(await store.Directory.ListAccountsAsync(t.A, t.B));
        Assert.Empty(await store.Directory.ListAccountsAsync(t.A, t.B1));
        Assert.Empty(await store.Directory.ListAccountsAsync(t.A1, t.A));
        Assert.Empty(await store.Directory.ListAccountsAsync(t.A1, t.A2));
    }

    /// <summary>ListSubtreeAsync returns exactly the caller and its descendants, parents before children.</summary>
    [Fact]
    public async Task Visibility_ListSubtree_ReturnsExactlyTheSubtreeParentsFirst()
    {
        await using var store = NewStore();
        var t = await VisibilityTreeAsync(store);

        var subtree = await store.Directory.ListSubtreeAsync(t.A);
        Assert.Equal(
            new[] { t.A, t.A1, t.A2, t.A1a }.Select(c => c.Value).Order(StringComparer.Ordinal),
            subtree.Select(c => c.Id.Value).Order(StringComparer.Ordinal));
        Assert.Equal(t.A, subtree[0].Id);
        for (var i = 1; i < subtree.Count; i++)
        {
            var parent = subtree[i].ParentId;
            Assert.Contains(subtree.Take(i), c => c.Id == parent);
        }

        Assert.Equal([t.A1.Value, t.A1a.Value], (await store.Directory.ListSubtreeAsync(t.A1)).Select(c => c.Id.Value));
        Assert.Equal([t.A1a.Value], (await store.Directory.ListSubtreeAsync(t.A1a)).Select(c => c.Id.Value));
        Assert.Equal([t.B.Value, t.B1.Value], (await store.Directory.ListSubtreeAsync(t.B)).Select(c => c.Id.Value));
        Assert.Equal(7, (await store.Directory.ListSubtreeAsync(t.Root)).Count);
        Assert.Empty(await store.Directory.ListSubtreeAsync(CustomerId.From("NO-SUCH-CUSTOMER")));
    }

    /// <summary>ListChildrenAsync returns the children of a visible parent in id order, and nothing for an invisible parent.</summary>
    [Fact]
    public async Task Visibility_ListChildren_OfInvisibleParentIsEmpty()
    {
        await using var store = NewStore();
        var t = await VisibilityTreeAsync(store);

        var expected = new[] { t.A1, t.A2 }.Select(c => c.Value).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, (await store.Directory.ListChildrenAsync(t.A, t.A)).Select(c => c.Id.Value));
        Assert.Equal([t.A1a.Value], (await store.Directory.ListChildrenAsync(t.A, t.A1)).Select(c => c.Id.Value));
        Assert.Empty(await store.Directory.ListChildrenAsync(t.A, t.A1a));

        Assert.Empty(await store.Directory.ListChildrenAsync(t.A, t.Root));
        Assert.Empty(await store.Directory.ListChildrenAsync(t.A, t.B));
        Assert.Empty(await store.Directory.ListChildrenAsync(t.A1, t.A));
        Assert.Equal(2, (await store.Directory.ListChildrenAsync(t.Root, t.Root)).Count);
    }

    /// <summary>Visibility reaches the bottom of a tree as deep as the configured limit (8), from the root and from the first level.</summary>
    [Fact]
    public async Task Visibility_ChainAtMaximumDepth_IsVisibleFromEveryAncestor()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var chain = new List<Customer>();
        var parent = root;
        for (var level = 1; level <= CustomerCreationOptions.DefaultMaxHierarchyDepth; level++)
        {
            parent = (await store.CreateCustomerAsync(parent, $"Level {level}")).Customer;
            chain.Add(parent);
        }

        var bottom = chain[^1];
        Assert.Equal(bottom.Id, (await store.Directory.FindAsync(root.Id, bottom.Id))?.Id);
        foreach (var ancestor in chain)
        {
            Assert.True(await store.Directory.IsVisibleAsync(ancestor.Id, bottom.Id));
        }

        Assert.Null(await store.Directory.FindAsync(bottom.Id, chain[^2].Id));
        Assert.Equal(chain.Count, (await store.Directory.ListSubtreeAsync(chain[0].Id)).Count);
    }

    /// <summary>Builds root → A → A1 → A1a, A → A2 and root → B → B1, each with its default account, and an extra account for A1a.</summary>
    private static async Task<VisibilityTree> VisibilityTreeAsync(StoreUnderTest store)
    {
        var root = await store.CreateRootAsync();
        var a = await store.CreateCustomerAsync(root, "Reseller A");
        var a1 = await store.CreateCustomerAsync(a.Customer, "Sub-reseller A1");
        var a2 = await store.CreateCustomerAsync(a.Customer, "Customer A2");
        var a1a = await store.CreateCustomerAsync(a1.Customer, "Customer A1a", BalanceModel.Prepaid, openingFunds: 5m);
        var b = await store.CreateCustomerAsync(root, "Reseller B");
        var b1 = await store.CreateCustomerAsync(b.Customer, "Customer B1");
        var extra = await store.CreateAccountAsync(a1a.Customer, BalanceModel.Prepaid);
        return new VisibilityTree(
            root.Id,
            a.Customer.Id,
            a1.Customer.Id,
            a2.Customer.Id,
            a1a.Customer.Id,
            b.Customer.Id,
            b1.Customer.Id,
            a.DefaultAccount.Id,
            a1.DefaultAccount.Id,
            a2.DefaultAccount.Id,
            a1a.DefaultAccount.Id,
            extra.Id,
            b.DefaultAccount.Id,
            b1.DefaultAccount.Id);
    }

    private sealed record VisibilityTree(
        CustomerId Root,
        CustomerId A,
        CustomerId A1,
        CustomerId A2,
        CustomerId A1a,
        CustomerId B,
        CustomerId B1,
        AccountId AAccount,
        AccountId A1Account,
        AccountId A2Account,
        AccountId A1aAccount,
        AccountId A1aExtra,
        AccountId BAccount,
        AccountId B1Account);
}
