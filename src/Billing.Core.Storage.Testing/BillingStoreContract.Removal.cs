using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Removal;
using Billing.Core.Services;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Removal: the store refuses to delete what others still refer to, as foreign keys would; RemovalService applies the removal
// rule before deleting and never deletes a ledger (docs/domain-model.md, "Removal").
public abstract partial class BillingStoreContract
{
    // The suite's customers are created at Now (2026-03-19), so their current billing period starts that day.
    private static readonly LocalDate BeforeCurrentPeriod = new(2026, 3, 18);

    /// <summary>A customer with a sub-customer, an account, a number or a service cannot be deleted from the store.</summary>
    /// <param name="referrer">What still refers to the customer.</param>
    [Theory]
    [InlineData("Customer")]
    [InlineData("Account")]
    [InlineData("Number")]
    [InlineData("Service")]
    public async Task Delete_CustomerStillReferred_IsRefusedAndDeletesNothing(string referrer)
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-RF");
        var customer = await store.Customers.AddAsync(CustomerRecord("CUST-RF", "Referred", root.Id));
        switch (referrer)
        {
            case "Customer":
                await store.Customers.AddAsync(CustomerRecord("CUST-CH", "Child", customer.Id));
                break;
            case "Account":
                await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-RF01"), customer, "Account"));
                break;
            case "Number":
                await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RF01"), customer, "01632 960301", "UK-GEO", BeforeCurrentPeriod, numbering: DramaAllowed));
                break;
            default:
                await store.Services.AddAsync(Service.Create(ServiceId.From("SVC-RF01"), customer, "support", "Support", BeforeCurrentPeriod));
                break;
        }

        var refused = await Assert.ThrowsAsync<ReferencedEntityException>(async () => await store.Customers.DeleteAsync(customer.Id, customer.Version));

