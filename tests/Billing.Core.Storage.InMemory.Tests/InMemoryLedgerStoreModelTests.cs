using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Storage.InMemory.Tests;

/// <summary>
/// Random sequences of appends and charges, with keys drawn from a small set so that they repeat within and across ledgers,
/// checked after every step against a plain model of per-ledger keys, counts and sums. Long enough that the key index grows
/// several times.
/// </summary>
public class InMemoryLedgerStoreModelTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 8, 0);
    private static readonly LedgerOwner C1 = LedgerOwner.ForCustomer(CustomerId.From("C1"));
    private static readonly LedgerOwner C2 = LedgerOwner.ForCustomer(CustomerId.From("C2"));
    private static readonly LedgerOwner A1 = LedgerOwner.ForAccount(AccountId.From("A1"));
    private static readonly LedgerOwner A2 = LedgerOwner.ForAccount(AccountId.From("A2"));
    private static readonly LedgerOwner A3 = LedgerOwner.ForAccount(AccountId.From("A3"));
    private static readonly LedgerOwner[] Owners = [A1, A2, A3, C1, C2];
    private static readonly Dictionary<LedgerOwner, LedgerOwner[]> Chains = new()
    {
        [A1] = [A1, C1],
        [A2] = [A2, C1],
        [A3] = [A3, C2],
    };

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 20; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomAppendsAndCharges_AgreeWithAModelOfPerLedgerKeys(int seed)
    {
        var random = new Random(seed);
        var store = new InMemoryLedgerStore();
        var model = Owners.ToDictionary(o => o, _ => new Dictionary<string, (TransactionId Id, decimal Effect)>(StringComparer.Ordinal));
        for (var step = 0; step < 600; step++)
        {
            var key = "k" + random.Next(250);
            var amount = random.Next(1, 1000) / 100m;
            var request = new TransactionRequest(TransactionId.New(), step % 3 == 0 ? TransactionKind.TopUp : TransactionKind.Charge, Money.Of(amount, "GBP"), Now, key);
            if (request.Kind == TransactionKind.Charge)
            {
                var account = new[] { A1, A2, A3 }[random.Next(3)];
                await Charge(store, model, account, request);
            }
            else
            {
                var owner = Owners[random.Next(Owners.Length)];
                var outcome = await store.AppendAsync(owner, Currency.GBP, request);
                if (model[owner].TryGetValue(key, out var original))
                {
                    outcome.IsReplay.ShouldBeTrue();
                    outcome.Transaction.Id.ShouldBe(original.Id);
                }
                else
                {
                    outcome.IsReplay.ShouldBeFalse();
                    model[owner][key] = (request.Id, amount);
                }
            }
        }

        foreach (var owner in Owners)
        {
            var head = (await store.GetHeadAsync(owner)).ShouldNotBeNull();
            head.Count.ShouldBe(model[owner].Count);
            head.Funds.Amount.ShouldBe(model[owner].Values.Sum(v => v.Effect));
            (await store.GetTransactionsAsync(owner)).Select(t => t.IdempotencyKey).ShouldBe(model[owner].Keys, ignoreOrder: true);
            for (var k = 0; k < 250; k++)
            {
                var found = await store.FindByIdempotencyKeyAsync(owner, "k" + k);
                if (model[owner].TryGetValue("k" + k, out var expected))
                {
                    found.ShouldNotBeNull().Id.ShouldBe(expected.Id);
                    found.Owner.ShouldBe(owner);
                }
                else
                {
                    found.ShouldBeNull();
                }
            }
        }
    }

    private static async Task Charge(
        InMemoryLedgerStore store,
        Dictionary<LedgerOwner, Dictionary<string, (TransactionId Id, decimal Effect)>> model,
        LedgerOwner account,
        TransactionRequest charge)
    {
        var chain = Chains[account];
        var levels = chain.Select(o => new ChargeLevel(o, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active)).ToArray();
        var key = charge.IdempotencyKey;
        if (model[account].TryGetValue(key, out var original))
        {
            var replay = await store.AuthoriseAndAppendAsync(charge, levels);
            replay.IsReplay.ShouldBeTrue();
            replay.Transaction!.Id.ShouldBe(original.Id);
        }
        else if (chain.Skip(1).Any(parent => model[parent].ContainsKey(key)))
        {
            (await Should.ThrowAsync<BillingRuleException>(async () => await store.AuthoriseAndAppendAsync(charge, levels)))
                .Field.ShouldBe("TransactionRequest.IdempotencyKey");
        }
        else
        {
            var outcome = await store.AuthoriseAndAppendAsync(charge, levels);
            outcome.IsApproved.ShouldBeTrue();
            outcome.IsReplay.ShouldBeFalse();
            foreach (var level in chain)
            {
                model[level][key] = (charge.Id, -charge.Amount.Amount);
            }
        }
    }
}
