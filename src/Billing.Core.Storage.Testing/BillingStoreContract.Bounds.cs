using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Amounts at the edge of what a ledger can hold: every decision is computed before anything is written, so a charge or posting
// that cannot be represented declines or is refused and leaves every ledger exactly as it was (docs/storage.md).
public abstract partial class BillingStoreContract
{
    /// <summary>A chain that names one ledger twice is refused, with nothing written.</summary>
    [Fact]
    public async Task Charge_ChainNamingALedgerTwice_IsRefusedAndWritesNothing()
    {
        await using var store = NewStore();
        var owner = LedgerOwner.ForCustomer(CustomerId.From("CUS-TWICE"));
        var level = new ChargeLevel(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);

        var refused = await Assert.ThrowsAsync<BillingRuleException>(
            async () => await store.Ledgers.AuthoriseAndAppendAsync(Request(TransactionKind.Charge, Gbp(1m), "twice"), [level, level]));

        Assert.Equal("ChargeLevel.Owner", refused.Field);
        Assert.Null(await store.Ledgers.GetHeadAsync(owner));
    }

    /// <summary>A level whose stored ledger is kept in another currency refuses the charge, with nothing written anywhere.</summary>
    [Fact]
    public async Task Charge_LedgerKeptInAnotherCurrencyThanItsLevel_IsRefusedAndWritesNothing()
    {
        await using var store = NewStore();
        var account = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-CUR"));
        var customer = LedgerOwner.ForCustomer(CustomerId.From("CUS-CUR"));
        await store.Ledgers.AppendAsync(customer, Currency.EUR, Request(TransactionKind.TopUp, Money.Of(5m, "EUR"), "eur"));

        var refused = await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Ledgers.AuthoriseAndAppendAsync(
            Request(TransactionKind.Charge, Gbp(1m), "c"),
            [Level(account, BalanceModel.Postpaid), Level(customer, BalanceModel.Postpaid)]));