        Assert.Equal("Customer", refused.EntityType);
        Assert.StartsWith(referrer + " ", refused.ReferencedBy, StringComparison.Ordinal);
        Assert.NotNull(await store.Customers.FindAsync(customer.Id));
    }

    /// <summary>An account a number uses, and a class a customer belongs to, cannot be deleted from the store.</summary>
    [Fact]
    public async Task Delete_AccountUsedByANumberOrClassOfACustomer_IsRefused()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-RA");
        var customer = await store.Customers.AddAsync(CustomerRecord("CUST-RA", "Owner", root.Id));
        var account = await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-RA01"), customer, "Lines"));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RA01"), customer, "01632 960302", "UK-GEO", BeforeCurrentPeriod, account: account, numbering: DramaAllowed));
        var retail = await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-RA"), "Retail", ClassManager.Administrator));
        var member = await store.Customers.AddAsync(Customer.Restore(CustomerRecord("CUST-RB", "Member", root.Id).ToSnapshot() with { ClassId = retail.Id }));

        Assert.Equal("Number NUM-RA01", (await Assert.ThrowsAsync<ReferencedEntityException>(async () => await store.Accounts.DeleteAsync(account.Id, account.Version))).ReferencedBy);
        Assert.Equal("Customer CUST-RB", (await Assert.ThrowsAsync<ReferencedEntityException>(async () => await store.Classes.DeleteAsync(retail.Id, retail.Version))).ReferencedBy);
        Assert.NotNull(await store.Accounts.FindAsync(account.Id));
        Assert.NotNull(await store.Classes.FindAsync(retail.Id));
        Assert.NotNull(member);
    }

    /// <summary>
    /// A customer whose balances are zero and whose number and service ended before the current period is deleted with its
    /// accounts, number and service; its ledgers stay.
    /// </summary>
    [Fact]
    public async Task RemoveCustomer_Settled_DeletesItAndEverythingItOwnsButKeepsTheLedgers()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var created = await store.CreateCustomerAsync(root, model: BalanceModel.Prepaid, openingFunds: 10m);
        var customer = created.Customer;
        var extra = await store.CreateAccountAsync(customer, BalanceModel.Postpaid);
        var number = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RM01"), customer, "01632 960303", "UK-GEO", new LocalDate(2026, 1, 1), dateCeased: BeforeCurrentPeriod, numbering: DramaAllowed));
        var service = await store.Services.AddAsync(Service.Create(ServiceId.From("SVC-RM01"), customer, "support", "Support", new LocalDate(2026, 1, 1), endDate: BeforeCurrentPeriod));
        await store.Charges.PostAsync(LedgerOwner.ForCustomer(customer.Id), TransactionKind.Refund, Gbp(10m), "refund", Now);
        var removal = store.Removal;

        Assert.True((await removal.DecideCustomerRemovalAsync(customer.Id)).CanDelete);
        await removal.RemoveCustomerAsync(customer.Id, customer.Version);

        Assert.Null(await store.Customers.FindAsync(customer.Id));
        Assert.Null(await store.Accounts.FindAsync(created.DefaultAccount.Id));
        Assert.Null(await store.Accounts.FindAsync(extra.Id));
        Assert.Null(await store.Numbers.FindAsync(number.Id));
        Assert.Null(await store.Services.FindAsync(service.Id));
        Assert.Equal(2, (await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(customer.Id))).Count);
    }

    /// <summary>Money held or owed, a sub-customer, or a number still billed makes a customer close-only; nothing is deleted.</summary>
    /// <param name="obstacle">What stands in the way.</param>
    [Theory]
    [InlineData("balance")]
    [InlineData("account balance")]
    [InlineData("sub-customer")]
    [InlineData("number")]
    [InlineData("service")]
    public async Task RemoveCustomer_NotSettled_IsRefusedNamingWhyAndDeletesNothing(string obstacle)
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var created = await store.CreateCustomerAsync(root);
        var customer = created.Customer;
        var expected = obstacle;
        switch (obstacle)
        {
            case "balance":
                await store.Charges.PostAsync(LedgerOwner.ForCustomer(customer.Id), TransactionKind.Debit, Gbp(1m), "fee", Now);
                expected = "its balance is 1 GBP";
                break;
            case "account balance":
                await store.Charges.ChargeAsync(created.DefaultAccount.Id, Gbp(1m), "call", Now);
                expected = "its balance is 1 GBP"; // the charge is owed by the customer too
                break;
            case "sub-customer":
                await store.CreateCustomerAsync(customer);
                break;
            case "number":
                await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RM02"), customer, "01632 960304", "UK-GEO", new LocalDate(2026, 1, 1), dateCeased: Now.InUtc().Date, numbering: DramaAllowed));
                expected = "number NUM-RM02 may still be billed";
                break;
            default:
                await store.Services.AddAsync(Service.Create(ServiceId.From("SVC-RM02"), customer, "support", "Support", new LocalDate(2026, 1, 1)));
                expected = "service SVC-RM02 may still be billed";
                break;
        }

        var decision = await store.Removal.DecideCustomerRemovalAsync(customer.Id);
        var refused = await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Removal.RemoveCustomerAsync(customer.Id, customer.Version));

        Assert.False(decision.CanDelete);
        Assert.Contains(decision.Reasons, r => r.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(expected, refused.Rule, StringComparison.Ordinal);
        Assert.NotNull(await store.Customers.FindAsync(customer.Id));
        Assert.NotNull(await store.Accounts.FindAsync(created.DefaultAccount.Id));
    }

    /// <summary>A removal carrying a stale version is a conflict and deletes nothing.</summary>
    [Fact]
    public async Task RemoveCustomer_StaleVersion_IsAConflictAndDeletesNothing()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var created = await store.CreateCustomerAsync(root);
        await store.Customers.UpdateAsync(created.Customer.Rename("Renamed Ltd", []));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await store.Removal.RemoveCustomerAsync(created.Customer.Id, created.Customer.Version));

        Assert.NotNull(await store.Customers.FindAsync(created.Customer.Id));
        Assert.NotNull(await store.Accounts.FindAsync(created.DefaultAccount.Id));
    }

    /// <summary>A number may be removed once it never started or ceased before the current period; otherwise it is refused.</summary>
    [Fact]
    public async Task RemoveNumberOrService_OnlyOnceNoDayCanStillBeBilled()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var customer = (await store.CreateCustomerAsync(root)).Customer;
        var live = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RN01"), customer, "01632 960305", "UK-GEO", new LocalDate(2026, 1, 1), numbering: DramaAllowed));
        var ceasedToday = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RN02"), customer, "01632 960306", "UK-GEO", new LocalDate(2026, 1, 1), dateCeased: new LocalDate(2026, 3, 19), numbering: DramaAllowed));
        var ceasedBefore = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RN03"), customer, "01632 960307", "UK-GEO", new LocalDate(2026, 1, 1), dateCeased: BeforeCurrentPeriod, numbering: DramaAllowed));
        var future = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RN04"), customer, "01632 960308", "UK-GEO", new LocalDate(2026, 4, 1), numbering: DramaAllowed));
        var running = await store.Services.AddAsync(Service.Create(ServiceId.From("SVC-RN01"), customer, "support", "Support", new LocalDate(2026, 1, 1)));
        var ended = await store.Services.AddAsync(Service.Create(ServiceId.From("SVC-RN02"), customer, "support", "Support", new LocalDate(2026, 1, 1), endDate: BeforeCurrentPeriod));

        Assert.Equal("Number", (await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Removal.RemoveNumberAsync(live.Id, live.Version))).Field);
        await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Removal.RemoveNumberAsync(ceasedToday.Id, ceasedToday.Version));
        await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Removal.RemoveServiceAsync(running.Id, running.Version));
        await store.Removal.RemoveNumberAsync(ceasedBefore.Id, ceasedBefore.Version);
        await store.Removal.RemoveNumberAsync(future.Id, future.Version);
        await store.Removal.RemoveServiceAsync(ended.Id, ended.Version);

        Assert.NotNull(await store.Numbers.FindAsync(live.Id));
        Assert.NotNull(await store.Numbers.FindAsync(ceasedToday.Id));
        Assert.Null(await store.Numbers.FindAsync(ceasedBefore.Id));
        Assert.Null(await store.Numbers.FindAsync(future.Id));
        Assert.NotNull(await store.Services.FindAsync(running.Id));
        Assert.Null(await store.Services.FindAsync(ended.Id));
    }

    /// <summary>An account with a balance, or one a number uses, is refused; a settled one is deleted and its ledger stays.</summary>
    [Fact]
    public async Task RemoveAccount_OnlyWithAZeroBalanceAndNoNumber()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var customer = (await store.CreateCustomerAsync(root)).Customer;
        var owing = await store.CreateAccountAsync(customer, BalanceModel.Postpaid);
        var used = await store.CreateAccountAsync(customer, BalanceModel.Postpaid);
        var settled = await store.CreateAccountAsync(customer, BalanceModel.Prepaid);
        await store.Charges.ChargeAsync(owing.Id, Gbp(2m), "call", Now);
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-RC01"), customer, "01632 960309", "UK-GEO", BeforeCurrentPeriod, account: used, dateCeased: BeforeCurrentPeriod, numbering: DramaAllowed));
        await store.Charges.PostAsync(LedgerOwner.ForAccount(settled.Id), TransactionKind.TopUp, Gbp(5m), "top-up", Now);
        await store.Charges.PostAsync(LedgerOwner.ForAccount(settled.Id), TransactionKind.Refund, Gbp(5m), "refund", Now);

        Assert.Contains("balance is 2 GBP", (await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Removal.RemoveAccountAsync(owing.Id, owing.Version))).Rule, StringComparison.Ordinal);
        Assert.Contains("NUM-RC01", (await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Removal.RemoveAccountAsync(used.Id, used.Version))).Rule, StringComparison.Ordinal);
        await store.Removal.RemoveAccountAsync(settled.Id, settled.Version);

        Assert.NotNull(await store.Accounts.FindAsync(owing.Id));
        Assert.NotNull(await store.Accounts.FindAsync(used.Id));
        Assert.Null(await store.Accounts.FindAsync(settled.Id));
        Assert.Equal(2, (await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(settled.Id))).Count);
    }
}
