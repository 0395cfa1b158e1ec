using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using NodaTime;

namespace Billing.Core.Storage.InMemory.Tests;

public class ChargeServiceRetryTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(4, 5)]
    public async Task ChargeAsync_ConflictsBelowTheBound_AreRetriedUntilTheChargeGoesThrough(int conflicts, int expectedCalls)
    {
        var (charges, store, account) = await SetUpAsync(conflicts, maxAttempts: 5);

        var outcome = await charges.ChargeAsync(account, Money.Of(1m, "GBP"), "c1", Now);

        outcome.IsApproved.ShouldBeTrue();
        store.AuthoriseCalls.ShouldBe(expectedCalls);
        (await store.GetTransactionsAsync(LedgerOwner.ForAccount(account))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ChargeAsync_ConflictOnEveryAttempt_SurfacesTheConflictAfterTheBoundAndWritesNothing()
    {
        var (charges, store, account) = await SetUpAsync(conflicts: int.MaxValue, maxAttempts: 3);

        await Should.ThrowAsync<ConcurrencyConflictException>(async () => await charges.ChargeAsync(account, Money.Of(1m, "GBP"), "c1", Now));

        store.AuthoriseCalls.ShouldBe(3);
        (await store.GetTransactionsAsync(LedgerOwner.ForAccount(account))).ShouldBeEmpty();
    }

    [Fact]
    public async Task ChargeAsync_UnknownAccount_IsARuleErrorNamingIt()
    {
        var (charges, _, _) = await SetUpAsync(0, 5);
        var ex = await Should.ThrowAsync<BillingRuleException>(async () => await charges.ChargeAsync(Accounts.AccountId.From("NOPE"), Money.Of(1m, "GBP"), "c1", Now));
        ex.Value.ShouldBe("NOPE");
    }

    [Fact]
    public async Task PostAsync_Charge_IsRefusedBecauseChargesMustBeAuthorised()
    {
        var (charges, _, account) = await SetUpAsync(0, 5);
        await Should.ThrowAsync<BillingRuleException>(async () =>
            await charges.PostAsync(LedgerOwner.ForAccount(account), TransactionKind.Charge, Money.Of(1m, "GBP"), "c1", Now));
    }

    private static async Task<(ChargeService Charges, ConflictingLedgerStore Store, Accounts.AccountId Account)> SetUpAsync(int conflicts, int maxAttempts)
    {
        var store = new ConflictingLedgerStore(new InMemoryLedgerStore(), conflicts);
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddSingleton<ILedgerStore>(store);
        services.AddBillingCore(o =>
        {
            o.Customers.Currency = Currency.GBP;
            o.MaxChargeAttempts = maxAttempts;
        }).AddInMemoryBillingStore();
        var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<CustomerService>();
        var root = await customers.CreateRootAsync(new NewCustomer { Name = "Root", Email = "root@example.com", BillingAddress = StoreUnderTest.Address });
        var created = await customers.CreateAsync(new NewCustomer { Name = "C", Email = "c@example.com", BillingAddress = StoreUnderTest.Address, ParentId = root.Id });
        return (provider.GetRequiredService<ChargeService>(), store, created.DefaultAccount.Id);
    }

    /// <summary>A store that reports a concurrent write on its first <c>conflicts</c> authorise calls, writing nothing.</summary>
    private sealed class ConflictingLedgerStore(ILedgerStore inner, int conflicts) : ILedgerStore
    {
        public int AuthoriseCalls { get; private set; }

        public ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default)
        {
            AuthoriseCalls++;
            if (AuthoriseCalls <= conflicts)
            {
                throw new ConcurrencyConflictException("Ledger", chain[0].Owner.ToString(), AuthoriseCalls, AuthoriseCalls + 1);
            }

            return inner.AuthoriseAndAppendAsync(charge, chain, cancellationToken);
        }

        public ValueTask<LedgerHead?> GetHeadAsync(LedgerOwner owner, CancellationToken cancellationToken = default) => inner.GetHeadAsync(owner, cancellationToken);

        public ValueTask<IReadOnlyList<LedgerTransaction>> GetTransactionsAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
            => inner.GetTransactionsAsync(owner, cancellationToken);

        public ValueTask<LedgerTransaction?> FindByIdempotencyKeyAsync(LedgerOwner owner, string idempotencyKey, CancellationToken cancellationToken = default)
            => inner.FindByIdempotencyKeyAsync(owner, idempotencyKey, cancellationToken);

        public ValueTask<LedgerAppendOutcome> AppendAsync(LedgerOwner owner, Currency currency, TransactionRequest request, ExchangeRateTable? rates = null, CancellationToken cancellationToken = default)
            => inner.AppendAsync(owner, currency, request, rates, cancellationToken);
    }
}
