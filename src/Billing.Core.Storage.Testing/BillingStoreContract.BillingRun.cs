using Billing.Core.Accounts;
using Billing.Core.BillingRuns;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Payments;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// The billing run and payments over the store: a closed period invoiced, numbered and posted to the chain; a rerun writes
// nothing new; the closing delay waited for; a failing customer recorded while the others are billed; a draft left by a crash
// finished; payments allocated oldest first and the suspension rule read from stored invoices.
public abstract partial class BillingStoreContract
{
    private static readonly Instant FebruaryFirst = Instant.FromUtc(2026, 2, 1, 0, 0);

    /// <summary>January closes on 1 February (London, UTC in winter): the run invoices it (line rental 12.00 from the 10th: 22 of
    /// 31 days → 8.52), numbers it 1 in the reseller's sequence, and posts it to the account, the customer and the reseller —
    /// never to the root.</summary>
    [Fact]
    public async Task BillingRun_BillsTheClosedPeriod_IssuesAndPostsToTheChain()
    {
        await using var store = NewStore();
        var (root, reseller, customer, account) = await BilledCustomerAsync(store, "RUN-1");

        var result = await store.BillingRun.RunAsync(FebruaryFirst);

        Assert.Equal(1, result.InvoicesIssued);
        Assert.Equal(0, result.CustomersFailed);
        Assert.Equal(3, result.CustomersDone);
        var invoice = Assert.Single(await store.Invoices.ListByCustomerAsync(customer.Id));
        Assert.Equal(new LocalDate(2026, 1, 1), invoice.Period.Start);
        Assert.Equal(new LocalDate(2026, 2, 1), invoice.Period.EndExclusive);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        Assert.Equal("1", invoice.Number);
        Assert.Equal(new LocalDate(2026, 2, 1), invoice.IssuedOn);
        Assert.Equal(Money.Of(8.52m, "GBP"), invoice.Total);
        Assert.Equal(new LocalDate(2026, 3, 2), invoice.DueDate);
        foreach (var owner in new[] { LedgerOwner.ForAccount(account.Id), LedgerOwner.ForCustomer(customer.Id), LedgerOwner.ForCustomer(reseller.Id) })
        {
            var posted = Assert.Single(await store.Ledgers.GetTransactionsAsync(owner));
            Assert.Equal(TransactionKind.Charge, posted.Kind);
            Assert.Equal(Money.Of(8.52m, "GBP"), posted.Amount);
            Assert.Equal(invoice.Lines[0].IdempotencyKey, posted.IdempotencyKey);
        }

        Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(root.Id)));
        Assert.Empty(await store.Invoices.ListByCustomerAsync(reseller.Id));
    }

    /// <summary>Running the same instant again, or a later instant inside the same open period, writes nothing new: no invoice,
    /// no number, no ledger transaction.</summary>
    [Fact]
    public async Task BillingRun_RunTwice_WritesNothingNew()
    {
        await using var store = NewStore();
        var (_, reseller, customer, account) = await BilledCustomerAsync(store, "RUN-2");
        await store.BillingRun.RunAsync(FebruaryFirst);
        var invoices = (await store.Invoices.ListByCustomerAsync(customer.Id)).Select(i => i.ToSnapshot()).ToArray();
        var ledgers = await LedgerTextAsync(store, account.Id, customer.Id, reseller.Id);

        var again = await store.BillingRun.RunAsync(FebruaryFirst);
        var later = await store.BillingRun.RunAsync(FebruaryFirst.Plus(Duration.FromDays(20)));

        Assert.Equal(0, again.InvoicesIssued);
        Assert.Equal(0, later.InvoicesIssued);
        Assert.Equal(invoices, (await store.Invoices.ListByCustomerAsync(customer.Id)).Select(i => i.ToSnapshot()));
        Assert.Equal(ledgers, await LedgerTextAsync(store, account.Id, customer.Id, reseller.Id));
    }

    /// <summary>A run a period later bills the next period with the next number; a run three periods on catches up every period
    /// not yet invoiced, in order.</summary>
    [Fact]
    public async Task BillingRun_LaterRuns_BillEachPeriodOnceInOrder()
    {
        await using var store = NewStore();
        var (_, _, customer, account) = await BilledCustomerAsync(store, "RUN-3");
        await store.BillingRun.RunAsync(FebruaryFirst);
        await store.BillingRun.RunAsync(Instant.FromUtc(2026, 4, 30, 12, 0));

        var invoices = await store.Invoices.ListByCustomerAsync(customer.Id);
        Assert.Equal([1, 2, 3], invoices.Select(i => i.Period.Start.Month));
        Assert.Equal(["1", "2", "3"], invoices.Select(i => i.Number));
        Assert.Equal([8.52m, 12m, 12m], invoices.Select(i => i.Total.Amount));
        Assert.Equal(32.52m, (await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(account.Id))).Sum(t => t.Amount.Amount));
    }

    /// <summary>A class's closing delay holds the period back: five hours after January closes a 6-hour delay bills nothing; at
    /// six hours it bills.</summary>
    [Fact]
    public async Task BillingRun_WaitsForTheClassClosingDelay()
    {
        await using var store = NewStore();
        var cls = await store.Classes.AddAsync(
            CustomerClass.Create(CustomerClassId.From("CLS-DELAY"), "Delayed", ClassManager.Administrator).WithClosingDelay(Duration.FromHours(6)));
        var (_, _, customer, _) = await BilledCustomerAsync(store, "RUN-4", cls.Id);

        var early = await store.BillingRun.RunAsync(FebruaryFirst.Plus(Duration.FromHours(5)));
        Assert.Equal(0, early.InvoicesIssued);
        Assert.Empty(await store.Invoices.ListByCustomerAsync(customer.Id));

        var onTime = await store.BillingRun.RunAsync(FebruaryFirst.Plus(Duration.FromHours(6)));
        Assert.Equal(1, onTime.InvoicesIssued);
        Assert.Single(await store.Invoices.ListByCustomerAsync(customer.Id));
    }

    /// <summary>A customer whose first period begins after the run's instant has nothing to bill: it is neither billed nor
    /// failed.</summary>
    [Fact]
    public async Task BillingRun_CustomerWhoseFirstPeriodIsLater_IsHandledWithNothingBilled()
    {
        await using var store = NewStore();
        var (_, reseller, customer, _) = await BilledCustomerAsync(store, "RUN-8");
        var later = await store.Customers.AddAsync(Customer.Restore(CustomerFields("RUN-8-LATER", "Later Ltd", reseller.Id, "GBP") with
        {
            BillingCycleAnchor = new LocalDate(2026, 6, 1),
        }));

        var result = await store.BillingRun.RunAsync(FebruaryFirst);

        Assert.Equal(0, result.CustomersFailed);
        Assert.Equal(4, result.CustomersDone);
        Assert.Single(await store.Invoices.ListByCustomerAsync(customer.Id));
        Assert.Empty(await store.Invoices.ListByCustomerAsync(later.Id));
    }

    /// <summary>A customer whose billing fails (an account whose currency is not the customer's) is recorded with the field its
    /// error names; the other customers are billed.</summary>
    [Fact]
    public async Task BillingRun_FailingCustomer_IsRecordedAndTheRunGoesOn()
    {
        await using var store = NewStore();
        var (_, reseller, good, _) = await BilledCustomerAsync(store, "RUN-5");
        var bad = await store.Customers.AddAsync(CustomerRecord("RUN-5-BAD", "Bad Currency Ltd", reseller.Id));
        await store.Accounts.AddAsync(Account.Create(AccountId.From("RUN-5-BAD-ACC"), bad, "Euro account", currency: Currency.FromCode("EUR"))
            .AttachFeature(Feature.Recurring(FeatureId.From("RENTAL"), "Rental", Money.Of(5m, "EUR"), new LocalDate(2026, 1, 1))));

        var result = await store.BillingRun.RunAsync(FebruaryFirst);

        Assert.Equal(1, result.CustomersFailed);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(bad.Id, failure.CustomerId);
        Assert.Equal(nameof(BillingRuleException), failure.ErrorType);
        Assert.NotNull(failure.Field);
        Assert.Single(await store.Invoices.ListByCustomerAsync(good.Id));
        Assert.Empty(await store.Invoices.ListByCustomerAsync(bad.Id));
    }

    /// <summary>A draft left by a crash between storing and issuing is issued (number 1) and posted by the next run; no second
    /// invoice is made for its period.</summary>
    [Fact]
    public async Task BillingRun_DraftLeftByACrash_IsIssuedAndPostedOnce()
    {
        await using var store = NewStore();
        var (_, reseller, customer, account) = await BilledCustomerAsync(store, "RUN-6");
        var stranded = await store.Invoices.AddAsync(InvoiceRecord("RUN-6-DRAFT", customer.Id, Month(2026, 1), 8.52m));

        var result = await store.BillingRun.RunAsync(FebruaryFirst);

        Assert.Equal(1, result.InvoicesIssued);
        var invoice = Assert.Single(await store.Invoices.ListByCustomerAsync(customer.Id));
        Assert.Equal(stranded.Id, invoice.Id);
        Assert.Equal("1", invoice.Number);
        Assert.Single(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(reseller.Id)));
        Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(account.Id)));
    }

    /// <summary>A payment is recorded once per key and allocated oldest first; the suspension rule reads the stored invoices: due
    /// while January is unpaid past its due date, not due once it is paid.</summary>
    [Fact]
    public async Task Payments_AllocateOldestFirst_AndSuspensionReadsStoredInvoices()
    {
        await using var store = NewStore();
        var (_, _, customer, _) = await BilledCustomerAsync(store, "RUN-7");
        await store.BillingRun.RunAsync(Instant.FromUtc(2026, 3, 1, 0, 0));
        var payments = store.Payments;
        Assert.True((await payments.AssessSuspensionAsync(customer.Id, new LocalDate(2026, 3, 3))).IsDue);

        var first = await payments.PayAsync(customer.Id, Money.Of(10m, "GBP"), "pay-1", Instant.FromUtc(2026, 3, 2, 9, 0));
        var replay = await payments.PayAsync(customer.Id, Money.Of(10m, "GBP"), "pay-1", Instant.FromUtc(2026, 3, 2, 9, 0));

        Assert.False(first.IsReplay);
        Assert.Equal([8.52m, 1.48m], first.Allocations.Select(a => a.Amount.Amount));
        Assert.True(replay.IsReplay);
        Assert.Empty(replay.Allocations);
        var invoices = await store.Invoices.ListByCustomerAsync(customer.Id);
        Assert.Equal([InvoiceStatus.Paid, InvoiceStatus.PartlyPaid], invoices.Select(i => i.Status));
        Assert.Equal(Money.Of(10.52m, "GBP"), invoices[1].Outstanding);
        Assert.False((await payments.AssessSuspensionAsync(customer.Id, new LocalDate(2026, 3, 3))).IsDue);

        var rest = await payments.PayAsync(customer.Id, Money.Of(15m, "GBP"), "pay-2", Instant.FromUtc(2026, 3, 20, 9, 0));
        Assert.Equal(Money.Of(4.48m, "GBP"), rest.Unallocated);
        Assert.All(await store.Invoices.ListByCustomerAsync(customer.Id), i => Assert.Equal(InvoiceStatus.Paid, i.Status));
    }

    /// <summary>A reseller, one of its customers (monthly from 2026-01-01, London, postpaid, 30 days' terms) and an account with
    /// line rental 12.00 from 2026-01-10, stored.</summary>
    private static async Task<(Customer Root, Customer Reseller, Customer Customer, Account Account)> BilledCustomerAsync(
        StoreUnderTest store, string id, CustomerClassId? classId = null)
    {
        var root = await AddRootRecordAsync(store, id + "-ROOT");
        var reseller = await store.Customers.AddAsync(CustomerRecord(id + "-RES", "Reseller " + id, root.Id));
        var customer = await store.Customers.AddAsync(Customer.Restore(CustomerFields(id, "Customer " + id, reseller.Id, "GBP") with { ClassId = classId }));
        var account = await store.Accounts.AddAsync(Account.Create(AccountId.From(id + "-ACC"), customer, "Main")
            .AttachFeature(Feature.Recurring(FeatureId.From("LINE-RENTAL"), "Line rental", Money.Of(12m, "GBP"), new LocalDate(2026, 1, 10))));
        return (root, reseller, customer, account);
    }

    private static async Task<string[]> LedgerTextAsync(StoreUnderTest store, AccountId account, params CustomerId[] customers)
    {
        var owners = customers.Select(LedgerOwner.ForCustomer).Prepend(LedgerOwner.ForAccount(account));
        var text = new List<string>();
        foreach (var owner in owners)
        {
            text.AddRange((await store.Ledgers.GetTransactionsAsync(owner)).Select(t => $"{t.Id} {t}"));
        }

        return [.. text];
    }
}
