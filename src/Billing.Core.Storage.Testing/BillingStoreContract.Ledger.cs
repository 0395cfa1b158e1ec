using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Ledgers: idempotent appends (also racing), conversion, and atomic authorise-and-append across the chain.
public abstract partial class BillingStoreContract
{
    private static Money Gbp(decimal amount) => Money.Of(amount, "GBP");

    private static TransactionRequest Request(TransactionKind kind, Money amount, string key)
        => new(TransactionId.New(), kind, amount, Now, key);

    /// <summary>Appending a key twice writes once and returns the original the second time.</summary>
    [Fact]
    public async Task Ledger_AppendSameKeyTwice_WritesOnceAndReplaysTheOriginal()
    {
        await using var store = NewStore();
        var owner = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-L1"));

        var first = await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Gbp(10m), "k1"));
        var second = await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Gbp(99m), "k1"));

        Assert.False(first.IsReplay);
        Assert.True(second.IsReplay);
        Assert.Equal(first.Transaction.Id, second.Transaction.Id);
        Assert.Equal(10m, second.Transaction.Amount.Amount);
        var head = await store.Ledgers.GetHeadAsync(owner);
        Assert.Equal(new LedgerHead(owner, new Money(10m, Currency.GBP), 1), head);
        Assert.Single(await store.Ledgers.GetTransactionsAsync(owner));
        Assert.Equal(first.Transaction.Id, (await store.Ledgers.FindByIdempotencyKeyAsync(owner, "k1"))!.Id);
        Assert.Null(await store.Ledgers.FindByIdempotencyKeyAsync(owner, "k2"));
    }

    /// <summary>Callers racing with one key leave one entry and all see it.</summary>
    [Fact]
    public async Task Ledger_RacingAppendsWithOneKey_LeaveOneEntryThatEveryCallerSees()
    {
        await using var store = NewStore();
        var owner = LedgerOwner.ForCustomer(Billing.Core.Customers.CustomerId.From("CUS-RACE"));
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.Payment, Gbp(5m + i), "same-key"));
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(racers);

        var stored = Assert.Single(await store.Ledgers.GetTransactionsAsync(owner));
        Assert.All(outcomes, o => Assert.Equal(stored.Id, o.Transaction.Id));
        Assert.Single(outcomes, o => !o.IsReplay);
        Assert.Equal(stored.FundsEffect.Amount, (await store.Ledgers.GetHeadAsync(owner))!.Value.Funds.Amount);
    }

    /// <summary>A foreign-currency top-up is converted with the rate in force, which is recorded; a missing rate writes nothing.</summary>
    [Fact]
    public async Task Ledger_ForeignCurrency_IsConvertedWithTheRateInForceAndMissingRateWritesNothing()
    {
        await using var store = NewStore();
        var owner = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-FX"));
        var rates = ExchangeRateTable.From(
        [
            new ExchangeRate(Currency.EUR, Currency.GBP, 0.80m, Now - Duration.FromDays(30)),
            new ExchangeRate(Currency.EUR, Currency.GBP, 0.85m, Now - Duration.FromDays(1)),
            new ExchangeRate(Currency.EUR, Currency.GBP, 0.90m, Now + Duration.FromDays(1)),
        ]);

        var outcome = await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Money.Of(10.01m, "EUR"), "fx"), rates);

        Assert.Equal(Gbp(8.51m), outcome.Transaction.LedgerAmount); // 8.5085 rounded half away from zero
        Assert.Equal(Money.Of(10.01m, "EUR"), outcome.Transaction.Amount);
        Assert.Equal(0.85m, outcome.Transaction.ExchangeRate!.Value.Rate);
        await Assert.ThrowsAsync<BillingRuleException>(
            async () => await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Money.Of(1m, "USD"), "usd"), rates));
        await Assert.ThrowsAsync<BillingRuleException>(
            async () => await store.Ledgers.AppendAsync(owner, Currency.EUR, Request(TransactionKind.TopUp, Money.Of(1m, "EUR"), "eur")));
        Assert.Equal(1, (await store.Ledgers.GetHeadAsync(owner))!.Value.Count);
    }

    /// <summary>A prepaid account may be charged down to exactly zero, and not a minor unit further; a decline writes nothing.</summary>
    [Fact]
    public async Task Charge_PrepaidAccount_PassesAtExactlyZeroAndDeclinesBeyond()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var customer = (await store.CreateCustomerAsync(root, model: BalanceModel.Prepaid, openingFunds: 100m)).Customer;
        var card = await store.CreateAccountAsync(customer, BalanceModel.Prepaid);
        await store.Charges.PostAsync(LedgerOwner.ForAccount(card.Id), TransactionKind.TopUp, Gbp(10m), "top-up", Now);

        var exact = await store.Charges.ChargeAsync(card.Id, Gbp(10m), "call-1", Now);
        var over = await store.Charges.ChargeAsync(card.Id, Gbp(0.01m), "call-2", Now);

        Assert.True(exact.IsApproved);
        Assert.False(over.IsApproved);
        Assert.Equal(DeclineReason.InsufficientFunds, over.Decision.Reason);
        Assert.Equal(0, over.Decision.DecliningLevelIndex);
        Assert.Equal(LedgerOwner.ForAccount(card.Id), over.Decision.DecliningOwner);
        Assert.Null(over.Transaction);
        Assert.Equal(Gbp(0m), (await store.Charges.BalanceAsync(LedgerOwner.ForAccount(card.Id))).Amount);
        Assert.Equal(Gbp(90m), (await store.Charges.BalanceAsync(LedgerOwner.ForCustomer(customer.Id))).Amount);
        Assert.Null(await store.Ledgers.FindByIdempotencyKeyAsync(LedgerOwner.ForAccount(card.Id), "call-2"));
        Assert.Null(await store.Ledgers.FindByIdempotencyKeyAsync(LedgerOwner.ForCustomer(customer.Id), "call-2"));
    }

    /// <summary>In a four-level reseller chain the middle level's limit declines, and nothing is written at any level.</summary>
    [Fact]
    public async Task Charge_ResellerChain_MiddleLevelLimitDeclinesAndNothingIsWritten()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var reseller = (await store.CreateCustomerAsync(root, "Reseller", creditLimit: 1000m)).Customer;
        var subReseller = (await store.CreateCustomerAsync(reseller, "Sub-reseller", creditLimit: 50m)).Customer;
        var end = await store.CreateCustomerAsync(subReseller, "End customer", creditLimit: 500m);
        var account = end.DefaultAccount.Id;

        var chain = await store.Charges.ChainAsync(account);
        Assert.Equal(
            [LedgerOwner.ForAccount(account), LedgerOwner.ForCustomer(end.Customer.Id), LedgerOwner.ForCustomer(subReseller.Id), LedgerOwner.ForCustomer(reseller.Id)],
            chain.Select(l => l.Owner));

        Assert.True((await store.Charges.ChargeAsync(account, Gbp(50m), "c1", Now)).IsApproved); // the sub-reseller is now exactly at its limit
        var declined = await store.Charges.ChargeAsync(account, Gbp(0.01m), "c2", Now);

        Assert.Equal(DeclineReason.CreditLimitExceeded, declined.Decision.Reason);
        Assert.Equal(2, declined.Decision.DecliningLevelIndex);
        Assert.Equal(LedgerOwner.ForCustomer(subReseller.Id), declined.Decision.DecliningOwner);
        foreach (var level in chain)
        {
            var transactions = await store.Ledgers.GetTransactionsAsync(level.Owner);
            Assert.Equal("c1", Assert.Single(transactions).IdempotencyKey);
            Assert.Equal(-50m, (await store.Ledgers.GetHeadAsync(level.Owner))!.Value.Funds.Amount);
        }

        Assert.Equal(Gbp(0m), await store.Charges.HeadroomAsync(account));
    }

    /// <summary>Headroom is the largest charge that passes: it passes, one minor unit more does not.</summary>
    [Fact]
    public async Task Headroom_IsTheLargestChargeThatPasses()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var reseller = (await store.CreateCustomerAsync(root, "Reseller", creditLimit: 80m)).Customer;
        var customer = await store.CreateCustomerAsync(reseller, model: BalanceModel.Prepaid, openingFunds: 100m);
        var account = customer.DefaultAccount.Id;
        Assert.True((await store.Charges.ChargeAsync(account, Gbp(12.345m), "c1", Now)).IsApproved);

        var headroom = await store.Charges.HeadroomAsync(account);

        Assert.Equal(Gbp(67.655m), headroom);
        Assert.False((await store.Charges.ChargeAsync(account, headroom!.Value + Gbp(0.01m), "too-much", Now)).IsApproved);
        Assert.True((await store.Charges.ChargeAsync(account, headroom.Value, "exact", Now)).IsApproved);
        Assert.Equal(Gbp(0m), await store.Charges.HeadroomAsync(account));
    }

    /// <summary>Replaying a charge's key returns the original and changes nothing, even if the amount differs.</summary>
    [Fact]
    public async Task Charge_ReplayedKey_ReturnsTheOriginalAndChangesNothing()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var customer = await store.CreateCustomerAsync(root, creditLimit: 100m);
        var account = customer.DefaultAccount.Id;

        var first = await store.Charges.ChargeAsync(account, Gbp(30m), "usage-1", Now);
        var again = await store.Charges.ChargeAsync(account, Gbp(70m), "usage-1", Now);

        Assert.False(first.IsReplay);
        Assert.True(again.IsReplay);
        Assert.Equal(first.Transaction!.Id, again.Transaction!.Id);
        Assert.Equal(Gbp(30m), (await store.Charges.BalanceAsync(LedgerOwner.ForCustomer(customer.Customer.Id))).Amount);
        Assert.Single(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(account)));
    }

    /// <summary>A key already used by another transaction on a parent ledger is refused, and nothing is written.</summary>
    [Fact]
    public async Task Charge_KeyUsedOnAParentLedgerOnly_IsRefusedAndWritesNothing()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var customer = await store.CreateCustomerAsync(root);
        await store.Charges.PostAsync(LedgerOwner.ForCustomer(customer.Customer.Id), TransactionKind.Payment, Gbp(5m), "shared", Now);

        await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Charges.ChargeAsync(customer.DefaultAccount.Id, Gbp(1m), "shared", Now));

        Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(customer.DefaultAccount.Id)));
        Assert.Single(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(customer.Customer.Id)));
    }

    /// <summary>A suspended customer declines every charge on its accounts; a credit limit lowered below what is owed blocks further charges.</summary>
    [Fact]
    public async Task Charge_SuspendedCustomerOrLimitLoweredBelowOwed_Declines()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var created = await store.CreateCustomerAsync(root, creditLimit: 100m);
        var account = created.DefaultAccount.Id;
        Assert.True((await store.Charges.ChargeAsync(account, Gbp(60m), "c1", Now)).IsApproved);

        var customer = (await store.Customers.FindAsync(created.Customer.Id))!;
        customer = await store.Customers.UpdateAsync(customer.WithCreditLimit(Gbp(50m)));
        var overLimit = await store.Charges.ChargeAsync(account, Gbp(0.01m), "c2", Now);
        Assert.Equal(DeclineReason.CreditLimitExceeded, overLimit.Decision.Reason);
        Assert.Equal(Gbp(60m), (await store.Charges.BalanceAsync(LedgerOwner.ForCustomer(customer.Id))).Amount);

        await store.Customers.UpdateAsync(customer.WithCreditLimit(null).Suspend());
        var suspended = await store.Charges.ChargeAsync(account, Gbp(0.01m), "c3", Now);
        Assert.Equal(DeclineReason.Suspended, suspended.Decision.Reason);
        Assert.Equal(1, suspended.Decision.DecliningLevelIndex);
    }

    /// <summary>The stored head always equals the sum of the stored transactions.</summary>
    [Fact]
    public async Task Ledger_HeadEqualsTheSumOfItsTransactions()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var customer = await store.CreateCustomerAsync(root, model: BalanceModel.Prepaid, openingFunds: 20m);
        var owner = LedgerOwner.ForCustomer(customer.Customer.Id);
        await store.Charges.PostAsync(owner, TransactionKind.Credit, Gbp(2.5m), "credit", Now);
        await store.Charges.PostAsync(owner, TransactionKind.Debit, Gbp(1.25m), "debit", Now);
        await store.Charges.PostAsync(owner, TransactionKind.Refund, Gbp(0.75m), "refund", Now);
        await store.Charges.ChargeAsync(customer.DefaultAccount.Id, Gbp(3.333m), "charge", Now);

        var transactions = await store.Ledgers.GetTransactionsAsync(owner);
        var head = (await store.Ledgers.GetHeadAsync(owner))!.Value;

        Assert.Equal(5, transactions.Count);
        Assert.Equal(transactions.Sum(t => t.FundsEffect.Amount), head.Funds.Amount);
        Assert.Equal(20m + 2.5m - 1.25m - 0.75m - 3.333m, head.Funds.Amount);
        Assert.Equal(Gbp(17.167m), (await store.Charges.BalanceAsync(owner)).Amount);
    }

    /// <summary>
    /// One idempotency key used in ledgers that share nothing is kept apart per ledger: each holds its own entry, a replay finds
    /// that ledger's original, and a charge whose chain already holds the key elsewhere is refused.
    /// </summary>
    [Fact]
    public async Task Ledger_OneKeyInDisjointLedgers_IsKeptApartPerLedger()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var a = await store.CreateCustomerAsync(root);
        var b = await store.CreateCustomerAsync(root);
        var c = await store.CreateCustomerAsync(root);
        var accountA = LedgerOwner.ForAccount(a.DefaultAccount.Id);
        var accountB = LedgerOwner.ForAccount(b.DefaultAccount.Id);
        var customerC = LedgerOwner.ForCustomer(c.Customer.Id);

        var chargeA = await store.Charges.ChargeAsync(a.DefaultAccount.Id, Gbp(1m), "k", Now);
        var chargeB = await store.Charges.ChargeAsync(b.DefaultAccount.Id, Gbp(2m), "k", Now);
        var paymentC = await store.Charges.PostAsync(customerC, TransactionKind.Payment, Gbp(3m), "k", Now);

        Assert.False(chargeA.IsReplay);
        Assert.False(chargeB.IsReplay);
        Assert.False(paymentC.IsReplay);
        Assert.NotEqual(chargeA.Transaction!.Id, chargeB.Transaction!.Id);
        Assert.Equal(chargeA.Transaction.Id, (await store.Ledgers.FindByIdempotencyKeyAsync(accountA, "k"))!.Id);
        Assert.Equal(chargeB.Transaction.Id, (await store.Ledgers.FindByIdempotencyKeyAsync(accountB, "k"))!.Id);
        Assert.Equal(chargeB.Transaction.Id, (await store.Ledgers.FindByIdempotencyKeyAsync(LedgerOwner.ForCustomer(b.Customer.Id), "k"))!.Id);
        Assert.Equal(paymentC.Transaction.Id, (await store.Ledgers.FindByIdempotencyKeyAsync(customerC, "k"))!.Id);
        Assert.Equal(TransactionKind.Payment, (await store.Ledgers.FindByIdempotencyKeyAsync(customerC, "k"))!.Kind);

        var replayB = await store.Charges.ChargeAsync(b.DefaultAccount.Id, Gbp(9m), "k", Now);
        Assert.True(replayB.IsReplay);
        Assert.Equal(chargeB.Transaction.Id, replayB.Transaction!.Id);
        Assert.Equal(Gbp(2m), replayB.Transaction.Amount);
        var replayC = await store.Charges.PostAsync(customerC, TransactionKind.Payment, Gbp(9m), "k", Now);
        Assert.True(replayC.IsReplay);
        Assert.Equal(paymentC.Transaction.Id, replayC.Transaction.Id);

        // A second account of customer A has the key in no ledger of its own, but its customer's ledger holds it.
        var secondOfA = await store.CreateAccountAsync(a.Customer, BalanceModel.Postpaid);
        await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Charges.ChargeAsync(secondOfA.Id, Gbp(4m), "k", Now));
        Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(secondOfA.Id)));
        Assert.Equal(Gbp(1m), (await store.Charges.BalanceAsync(LedgerOwner.ForCustomer(a.Customer.Id))).Amount);
        Assert.Equal(Gbp(2m), (await store.Charges.BalanceAsync(LedgerOwner.ForCustomer(b.Customer.Id))).Amount);
    }

    /// <summary>A ledger with thousands of entries reads back every one, in the order written, and its head is their exact sum.</summary>
    [Fact]
    public async Task Ledger_ThousandsOfEntries_ReadBackInOrderWithTheExactSum()
    {
        const int count = 2_500;
        await using var store = NewStore();
        var owner = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-LONG"));
        for (var i = 1; i <= count; i++)
        {
            await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Gbp(i / 100m), $"t{i}"));
        }

        var transactions = await store.Ledgers.GetTransactionsAsync(owner);
        Assert.Equal(count, transactions.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"t{i + 1}", transactions[i].IdempotencyKey);
            Assert.Equal(Gbp((i + 1) / 100m), transactions[i].Amount);
        }

        // 0.01 + 0.02 + … + 25.00 = 2,500 × 2,501 / 2 pence.
        Assert.Equal(new LedgerHead(owner, new Money(31_262.50m, Currency.GBP), count), await store.Ledgers.GetHeadAsync(owner));
        Assert.Equal(Gbp(17.29m), (await store.Ledgers.FindByIdempotencyKeyAsync(owner, "t1729"))!.Amount);
    }

    /// <summary>An append refused for a missing rate, and a declined charge, leave their keys free: the same key then writes.</summary>
    [Fact]
    public async Task Ledger_RefusedAppendOrDeclinedCharge_LeavesTheKeyFree()
    {
        await using var store = NewStore();
        var owner = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-FREE"));
        await Assert.ThrowsAsync<BillingRuleException>(
            async () => await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Money.Of(1m, "USD"), "k1")));
        Assert.Null(await store.Ledgers.FindByIdempotencyKeyAsync(owner, "k1"));
        var written = await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Gbp(2m), "k1"));
        Assert.False(written.IsReplay);
        Assert.Equal(new LedgerHead(owner, new Money(2m, Currency.GBP), 1), await store.Ledgers.GetHeadAsync(owner));

        var root = await store.CreateRootAsync();
        var customer = (await store.CreateCustomerAsync(root, model: BalanceModel.Prepaid, openingFunds: 100m)).Customer;
        var card = await store.CreateAccountAsync(customer, BalanceModel.Prepaid);
        var declined = await store.Charges.ChargeAsync(card.Id, Gbp(5m), "call", Now);
        Assert.False(declined.IsApproved);
        await store.Charges.PostAsync(LedgerOwner.ForAccount(card.Id), TransactionKind.TopUp, Gbp(5m), "top-up", Now);
        var approved = await store.Charges.ChargeAsync(card.Id, Gbp(5m), "call", Now);
        Assert.True(approved.IsApproved);
        Assert.False(approved.IsReplay);
        Assert.Equal(Gbp(0m), (await store.Charges.BalanceAsync(LedgerOwner.ForAccount(card.Id))).Amount);
        Assert.Equal(approved.Transaction!.Id, (await store.Ledgers.FindByIdempotencyKeyAsync(LedgerOwner.ForCustomer(customer.Id), "call"))!.Id);
    }
}
