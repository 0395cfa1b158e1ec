using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using NodaTime;

namespace Billing.Core.Storage.InMemory.Tests;

/// <summary><see cref="CustomerService.CreateAsync"/> importing customers from another platform over the in-memory store, with a real (fixed) clock.</summary>
public class CustomerServiceImportTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 15, 10, 0);
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public async Task CreateAsync_ImportAnchored31January_GivesTheCurrentPeriodWithoutTouchingTheClock()
    {
        var (services, clock, _) = Build();
        var root = await RootAsync(services);
        var createdAt = new LocalDateTime(2024, 1, 31, 9, 0).InZoneStrictly(London).ToInstant();

        var created = await services.GetRequiredService<CustomerService>().CreateAsync(Request(root) with
        {
            BillingCycle = BillingCycle.MonthlyAnniversary,
            CreatedAt = createdAt,
            CreditLimit = new Money(1000m, Currency.GBP),
            OpeningAmountOwed = new Money(250m, Currency.GBP),
        });

        clock.GetCurrentInstant().ShouldBe(Now);
        created.Customer.BillingCycleAnchor.ShouldBe(new LocalDate(2024, 1, 31));
        var calendar = new BillingCalendar(created.Customer.BillingCycle, created.Customer.BillingCycleAnchor, created.Customer.BillingTimeZone);
        calendar.PeriodContaining(clock.GetCurrentInstant()).ShouldBe(new BillingPeriod(new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 28)));
        var entry = (await services.GetRequiredService<ILedgerStore>().GetTransactionsAsync(LedgerOwner.ForCustomer(created.Customer.Id))).ShouldHaveSingleItem();
        entry.Timestamp.ShouldBe(Now);
        entry.Kind.ShouldBe(TransactionKind.Debit);
        (await services.GetRequiredService<ChargeService>().BalanceAsync(LedgerOwner.ForCustomer(created.Customer.Id))).ShouldBe(Balance.Owed(Money.Of(250m, "GBP")));
    }

    [Fact]
    public async Task CreateAsync_ImportedAgainAfterAFailureThatFollowedTheLedgerWrite_WritesTheOpeningBalanceOnce()
    {
        var (services, _, ledger) = Build();
        var root = await RootAsync(services);
        var customers = services.GetRequiredService<CustomerService>();
        var request = Request(root) with { BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(75m, Currency.GBP), CreatedAt = Now - Duration.FromDays(400) };

        ledger.FailAfterNextAppend = true;
        await Should.ThrowAsync<TimeoutException>(async () => await customers.CreateAsync(request));
        (await services.GetRequiredService<ICustomerRepository>().FindAsync(request.Id!.Value)).ShouldBeNull();

        var created = await customers.CreateAsync(request);
        await Should.ThrowAsync<BillingException>(async () => await customers.CreateAsync(request));

        var owner = LedgerOwner.ForCustomer(created.Customer.Id);
        (await ledger.GetTransactionsAsync(owner)).ShouldHaveSingleItem().Kind.ShouldBe(TransactionKind.TopUp);
        (await services.GetRequiredService<ChargeService>().BalanceAsync(owner)).ShouldBe(Balance.Funds(Money.Of(75m, "GBP")));
    }

    private static NewCustomer Request(Customer root) => new()
    {
        Id = CustomerId.From("IMPORTED-1"),
        Name = "Imported Ltd",
        Email = "accounts@imported.example",
        BillingAddress = StoreUnderTest.Address,
        ParentId = root.Id,
    };

    private static ValueTask<Customer> RootAsync(IServiceProvider services)
        => services.GetRequiredService<CustomerService>().CreateRootAsync(new NewCustomer { Name = "Root", Email = "root@example.com", BillingAddress = StoreUnderTest.Address });

    private static (IServiceProvider Services, FakeClock Clock, LostReplyLedgerStore Ledger) Build()
    {
        var clock = new FakeClock(Now);
        var ledger = new LostReplyLedgerStore(new InMemoryLedgerStore());
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddSingleton<ILedgerStore>(ledger);
        services.AddBillingCore(o =>
        {
            o.Customers.Currency = Currency.GBP;
            o.Customers.BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"];
        }).AddInMemoryBillingStore();
        return (services.BuildServiceProvider(), clock, ledger);
    }

    /// <summary>A ledger store whose next append is written but whose reply is lost, as when a connection drops after the commit.</summary>
    private sealed class LostReplyLedgerStore(ILedgerStore inner) : ILedgerStore
    {
        public bool FailAfterNextAppend { get; set; }

        public ValueTask<LedgerHead?> GetHeadAsync(LedgerOwner owner, CancellationToken cancellationToken = default) => inner.GetHeadAsync(owner, cancellationToken);

        public ValueTask<IReadOnlyList<LedgerTransaction>> GetTransactionsAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
            => inner.GetTransactionsAsync(owner, cancellationToken);

        public ValueTask<LedgerTransaction?> FindByIdempotencyKeyAsync(LedgerOwner owner, string idempotencyKey, CancellationToken cancellationToken = default)
            => inner.FindByIdempotencyKeyAsync(owner, idempotencyKey, cancellationToken);

        public async ValueTask<LedgerAppendOutcome> AppendAsync(LedgerOwner owner, Currency currency, TransactionRequest request, ExchangeRateTable? rates = null, CancellationToken cancellationToken = default)
        {
            var outcome = await inner.AppendAsync(owner, currency, request, rates, cancellationToken);
            if (FailAfterNextAppend)
            {
                FailAfterNextAppend = false;
                throw new TimeoutException("The reply to the append was lost.");
            }

            return outcome;
        }

        public ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default)
            => inner.AuthoriseAndAppendAsync(charge, chain, cancellationToken);
    }
}
