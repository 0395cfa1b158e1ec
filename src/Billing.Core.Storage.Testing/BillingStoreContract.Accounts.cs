using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Accounts: the round trip, aliases unique ignoring case, and finding by alias.
public abstract partial class BillingStoreContract
{
    /// <summary>An account with alias, custom charges, status and credit limit comes back field by field.</summary>
    [Fact]
    public async Task Account_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Owner", root.Id, currency: "EUR"));
        var account = Account.Restore(new AccountSnapshot
        {
            Id = AccountId.From("ACC-0001"),
            OwnerId = owner.Id,
            Name = "Head office PBX",
            Alias = "SIP-1001",
            Currency = Currency.FromCode("EUR"),
            BalanceModel = BalanceModel.Postpaid,
            CreditLimit = Money.Of(250.75m, "EUR"),
            Status = BillingStatus.Suspended,
            Features =
            [
                Feature.Recurring(FeatureId.From("FEAT-01"), "Support plan", Money.Of(19.99m, "EUR"), RepoDay, RepoDay.PlusMonths(6), quantity: 3, proration: Proration.None).ToSnapshot(),
                Feature.OneOff(FeatureId.From("FEAT-02"), "Set-up fee", Money.Of(49m, "EUR"), RepoDay, quantity: 2).ToSnapshot(),
            ],
            Version = 0,
        });

        var added = await store.Accounts.AddAsync(account);
        Assert.Equal(1, added.Version);
        AssertSameAccount(account, added);

        var found = await store.Accounts.FindAsync(account.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameAccount(account, found);

        var changed = found
            .Rename("Branch PBX")
            .WithAlias("sip-2002")
            .WithCreditLimit(null)
            .Activate()
            .DetachFeature(FeatureId.From("FEAT-02"))
            .ReplaceFeature(Feature.Recurring(FeatureId.From("FEAT-01"), "Support plan (gold)", Money.Of(29.99m, "EUR"), RepoDay, quantity: 1))
            .AttachFeature(Feature.Recurring(FeatureId.From("FEAT-03"), "Extra line", Money.Of(5m, "EUR"), RepoDay.PlusDays(10)));
        Assert.Equal(2, (await store.Accounts.UpdateAsync(changed)).Version);

        var reread = await store.Accounts.FindAsync(account.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameAccount(changed, reread);
    }

    /// <summary>An account alias is unique across all accounts, ignoring case; an alias freed by a change can be reused.</summary>
    [Fact]
    public async Task Account_AliasIsUniqueIgnoringCase()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Customer B", root.Id));
        var first = await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0001"), a, "Desk phone", alias: "SIP-1001"));

        var e = await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0002"), b, "Desk phone", alias: "sip-1001")));
        Assert.Equal("Account", e.EntityType);
        Assert.Equal("Alias", e.Key);
        Assert.Null(await store.Accounts.FindAsync(AccountId.From("ACC-0002")));

        // Accounts without an alias never clash.
        await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0003"), a, "No alias 1"));
        var noAlias = await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0004"), b, "No alias 2"));

        Assert.Equal("Alias", (await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Accounts.UpdateAsync(noAlias.WithAlias("Sip-1001")))).Key);
        Assert.Null((await store.Accounts.FindAsync(noAlias.Id))?.Alias);

        // Moving the alias away frees it for another account.
        await store.Accounts.UpdateAsync(first.WithAlias("SIP-9999"));
        Assert.Null(await store.Accounts.FindByAliasAsync("sip-1001"));
        var second = await store.Accounts.UpdateAsync(noAlias.WithAlias("sip-1001"));
        Assert.Equal(2, second.Version);
        Assert.Equal(second.Id, (await store.Accounts.FindByAliasAsync("SIP-1001"))?.Id);
    }

    /// <summary>FindByAliasAsync matches the alias ignoring case and surrounding white space, and nothing else.</summary>
    [Fact]
    public async Task Account_FindByAlias_FindsOnlyTheAccountWithThatAlias()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0001"), a, "One", alias: "Reception"));
        await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0002"), a, "Two", alias: "reception-2"));
        await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0003"), a, "Three"));

        Assert.Equal("ACC-0001", (await store.Accounts.FindByAliasAsync("RECEPTION"))?.Id.Value);
        Assert.Equal("ACC-0001", (await store.Accounts.FindByAliasAsync(" reception "))?.Id.Value);
        Assert.Equal("ACC-0002", (await store.Accounts.FindByAliasAsync("Reception-2"))?.Id.Value);
        Assert.Null(await store.Accounts.FindByAliasAsync("recep"));
        Assert.Null(await store.Accounts.FindByAliasAsync("Three"));
        Assert.Null(await store.Accounts.FindByAliasAsync("ACC-0003"));
    }
}