        Assert.Equal("Ledger.Currency", refused.Field);
        Assert.Null(await store.Ledgers.GetHeadAsync(account));
        Assert.Equal(1, (await store.Ledgers.GetHeadAsync(customer))!.Value.Count);
    }

    /// <summary>
    /// Two customers without limits under one reseller, each charged more than half of <see cref="Money.MaxAmount"/>: the second
    /// charge would take the reseller's amount owed beyond what a ledger holds, so it declines at the reseller, writes nothing at
    /// any level, and a retry with its key declines again instead of answering "replayed".
    /// </summary>
    [Fact]
    public async Task Charge_ResellerOwedBeyondTheBound_DeclinesAndWritesNothingAtAnyLevel()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var reseller = (await store.CreateCustomerAsync(root, "Reseller")).Customer;
        var first = await store.CreateCustomerAsync(reseller, "First");
        var second = await store.CreateCustomerAsync(reseller, "Second");
        var huge = Gbp(Money.MaxAmount * 0.6m);

        Assert.True((await store.Charges.ChargeAsync(first.DefaultAccount.Id, huge, "h1", Now)).IsApproved);
        var declined = await store.Charges.ChargeAsync(second.DefaultAccount.Id, huge, "h2", Now);
        var retried = await store.Charges.ChargeAsync(second.DefaultAccount.Id, huge, "h2", Now);

        Assert.Equal(DeclineReason.BalanceOutOfRange, declined.Decision.Reason);
        Assert.Equal(LedgerOwner.ForCustomer(reseller.Id), declined.Decision.DecliningOwner);
        Assert.False(retried.IsApproved);
        Assert.False(retried.IsReplay);
        Assert.Null(await store.Ledgers.GetHeadAsync(LedgerOwner.ForAccount(second.DefaultAccount.Id)));
        Assert.Null(await store.Ledgers.GetHeadAsync(LedgerOwner.ForCustomer(second.Customer.Id)));
        foreach (var owner in new[] { LedgerOwner.ForAccount(first.DefaultAccount.Id), LedgerOwner.ForCustomer(first.Customer.Id), LedgerOwner.ForCustomer(reseller.Id) })
        {
            await AssertHeadIsTheSumAsync(store, owner, expectedCount: 1);
        }
    }

    /// <summary>A charge as large as any amount can be, on a limited postpaid account, declines on the limit instead of throwing.</summary>
    [Fact]
    public async Task Charge_HugeAmountOnALimitedPostpaidAccount_DeclinesOnTheLimit()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var customer = await store.CreateCustomerAsync(root, creditLimit: 100m);

        var outcome = await store.Charges.ChargeAsync(customer.DefaultAccount.Id, Gbp(Money.MaxAmount), "max", Now);

        Assert.Equal(DeclineReason.CreditLimitExceeded, outcome.Decision.Reason);
        Assert.Null(await store.Ledgers.GetHeadAsync(LedgerOwner.ForCustomer(customer.Customer.Id)));
    }

    /// <summary>A top-up that would take the funds beyond the bound is refused before anything is written, and its key stays free.</summary>
    [Fact]
    public async Task Post_TopUpBeyondTheBound_IsRefusedAndLeavesTheLedgerAndKeyAsTheyWere()
    {
        await using var store = NewStore();
        var owner = LedgerOwner.ForCustomer(CustomerId.From("CUS-MAX"));
        await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Gbp(Money.MaxAmount), "max"));

        var refused = await Assert.ThrowsAsync<BillingRuleException>(
            async () => await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Gbp(0.01m), "one-more")));

        Assert.Equal("Ledger.Funds", refused.Field);
        Assert.Null(await store.Ledgers.FindByIdempotencyKeyAsync(owner, "one-more"));
        await AssertHeadIsTheSumAsync(store, owner, expectedCount: 1);

        // The key is free: once there is room, the same key is written.
        await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.Debit, Gbp(1m), "room"));
        Assert.False((await store.Ledgers.AppendAsync(owner, Currency.GBP, Request(TransactionKind.TopUp, Gbp(0.01m), "one-more"))).IsReplay);
        await AssertHeadIsTheSumAsync(store, owner, expectedCount: 3);
    }

    /// <summary>
    /// Hundreds of random charges and postings with amounts from a thousandth of a penny up to the bound, over random chains of up
    /// to four levels sharing ancestors: whatever is approved, declined or refused, no store call throws anything but a
    /// <see cref="BillingRuleException"/>, a refusal or decline changes nothing, and every head equals the sum of its entries.
    /// </summary>
    [Fact]
    public async Task Ledger_RandomHugeAmountsOverRandomChains_KeepEveryHeadEqualToItsSum()
    {
        await using var store = NewStore();
        var random = new Random(20261202);
        var owners = Enumerable.Range(0, 6).Select(i => LedgerOwner.ForCustomer(CustomerId.From($"CUS-R{i}"))).ToArray();
        var models = owners.Select((_, i) => i % 3 == 0 ? BalanceModel.Prepaid : BalanceModel.Postpaid).ToArray();
        decimal[] scales = [0.00001m, 0.01m, 1m, 1_000m, Money.MaxAmount / 1_000m, Money.MaxAmount / 3m, Money.MaxAmount / 2m, Money.MaxAmount];
        for (var step = 0; step < 400; step++)
        {
            var amount = Gbp(decimal.Round(scales[random.Next(scales.Length)] * (decimal)random.NextDouble(), 5) + 0.00001m);
            var key = "r" + random.Next(300);
            var before = await HeadsAsync(store, owners);
            try
            {
                if (random.Next(3) == 0)
                {
                    var owner = random.Next(owners.Length);
                    var kind = (TransactionKind)random.Next(1, 7);
                    await store.Ledgers.AppendAsync(owners[owner], Currency.GBP, Request(kind, amount, key));
                }
                else
                {
                    var levels = owners.Select((o, i) => (o, i)).OrderBy(_ => random.Next()).Take(random.Next(1, 5))
                        .Select(x => Level(x.o, models[x.i], limit: x.i % 3 == 1 ? Gbp(Money.MaxAmount / 2m) : null)).ToArray();
                    var outcome = await store.Ledgers.AuthoriseAndAppendAsync(Request(TransactionKind.Charge, amount, key), levels);
                    if (!outcome.IsApproved || outcome.IsReplay)
                    {
                        Assert.Equal(before, await HeadsAsync(store, owners));
                    }
                }
            }
            catch (BillingRuleException)
            {
                Assert.Equal(before, await HeadsAsync(store, owners));
            }
        }

        foreach (var owner in owners)
        {
            await AssertHeadIsTheSumAsync(store, owner, expectedCount: null);
        }
    }

    private static ChargeLevel Level(LedgerOwner owner, BalanceModel model, Money? limit = null)
        => new(owner, model, Currency.GBP, model == BalanceModel.Postpaid ? limit : null, BillingStatus.Active);

    private static async Task<LedgerHead?[]> HeadsAsync(StoreUnderTest store, LedgerOwner[] owners)
    {
        var heads = new LedgerHead?[owners.Length];
        for (var i = 0; i < owners.Length; i++)
        {
            heads[i] = await store.Ledgers.GetHeadAsync(owners[i]);
        }

        return heads;
    }

    private static async Task AssertHeadIsTheSumAsync(StoreUnderTest store, LedgerOwner owner, long? expectedCount)
    {
        var transactions = await store.Ledgers.GetTransactionsAsync(owner);
        var head = await store.Ledgers.GetHeadAsync(owner);
        if (transactions.Count == 0)
        {
            Assert.Null(head);
            return;
        }

        Assert.NotNull(head);
        Assert.Equal(transactions.Count, head.Value.Count);
        Assert.Equal(transactions.Sum(t => t.FundsEffect.Amount), head.Value.Funds.Amount);
        Assert.InRange(head.Value.Funds.Amount, -Money.MaxAmount, Money.MaxAmount);
        if (expectedCount is { } count)
        {
            Assert.Equal(count, head.Value.Count);
        }
    }
}
