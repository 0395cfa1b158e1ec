using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.PostgreSql.Ledgers;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using NodaTime;

namespace Billing.Core.Storage.PostgreSql.Tests.Ledgers;

public class LedgerWriterRoutingTests
{
    private static readonly LedgerOwner Account = LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From("ACC-1"));
    private static readonly LedgerOwner Customer = LedgerOwner.ForCustomer(CustomerId.From("CUS-1"));
    private static readonly LedgerOwner Reseller = LedgerOwner.ForCustomer(CustomerId.From("RES-1"));

    [Fact]
    public void Top_IsTheLastLevelWithAnOwner()
    {
        LedgerWriterRouting.Top([Level(Account), Level(Customer), Level(Reseller)]).ShouldBe(Reseller);
        LedgerWriterRouting.Top([Level(Account), Level(Customer), default(ChargeLevel)]).ShouldBe(Customer);
        LedgerWriterRouting.Top([Level(Account)]).ShouldBe(Account);
        LedgerWriterRouting.Top([]).ShouldBe(default);
        LedgerWriterRouting.Top([default(ChargeLevel)]).ShouldBe(default);
    }

    [Fact]
    public void Writer_OneOwner_IsAlwaysTheSameWriterInRange()
    {
        for (var writers = 1; writers <= 9; writers++)
        {
            var first = LedgerWriterRouting.Writer(Reseller, writers);
            first.ShouldBeInRange(0, writers - 1);
            LedgerWriterRouting.Writer(LedgerOwner.ForCustomer(CustomerId.From("RES-1")), writers).ShouldBe(first);
        }

        LedgerWriterRouting.Writer(Reseller, 1).ShouldBe(0);
        LedgerWriterRouting.Writer(default, 4).ShouldBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => LedgerWriterRouting.Writer(Reseller, 0)).ParamName.ShouldBe("writers");
    }

    [Fact]
    public void Writer_ManyResellers_SpreadOverEveryWriter()
    {
        var counts = new int[4];
        for (var i = 0; i < 4_000; i++)
        {
            counts[LedgerWriterRouting.Writer(LedgerOwner.ForCustomer(CustomerId.From($"RES-{i}")), 4)]++;
        }

        counts.ShouldAllBe(c => c > 800 && c < 1_200, string.Join(", ", counts));
    }

    private static ChargeLevel Level(LedgerOwner owner) => new(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);
}

/// <summary>The PostgreSQL store with several ledger writers, against a real server.</summary>
[PostgresTest]
public sealed class LedgerWritersTests
{
    private static readonly LedgerOwner Reseller = LedgerOwner.ForCustomer(CustomerId.From("RES-1"));

    /// <summary>
    /// Payments to customers (routed by each customer) and charges under them (routed by their reseller) meet in the customers'
    /// new ledgers through different writers at once: every call succeeds, and every head is the sum of its entries.
    /// </summary>
    [Fact]
    public async Task Writes_MeetingInNewLedgersThroughDifferentWriters_AllSucceedAndHeadsAreSums()
    {
        await using var store = await TestSchema.NewMigratedStoreAsync(new PostgreSqlBillingStoreOptions { LedgerWriters = 4 });
        var at = Instant.FromUtc(2026, 3, 19, 10, 0);
        var customers = Enumerable.Range(0, 12).Select(i => LedgerOwner.ForCustomer(CustomerId.From($"CUS-{i}"))).ToArray();
        var writes = customers.SelectMany((customer, i) => Enumerable.Range(0, 5).SelectMany(n => new Func<Task<bool>>[]
        {
            async () => (await store.Ledgers.AppendAsync(customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Money.Of(2m, "GBP"), at, $"pay-{i}-{n}"))).Transaction is not null,
            async () => (await store.Ledgers.AuthoriseAndAppendAsync(
                new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(1m, "GBP"), at, $"charge-{i}-{n}"),
                [Level(LedgerOwner.ForAccount(Billing.Core.Accounts.AccountId.From($"ACC-{i}"))), Level(customer), Level(Reseller)])).IsApproved,
        }));

        var results = await Task.WhenAll(writes.Select(write => Task.Run(write)));

        results.ShouldAllBe(ok => ok);
        foreach (var owner in customers.Append(Reseller))
        {
            var entries = await store.Ledgers.GetTransactionsAsync(owner);
            var head = (await store.Ledgers.GetHeadAsync(owner))!.Value;
            head.Count.ShouldBe(entries.Count);
            head.Funds.Amount.ShouldBe(entries.Sum(e => e.FundsEffect.Amount));
        }

        (await store.Ledgers.GetHeadAsync(customers[0]))!.Value.Count.ShouldBe(10, "five payments and five charges");
        (await store.Ledgers.GetHeadAsync(Reseller))!.Value.Count.ShouldBe(60);
    }

    private static ChargeLevel Level(LedgerOwner owner) => new(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);
}
