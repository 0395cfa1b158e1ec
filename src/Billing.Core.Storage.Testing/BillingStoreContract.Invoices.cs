using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Invoices: the round trip, one invoice per customer and period, numbers per issuer with no gap and no duplicate (also under
// concurrency), only drafts deleted; and customers listed page by page, as a billing run walks them.
public abstract partial class BillingStoreContract
{
    private static readonly LocalDate InvoiceDay = new(2026, 3, 1);

    /// <summary>A draft with every field set comes back equal, as version 1; a payment applied through an update comes back too.</summary>
    [Fact]
    public async Task Invoice_RoundTrip_ReadsBackEqualAndVersions()
    {
        await using var store = NewStore();
        var (_, customer) = await InvoicedCustomerAsync(store, "INV-C1");
        var draft = InvoiceRecord("INV-0001", customer.Id, Month(2026, 2), 12.34m, tax: 2.47m);

        var added = await store.Invoices.AddAsync(draft);
        Assert.Equal(1, added.Version);
        var found = await store.Invoices.FindAsync(draft.Id);
        Assert.NotNull(found);
        Assert.Equal(draft.ToSnapshot() with { Version = 1 }, found.ToSnapshot());

        var issued = await store.Invoices.IssueAsync(found, customer.ParentId!.Value, InvoiceDay);
        var paid = await store.Invoices.UpdateAsync(issued.ApplyPayment(Money.Of(4.81m, "GBP")));
        Assert.Equal(3, paid.Version);
        var reread = await store.Invoices.FindAsync(draft.Id);
        Assert.NotNull(reread);
        Assert.Equal(InvoiceStatus.PartlyPaid, reread.Status);
        Assert.Equal(Money.Of(4.81m, "GBP"), reread.AmountPaid);
        Assert.Equal(Money.Of(10m, "GBP"), reread.Outstanding);
        Assert.Equal(paid.ToSnapshot(), reread.ToSnapshot());

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await store.Invoices.UpdateAsync(issued.ApplyPayment(Money.Of(1m, "GBP"))));
        Assert.Equal(Money.Of(4.81m, "GBP"), (await store.Invoices.FindAsync(draft.Id))?.AmountPaid);
    }

    /// <summary>A customer has one invoice per period: a second for the same period start is refused and changes nothing; other
    /// periods and other customers are fine.</summary>
    [Fact]
    public async Task Invoice_SecondForSamePeriod_IsRefused()
    {
        await using var store = NewStore();
        var (reseller, customer) = await InvoicedCustomerAsync(store, "INV-C1");
        var other = await store.Customers.AddAsync(CustomerRecord("INV-C2", "Other Ltd", reseller.Id));
        await store.Invoices.AddAsync(InvoiceRecord("INV-A", customer.Id, Month(2026, 2), 5m));

        var e = await Assert.ThrowsAsync<DuplicateEntityException>(
            async () => await store.Invoices.AddAsync(InvoiceRecord("INV-B", customer.Id, Month(2026, 2), 7m)));
        Assert.Equal("Invoice", e.EntityType);
        Assert.Equal("Period", e.Key);
        Assert.Null(await store.Invoices.FindAsync(InvoiceId.From("INV-B")));

        await store.Invoices.AddAsync(InvoiceRecord("INV-C", customer.Id, Month(2026, 1), 7m));
        await store.Invoices.AddAsync(InvoiceRecord("INV-D", other.Id, Month(2026, 2), 7m));
        var id = await Assert.ThrowsAsync<DuplicateEntityException>(
            async () => await store.Invoices.AddAsync(InvoiceRecord("INV-A", other.Id, Month(2026, 3), 7m)));
        Assert.Equal("Id", id.Key);
    }

    /// <summary>Finding by period and listing by customer: oldest period first, whatever the status; other customers' invoices
    /// are not listed.</summary>
    [Fact]
    public async Task Invoice_FindByPeriodAndListByCustomer()
    {
        await using var store = NewStore();
        var (reseller, customer) = await InvoicedCustomerAsync(store, "INV-C1");
        var other = await store.Customers.AddAsync(CustomerRecord("INV-C2", "Other Ltd", reseller.Id));
        await store.Invoices.AddAsync(InvoiceRecord("INV-Z", customer.Id, Month(2026, 3), 3m));
        await store.Invoices.AddAsync(InvoiceRecord("INV-A", customer.Id, Month(2026, 1), 1m));
        var feb = await store.Invoices.AddAsync(InvoiceRecord("INV-M", customer.Id, Month(2026, 2), 2m));
        await store.Invoices.AddAsync(InvoiceRecord("INV-O", other.Id, Month(2026, 2), 9m));
        await store.Invoices.UpdateAsync(feb.Void());

        Assert.Equal(["INV-A", "INV-M", "INV-Z"], (await store.Invoices.ListByCustomerAsync(customer.Id)).Select(i => i.Id.Value));
        Assert.Equal(InvoiceStatus.Void, (await store.Invoices.FindByPeriodAsync(customer.Id, new LocalDate(2026, 2, 1)))?.Status);
        Assert.Equal("INV-O", (await store.Invoices.FindByPeriodAsync(other.Id, new LocalDate(2026, 2, 1)))?.Id.Value);
        Assert.Null(await store.Invoices.FindByPeriodAsync(customer.Id, new LocalDate(2026, 2, 2)));
        Assert.Null(await store.Invoices.FindByPeriodAsync(customer.Id, new LocalDate(2026, 4, 1)));
        Assert.Empty(await store.Invoices.ListByCustomerAsync(reseller.Id));
    }

    /// <summary>Each issuer numbers its invoices 1, 2, 3, … on its own; an issued invoice is stored issued, with the next version.</summary>
    [Fact]
    public async Task Invoice_Issue_NumbersPerIssuerFromOne()
    {
        await using var store = NewStore();
        var (reseller, customer) = await InvoicedCustomerAsync(store, "INV-C1");
        var numbers = new List<string?>();
        foreach (var month in new[] { 1, 2, 3 })
        {
            var draft = await store.Invoices.AddAsync(InvoiceRecord($"INV-{month}", customer.Id, Month(2026, month), month));
            var issued = await store.Invoices.IssueAsync(draft, reseller.Id, InvoiceDay);
            Assert.Equal(2, issued.Version);
            Assert.Equal(InvoiceStatus.Issued, issued.Status);
            Assert.Equal(InvoiceDay, issued.IssuedOn);
            Assert.Equal(reseller.Id, issued.IssuerId);
            var stored = await store.Invoices.FindAsync(draft.Id);
            Assert.Equal(reseller.Id, stored?.IssuerId);
            numbers.Add(stored?.Number);
        }

        Assert.Equal(["1", "2", "3"], numbers);
        var elsewhere = await store.Invoices.AddAsync(InvoiceRecord("INV-X", customer.Id, Month(2026, 4), 1m));
        Assert.Equal("1", (await store.Invoices.IssueAsync(elsewhere, CustomerId.From("INV-C1-ROOT"), InvoiceDay)).Number);
    }

    /// <summary>An issued invoice keeps its issuer when its customer moves to another parent: its number stays one of the first
    /// issuer's, and the new parent numbers the customer's next invoice from its own sequence.</summary>
    [Fact]
    public async Task Invoice_CustomerMovedToAnotherParent_KeepsTheIssuerOfItsIssuedInvoices()
    {
        await using var store = NewStore();
        var (first, customer) = await InvoicedCustomerAsync(store, "INV-M1");
        var second = await store.Customers.AddAsync(CustomerRecord("INV-M1-RES2", "Second reseller", first.ParentId));
        var before = await store.Invoices.IssueAsync(await store.Invoices.AddAsync(InvoiceRecord("INV-M1", customer.Id, Month(2026, 1), 5m)), first.Id, InvoiceDay);

        await store.Customers.UpdateAsync(Customer.Restore(customer.ToSnapshot() with { ParentId = second.Id }));
        var after = await store.Invoices.IssueAsync(await store.Invoices.AddAsync(InvoiceRecord("INV-M2", customer.Id, Month(2026, 2), 5m)), second.Id, InvoiceDay);

        var storedBefore = await store.Invoices.FindAsync(before.Id);
        Assert.Equal((first.Id, "1"), (storedBefore?.IssuerId, storedBefore?.Number));
        var storedAfter = await store.Invoices.FindAsync(after.Id);
        Assert.Equal((second.Id, "1"), (storedAfter?.IssuerId, storedAfter?.Number));
        Assert.Equal([first.Id, second.Id], (await store.Invoices.ListByCustomerAsync(customer.Id)).Select(i => i.IssuerId!.Value));
    }

    /// <summary>An issue that fails — not a draft, or a stale version — writes nothing and uses up no number: the next one issued
    /// takes the number after the last one that was.</summary>
    [Fact]
    public async Task Invoice_IssueThatFails_UsesUpNoNumber()
    {
        await using var store = NewStore();
        var (reseller, customer) = await InvoicedCustomerAsync(store, "INV-C1");
        var first = await store.Invoices.AddAsync(InvoiceRecord("INV-1", customer.Id, Month(2026, 1), 1m));
        var issued = await store.Invoices.IssueAsync(first, reseller.Id, InvoiceDay);

        var twice = await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Invoices.IssueAsync(issued, reseller.Id, InvoiceDay));
        Assert.Equal("Invoice.Status", twice.Field);
        var second = await store.Invoices.AddAsync(InvoiceRecord("INV-2", customer.Id, Month(2026, 2), 1m));
        var stale = await store.Invoices.UpdateAsync(second.Void().WithVersion(second.Version));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await store.Invoices.IssueAsync(second, reseller.Id, InvoiceDay));
        Assert.Equal(InvoiceStatus.Void, (await store.Invoices.FindAsync(second.Id))?.Status);
        Assert.Equal(stale.Version, (await store.Invoices.FindAsync(second.Id))?.Version);

        var third = await store.Invoices.AddAsync(InvoiceRecord("INV-3", customer.Id, Month(2026, 3), 1m));
        Assert.Equal("2", (await store.Invoices.IssueAsync(third, reseller.Id, InvoiceDay)).Number);
    }

    /// <summary>Eight callers issuing at once for one issuer get the numbers 1..N, each once: no gap, no duplicate.</summary>
    [Fact]
    public async Task Invoice_IssueUnderEightConcurrentIssuers_NoGapNoDuplicate()
    {
        const int Callers = 8;
        const int Each = 12;
        await using var store = NewStore();
        var (reseller, _) = await InvoicedCustomerAsync(store, "INV-C0");
        var drafts = new List<Invoice>();
        for (var c = 0; c < Callers; c++)
        {
            var customer = await store.Customers.AddAsync(CustomerRecord($"INV-CC{c}", $"Concurrent {c}", reseller.Id));
            for (var m = 1; m <= Each; m++)
            {
                drafts.Add(await store.Invoices.AddAsync(InvoiceRecord($"INV-{c}-{m}", customer.Id, Month(2025, m), m)));
            }
        }

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            start.Wait();
            var mine = new List<string>();
            foreach (var draft in drafts.Skip(c * Each).Take(Each))
            {
                mine.Add((await store.Invoices.IssueAsync(draft, reseller.Id, InvoiceDay)).Number!);
            }

            return mine;
        })).ToArray();
        start.Set();
        var numbers = (await Task.WhenAll(tasks)).SelectMany(n => n).Select(long.Parse).Order().ToArray();

        Assert.Equal(Enumerable.Range(1, Callers * Each).Select(n => (long)n), numbers);
        var stored = new List<string>();
        foreach (var draft in drafts)
        {
            stored.Add((await store.Invoices.FindAsync(draft.Id))!.Number!);
        }

        Assert.Equal(numbers, stored.Select(long.Parse).Order());
    }

    /// <summary>A draft can be deleted; an issued invoice cannot (it keeps its number), and a customer with invoices cannot be
    /// deleted either.</summary>
    [Fact]
    public async Task Invoice_Delete_OnlyDrafts()
    {
        await using var store = NewStore();
        var (reseller, customer) = await InvoicedCustomerAsync(store, "INV-C1");
        var draft = await store.Invoices.AddAsync(InvoiceRecord("INV-1", customer.Id, Month(2026, 1), 1m));
        var keep = await store.Invoices.AddAsync(InvoiceRecord("INV-2", customer.Id, Month(2026, 2), 1m));
        var issued = await store.Invoices.IssueAsync(keep, reseller.Id, InvoiceDay);

        var refused = await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Invoices.DeleteAsync(issued.Id, issued.Version));
        Assert.Equal("Invoice.Status", refused.Field);
        Assert.Equal("1", (await store.Invoices.FindAsync(issued.Id))?.Number);
        await Assert.ThrowsAsync<ReferencedEntityException>(async () => await store.Customers.DeleteAsync(customer.Id, customer.Version));
        Assert.NotNull(await store.Customers.FindAsync(customer.Id));

        await store.Invoices.DeleteAsync(draft.Id, draft.Version);
        Assert.Null(await store.Invoices.FindAsync(draft.Id));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await store.Invoices.DeleteAsync(draft.Id, draft.Version));
    }

    /// <summary>Walking customers page by page sees every customer exactly once, in the same order the pages give, with a short
    /// last page; a page after an id that is no longer stored continues after it.</summary>
    [Fact]
    public async Task Customers_ListPage_SeesEveryCustomerOnce()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "PAGE-ROOT");
        var expected = new List<string> { root.Id.Value };
        for (var i = 0; i < 23; i++)
        {
            var id = $"PAGE-{(i * 7919) % 101:D3}-é{i}";
            await store.Customers.AddAsync(CustomerRecord(id, $"Paged {i}", root.Id));
            expected.Add(id);
        }

        var seen = new List<string>();
        var pages = 0;
        CustomerId? after = null;
        while (true)
        {
            var page = await store.Customers.ListPageAsync(after, 5);
            pages++;
            Assert.True(page.Count <= 5, $"a page of {page.Count} for a limit of 5");
            seen.AddRange(page.Select(c => c.Id.Value));
            if (page.Count < 5)
            {
                break;
            }

            after = page[^1].Id;
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Count, await store.Customers.CountAsync());
        Assert.Equal(5, pages);

        var removed = await store.Customers.FindAsync(CustomerId.From(seen[7]));
        await store.Customers.DeleteAsync(removed!.Id, removed.Version);
        var resumed = await store.Customers.ListPageAsync(removed.Id, 100);
        Assert.Equal(seen.Skip(8), resumed.Select(c => c.Id.Value));
        Assert.Equal(expected.Count - 1, await store.Customers.CountAsync());
        Assert.Equal(seen[0], (await store.Customers.ListPageAsync(null, 1)).Single().Id.Value);
    }

    /// <summary>A page size outside 1..MaxPageSize is a caller's error.</summary>
    [Fact]
    public async Task Customers_ListPage_RejectsPageSizeOutOfRange()
    {
        await using var store = NewStore();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.Customers.ListPageAsync(null, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.Customers.ListPageAsync(null, ICustomerRepository.MaxPageSize + 1));
        Assert.Empty(await store.Customers.ListPageAsync(null, ICustomerRepository.MaxPageSize));
    }

    /// <summary>A root, a reseller below it, and a customer of the reseller, stored.</summary>
    private static async Task<(Customer Reseller, Customer Customer)> InvoicedCustomerAsync(StoreUnderTest store, string id)
    {
        var root = await AddRootRecordAsync(store, id + "-ROOT");
        var reseller = await store.Customers.AddAsync(CustomerRecord(id + "-RES", "Reseller " + id, root.Id));
        var customer = await store.Customers.AddAsync(CustomerRecord(id, "Customer " + id, reseller.Id));
        return (reseller, customer);
    }

    private static BillingPeriod Month(int year, int month)
    {
        var start = new LocalDate(year, month, 1);
        return new BillingPeriod(start, start.PlusMonths(1));
    }

    /// <summary>A draft of one fee line (with a hostile name) and the given tax, built from its stored fields.</summary>
    private static Invoice InvoiceRecord(string id, CustomerId customer, BillingPeriod period, decimal amount, decimal tax = 0m)
    {
        var gbp = Currency.FromCode("GBP");
        var days = period.LengthInDays;
        var line = new InvoiceLine
        {
            OwnerKind = ChargeOwnerKind.Account,
            OwnerId = "ACC-" + id,
            AccountId = null,
            FeatureId = FeatureId.From("RENTAL"),
            Name = "Line rental — O'Brien's \"plan\"; DROP TABLE invoices; --",
            Kind = FeatureKind.Recurring,
            Proration = Proration.ByDay,
            Quantity = 1,
            UnitAmount = new Money(amount, gbp),
            ActiveDays = days,
            PeriodDays = days,
            Amount = new Money(amount, gbp),
            IdempotencyKey = $"charge:account:ACC-{id}:RENTAL:{period.Start:yyyy-MM-dd}",
        };
        return Invoice.Restore(new InvoiceSnapshot
        {
            Id = InvoiceId.From(id),
            CustomerId = customer,
            Period = period,
            Currency = gbp,
            Lines = [line],
            Subtotal = new Money(amount, gbp),
            Tax = new Money(tax, gbp),
            Total = new Money(amount + tax, gbp),
            DueDate = period.EndExclusive.PlusDays(29),
            Status = InvoiceStatus.Draft,
            AmountPaid = Money.Zero(gbp),
            Version = 0,
        });
    }
}
