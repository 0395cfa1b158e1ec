using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Concurrency: many writers charging one prepaid account and one postpaid chain must never overshoot.
public abstract partial class BillingStoreContract
{
    /// <summary>How many writers charge at once.</summary>
    protected virtual int ConcurrentWriters => 8;

    /// <summary>How many charges each scenario of the concurrency test sends, in all.</summary>
    protected virtual int ConcurrentCharges => 10_000;

    /// <summary>
    /// Eight writers send 10,000 charges, half against one prepaid account and half against two postpaid customers under one
    /// reseller: no prepaid balance goes below zero, no postpaid level goes over its limit, every approved charge is in every
    /// level's ledger exactly once, and every stored balance equals the sum of its ledger.
    /// </summary>
    [Fact]
    public async Task Charge_ManyConcurrentWriters_NeverOvershootAndBalancesEqualTheLedgers()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();

        // Prepaid: 400 GBP of funds against about 1,250 GBP of demand.
        var prepaid = await store.CreateCustomerAsync(root, "Prepaid Co", BalanceModel.Prepaid, openingFunds: 400m);
        var card = await store.CreateAccountAsync(prepaid.Customer, BalanceModel.Prepaid);
        await store.Charges.PostAsync(LedgerOwner.ForAccount(card.Id), TransactionKind.TopUp, Money.Of(300m, "GBP"), "card-top-up", Now);

        // Postpaid: two customers (limits 300 and 350) under a reseller whose own limit (500) is the tighter bound.
        var reseller = (await store.CreateCustomerAsync(root, "Reseller", creditLimit: 500m)).Customer;
        var left = await store.CreateCustomerAsync(reseller, "Left", creditLimit: 300m);
        var right = await store.CreateCustomerAsync(reseller, "Right", creditLimit: 350m);
        AccountId[] postpaidAccounts = [left.DefaultAccount.Id, right.DefaultAccount.Id];

        var approved = new System.Collections.Concurrent.ConcurrentBag<(AccountId Account, string Key, decimal Amount)>();
        var perWriter = ConcurrentCharges / ConcurrentWriters;
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, ConcurrentWriters).Select(w => Task.Run(async () =>
        {
            var charges = store.ChargesInNewScope();
            var random = new Random(1000 + w);
            start.Wait();
            for (var i = 0; i < perWriter; i++)
            {
                var amount = Money.Of(random.Next(1, 50) / 100m, "GBP");
                var account = i % 2 == 0 ? card.Id : postpaidAccounts[random.Next(2)];
                var key = $"w{w}-c{i}";
                var outcome = await charges.ChargeAsync(account, amount, key, Now);
                if (outcome.IsApproved)
                {
                    approved.Add((account, key, amount.Amount));
                }
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(writers);

        // Prepaid levels: never below zero, and exactly what was approved has been spent.
        var cardSpent = approved.Where(a => a.Account == card.Id).Sum(a => a.Amount);
        await AssertLedgerAsync(store, LedgerOwner.ForAccount(card.Id), 300m - cardSpent);
        await AssertLedgerAsync(store, LedgerOwner.ForCustomer(prepaid.Customer.Id), 400m - cardSpent);
        Assert.True(300m - cardSpent >= 0m, "the prepaid account went below zero");
        Assert.True(300m - cardSpent < 0.50m, "the prepaid account should have been drained to less than one charge");

        // Postpaid levels: never over the limit at any level.
        var leftOwed = approved.Where(a => a.Account == left.DefaultAccount.Id).Sum(a => a.Amount);
        var rightOwed = approved.Where(a => a.Account == right.DefaultAccount.Id).Sum(a => a.Amount);
        await AssertLedgerAsync(store, LedgerOwner.ForCustomer(left.Customer.Id), -leftOwed);
        await AssertLedgerAsync(store, LedgerOwner.ForCustomer(right.Customer.Id), -rightOwed);
        await AssertLedgerAsync(store, LedgerOwner.ForCustomer(reseller.Id), -(leftOwed + rightOwed));
        Assert.True(leftOwed <= 300m && rightOwed <= 350m, "a customer went over its credit limit");
        Assert.True(leftOwed + rightOwed <= 500m, "the reseller went over its credit limit");
        Assert.True(leftOwed + rightOwed > 499.50m, "the reseller's limit should have been used up to less than one charge");

        // Every approved charge is in the account's ledger exactly once.
        foreach (var (account, key, amount) in approved)
        {
            var stored = await store.Ledgers.FindByIdempotencyKeyAsync(LedgerOwner.ForAccount(account), key);
            Assert.NotNull(stored);
            Assert.Equal(amount, stored.Amount.Amount);
        }
    }

    private static async Task AssertLedgerAsync(StoreUnderTest store, LedgerOwner owner, decimal expectedFunds)
    {
        var transactions = await store.Ledgers.GetTransactionsAsync(owner);
        var head = await store.Ledgers.GetHeadAsync(owner);
        Assert.NotNull(head);
        Assert.Equal(transactions.Count, head.Value.Count);
        Assert.Equal(transactions.Sum(t => t.FundsEffect.Amount), head.Value.Funds.Amount);
        Assert.Equal(expectedFunds, head.Value.Funds.Amount);
        Assert.Equal(transactions.Count, transactions.Select(t => t.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
    }
}
