using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Customers: the round trip, names unique among siblings, children, and creation and import through the store.
public abstract partial class BillingStoreContract
{
    /// <summary>A customer with every field set comes back field by field, as version 1, and updates bump the version.</summary>
    [Fact]
    public async Task Customer_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var cls = await store.Classes.AddAsync(ClassWithEveryField("CLS-01", ClassManager.Administrator));
        var data = new Dictionary<string, CustomFieldValue>
        {
            ["VAT number"] = CustomFieldValue.Text("GB123456789"),
            ["Seats"] = CustomFieldValue.Number(42.5m),
            ["Contract start"] = CustomFieldValue.Date(new LocalDate(2025, 12, 1)),
            ["Managed"] = CustomFieldValue.Boolean(true),
            ["Tier"] = CustomFieldValue.Choice("Gold"),
        };
        var customer = Customer.Restore(new CustomerSnapshot
        {
            Id = CustomerId.From("ACME-001"),
            Name = "Acme Trading",
            Email = "Accounts@Acme.Example.com",
            BillingAddress = PostalAddress.Create(["Unit 4", "Harbour Road"], "Bristol", "GB", region: "Avon", postcode: "BS1 5TT"),
            ParentId = root.Id,
            ClassId = cls.Id,
            BillingCycle = BillingCycle.Weekly,
            BillingTimeZone = DateTimeZoneProviders.Tzdb["America/New_York"],
            BillingCycleAnchor = new LocalDate(2025, 11, 3),
            BalanceModel = BalanceModel.Postpaid,
            Currency = Currency.EUR,
            CreditLimit = Money.Of(1500.50m, "EUR"),
            PaymentTermsDays = 14,
            Language = "fr-FR",
            Status = BillingStatus.Suspended,
            CustomData = data,
            Version = 0,
        });

        var added = await store.Customers.AddAsync(customer);
        Assert.Equal(1, added.Version);
        AssertSameCustomer(customer, added);

        var found = await store.Customers.FindAsync(customer.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameCustomer(customer, found);

        var changed = found
            .WithEmail("billing@acme.example.org")
            .WithBillingAddress(StoreUnderTest.Address)
            .WithCreditLimit(null)
            .WithPaymentTerms(0)
            .WithLanguage("de-DE")
            .Activate()
            .WithCustomData(cls, new Dictionary<string, CustomFieldValue>
            {
                ["VAT number"] = CustomFieldValue.Text("GB987654321"),
                ["Tier"] = CustomFieldValue.Choice("Silver"),
            })
            .ScheduleBillingChange(found.BillingCycleAnchor.PlusDays(1), BillingCycle.Quarterly, monthEndPolicy: MonthEndPolicy.LastDayOfMonth, zone: DateTimeZoneProviders.Tzdb["Asia/Kolkata"]);
        var updated = await store.Customers.UpdateAsync(changed);
        Assert.Equal(2, updated.Version);

        var reread = await store.Customers.FindAsync(customer.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameCustomer(changed, reread);

        var third = await store.Customers.UpdateAsync(reread.WithCreditLimit(Money.Of(10m, "EUR")));
        Assert.Equal(3, third.Version);
        Assert.Equal(Money.Of(10m, "EUR"), (await store.Customers.FindAsync(customer.Id))?.CreditLimit);
    }

    /// <summary>Customer names are unique among siblings after normalisation (case, white space, punctuation, company suffixes).</summary>
    [Fact]
    public async Task Customer_NormalisedNameOfASibling_IsRefused()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var parent = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Reseller", root.Id));
        await store.Customers.AddAsync(CustomerRecord("CUST-02", "Acme Ltd", parent.Id));

        foreach (var (id, name) in new[] { ("CUST-03", "ACME limited"), ("CUST-04", "  acme   LTD. "), ("CUST-05", "A.C.M.E. Inc") })
        {
            var e = await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Customers.AddAsync(CustomerRecord(id, name, parent.Id)));
            Assert.Equal("Customer", e.EntityType);
            Assert.Equal("Name", e.Key);
            Assert.Null(await store.Customers.FindAsync(CustomerId.From(id)));
        }

        Assert.Equal(["CUST-02"], Ids(await store.Customers.ListChildrenAsync(parent.Id)));
    }

    /// <summary>The same name is allowed under different parents, and among roots only once.</summary>
    [Fact]
    public async Task Customer_SameNameUnderDifferentParents_IsAllowed()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01", "Platform Owner");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Reseller A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Reseller B", root.Id));

        await store.Customers.AddAsync(CustomerRecord("CUST-01", "Acme Ltd", a.Id));
        await store.Customers.AddAsync(CustomerRecord("CUST-02", "ACME limited", b.Id));
        await store.Customers.AddAsync(CustomerRecord("CUST-03", "Acme", root.Id));

        Assert.NotNull(await store.Customers.FindAsync(CustomerId.From("CUST-02")));
        Assert.Equal("Name", (await Assert.ThrowsAsync<DuplicateEntityException>(async () => await AddRootRecordAsync(store, "ROOT-02", "platform-owner LIMITED"))).Key);
        await AddRootRecordAsync(store, "ROOT-03", "Another Platform");
        Assert.Equal(["ROOT-01", "ROOT-03"], Ids(await store.Customers.ListChildrenAsync(null)));
    }

    /// <summary>Renaming a customer onto a sibling's normalised name is refused and changes nothing; renaming onto its own name is fine.</summary>
    [Fact]
    public async Task Customer_UpdateOntoSiblingName_IsRefusedAndChangesNothing()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        await store.Customers.AddAsync(CustomerRecord("CUST-01", "Acme Ltd", root.Id));
        var other = await store.Customers.AddAsync(CustomerRecord("CUST-02", "Globex", root.Id));

        Assert.Equal("Name", (await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Customers.UpdateAsync(other.Rename("acme", [])))).Key);
        var unchanged = await store.Customers.FindAsync(other.Id);
        Assert.Equal(("Globex", 1L), (unchanged?.Name, unchanged?.Version ?? -1));

        var own = await store.Customers.UpdateAsync(other.Rename("GLOBEX Inc.", []));
        Assert.Equal(("GLOBEX Inc.", 2L), (own.Name, own.Version));
    }

    /// <summary>ListChildrenAsync returns exactly the direct children (or the roots), ordered by id, and forgets deleted ones.</summary>
    [Fact]
    public async Task Customer_ListChildren_ReturnsExactlyTheDirectChildrenInIdOrder()
    {
        await using var store = NewStore();
        var root2 = await AddRootRecordAsync(store, "ROOT-02", "Second Platform");
        var root1 = await AddRootRecordAsync(store, "ROOT-01", "First Platform");
        foreach (var (id, parent) in new[] { ("CUST-03", root1.Id), ("CUST-01", root1.Id), ("CUST-02", root1.Id), ("CUST-04", root2.Id) })
        {
            await store.Customers.AddAsync(CustomerRecord(id, "Customer " + id, parent));
        }

        await store.Customers.AddAsync(CustomerRecord("CUST-11", "Grandchild", CustomerId.From("CUST-01")));

        Assert.Equal(["ROOT-01", "ROOT-02"], Ids(await store.Customers.ListChildrenAsync(null)));
        Assert.Equal(["CUST-01", "CUST-02", "CUST-03"], Ids(await store.Customers.ListChildrenAsync(root1.Id)));
        Assert.Equal(["CUST-04"], Ids(await store.Customers.ListChildrenAsync(root2.Id)));
        Assert.Equal(["CUST-11"], Ids(await store.Customers.ListChildrenAsync(CustomerId.From("CUST-01"))));
        Assert.Empty(await store.Customers.ListChildrenAsync(CustomerId.From("CUST-11")));
        Assert.Empty(await store.Customers.ListChildrenAsync(CustomerId.From("NONE-01")));

        await store.Customers.DeleteAsync(CustomerId.From("CUST-02"), 1);
        Assert.Equal(["CUST-01", "CUST-03"], Ids(await store.Customers.ListChildrenAsync(root1.Id)));
    }

    /// <summary>Creating a prepaid customer stores it, its default account, and its opening funds as one top-up in its own ledger.</summary>
    [Fact]
    public async Task CustomerService_CreatePrepaidWithOpeningFunds_StoresCustomerAccountAndOneTopUp()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        Assert.Equal(1, root.Version);
        Assert.Empty(await store.Accounts.ListByOwnerAsync(root.Id));

        var creation = await store.CreateCustomerAsync(root, "Prepaid Co", BalanceModel.Prepaid, openingFunds: 25.50m);

        var customer = await store.Customers.FindAsync(creation.Customer.Id);
        Assert.NotNull(customer);
        Assert.Equal(1, customer.Version);
        Assert.Equal(1, creation.Customer.Version);
        AssertSameCustomer(creation.Customer, customer);
        Assert.Equal(root.Id, customer.ParentId);
        Assert.Equal(BalanceModel.Prepaid, customer.BalanceModel);
        Assert.Equal(Now.InZone(customer.BillingTimeZone).Date, customer.BillingCycleAnchor);

        var accounts = await store.Accounts.ListByOwnerAsync(customer.Id);
        var account = Assert.Single(accounts);
        Assert.Equal(creation.DefaultAccount.Id, account.Id);
        Assert.Equal(1, account.Version);
        AssertSameAccount(creation.DefaultAccount, account);

        var transactions = await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(customer.Id));
        var topUp = Assert.Single(transactions);
        Assert.Equal(TransactionKind.TopUp, topUp.Kind);
        Assert.Equal(Money.Of(25.50m, "GBP"), topUp.Amount);
        Assert.Equal(Money.Of(25.50m, "GBP"), topUp.LedgerAmount);
        Assert.Equal(CustomerService.OpeningFundsKey, topUp.IdempotencyKey);
        Assert.Equal(Now, topUp.Timestamp);
        Assert.Equal(LedgerOwner.ForCustomer(customer.Id), topUp.Owner);
        Assert.Equal(new LedgerHead(LedgerOwner.ForCustomer(customer.Id), new Money(25.50m, Currency.GBP), 1), await store.Ledgers.GetHeadAsync(LedgerOwner.ForCustomer(customer.Id)));
        Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(account.Id)));
        Assert.Equal(Money.Of(25.50m, "GBP"), (await store.Charges.BalanceAsync(LedgerOwner.ForCustomer(customer.Id))).Amount);
    }

    /// <summary>A postpaid customer, or a prepaid one without opening funds, gets no ledger entry.</summary>
    [Fact]
    public async Task CustomerService_CreateWithoutOpeningFunds_WritesNoLedgerEntry()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var postpaid = await store.CreateCustomerAsync(root, "Postpaid Co", BalanceModel.Postpaid, creditLimit: 100m);
        var prepaid = await store.CreateCustomerAsync(root, "Prepaid Co", BalanceModel.Prepaid);

        Assert.Equal(Money.Of(100m, "GBP"), (await store.Customers.FindAsync(postpaid.Customer.Id))?.CreditLimit);
        foreach (var creation in new[] { postpaid, prepaid })
        {
            Assert.Equal([creation.DefaultAccount.Id.Value], Ids(await store.Accounts.ListByOwnerAsync(creation.Customer.Id)));
            Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(creation.Customer.Id)));
            Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(creation.DefaultAccount.Id)));
        }
    }

    /// <summary>A creation refused for a duplicate sibling name stores nothing; the same name under another parent is fine.</summary>
    [Fact]
    public async Task CustomerService_CreateDuplicateSiblingName_IsRefusedAndStoresNothing()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var reseller = (await store.CreateCustomerAsync(root, "Reseller")).Customer;
        var first = await store.CreateCustomerAsync(reseller, "Acme Ltd", BalanceModel.Prepaid, openingFunds: 10m);

        await Assert.ThrowsAnyAsync<BillingException>(async () => await store.CreateCustomerAsync(reseller, "ACME limited", BalanceModel.Prepaid, openingFunds: 10m));

        Assert.Equal([first.Customer.Id.Value], Ids(await store.Customers.ListChildrenAsync(reseller.Id)));
        var underRoot = await store.CreateCustomerAsync(root, "ACME limited");
        Assert.Equal(root.Id, (await store.Customers.FindAsync(underRoot.Customer.Id))?.ParentId);
    }

    /// <summary>A creation whose default account cannot be stored (its id is taken) leaves no customer and no ledger entry behind.</summary>
    [Fact]
    public async Task CustomerService_CreateWithTakenDefaultAccountId_StoresNothing()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var existing = await store.CreateCustomerAsync(root, "Existing");
        var request = new NewCustomer
        {
            Id = CustomerId.From("CUST-NEW"),
            Name = "Newcomer",
            Email = "new@example.com",
            BillingAddress = RepoAddress,
            ParentId = root.Id,
            BalanceModel = BalanceModel.Prepaid,
            OpeningFunds = new Money(10m, Currency.GBP),
            DefaultAccountId = existing.DefaultAccount.Id,
        };

        Assert.Equal("Id", (await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.CustomerService.CreateAsync(request))).Key);

        Assert.Null(await store.Customers.FindAsync(CustomerId.From("CUST-NEW")));
        Assert.Equal([existing.Customer.Id.Value], Ids(await store.Customers.ListChildrenAsync(root.Id)));
        Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(CustomerId.From("CUST-NEW"))));
        Assert.Equal(existing.Customer.Id, (await store.Accounts.FindAsync(existing.DefaultAccount.Id))?.OwnerId);

        // The name and id are free again: a corrected request succeeds.
        var retried = await store.CustomerService.CreateAsync(request with { DefaultAccountId = null });
        Assert.Equal(1, retried.Customer.Version);
    }

    /// <summary>
    /// A postpaid customer imported from another platform keeps its original anchor (31 January two years back, on a monthly
    /// anniversary cycle) and credit limit, and owes its opening balance through one debit under the fixed key, dated now.
    /// </summary>
    [Fact]
    public async Task CustomerService_ImportPostpaidWithAnchorAndAmountOwed_StoresThemAndOneDebitDatedNow()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        var anchor = new LocalDate(Now.InZone(zone).Year - 2, 1, 31);
        var request = new NewCustomer
        {
            Id = CustomerId.From("IMP-0001"),
            Name = "Imported Co",
            Email = "imported@example.com",
            BillingAddress = RepoAddress,
            ParentId = root.Id,
            BillingCycle = BillingCycle.MonthlyAnniversary,
            CreatedAt = anchor.At(new LocalTime(9, 0)).InZoneStrictly(zone).ToInstant(),
            CreditLimit = new Money(500m, Currency.GBP),
            OpeningAmountOwed = new Money(123.45m, Currency.GBP),
        };

        await store.CustomerService.CreateAsync(request);

        var customer = await store.Customers.FindAsync(CustomerId.From("IMP-0001"));
        Assert.NotNull(customer);
        Assert.Equal(anchor, customer.BillingCycleAnchor);
        Assert.Equal(Money.Of(500m, "GBP"), customer.CreditLimit);
        // Anchored on the 31st, every period after the first runs from the 28th to the 27th: on 19 March 2026, 28 Feb to 27 Mar.
        Assert.Equal(
            new BillingPeriod(new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 28)),
            customer.Schedule.PeriodContaining(Now));
        var owner = LedgerOwner.ForCustomer(customer.Id);
        var debit = Assert.Single(await store.Ledgers.GetTransactionsAsync(owner));
        Assert.Equal(TransactionKind.Debit, debit.Kind);
        Assert.Equal(Money.Of(123.45m, "GBP"), debit.Amount);
        Assert.Equal(CustomerService.OpeningFundsKey, debit.IdempotencyKey);
        Assert.Equal(Now, debit.Timestamp);
        Assert.Equal(Money.Of(123.45m, "GBP"), (await store.Charges.BalanceAsync(owner)).Amount);
    }

    /// <summary>
    /// Importing a customer whose ledger already holds its opening entry (an earlier attempt wrote it, then failed and was undone)
    /// writes nothing new; importing it yet again is refused and changes nothing; a different opening amount is refused and
    /// stores nothing.
    /// </summary>
    [Fact]
    public async Task CustomerService_ImportWhoseOpeningEntryIsAlreadyInTheLedger_WritesTheBalanceOnce()
    {
        await using var store = NewStore();
        var root = await store.CreateRootAsync();
        NewCustomer Request(string id) => new()
        {
            Id = CustomerId.From(id),
            Name = "Imported " + id,
            Email = "imported@example.com",
            BillingAddress = RepoAddress,
            ParentId = root.Id,
            BalanceModel = BalanceModel.Prepaid,
            OpeningFunds = new Money(40m, Currency.GBP),
            CreatedAt = Now - Duration.FromDays(700),
        };
        async Task EarlierAttemptAsync(string id)
            => await store.Ledgers.AppendAsync(
                LedgerOwner.ForCustomer(CustomerId.From(id)),
                Currency.GBP,
                new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(40m, "GBP"), Now - Duration.FromMinutes(5), CustomerService.OpeningFundsKey, "Opening funds"));

        await EarlierAttemptAsync("IMP-0002");
        await store.CustomerService.CreateAsync(Request("IMP-0002"));
        await Assert.ThrowsAnyAsync<BillingException>(async () => await store.CustomerService.CreateAsync(Request("IMP-0002")));

        var owner = LedgerOwner.ForCustomer(CustomerId.From("IMP-0002"));
        Assert.Single(await store.Ledgers.GetTransactionsAsync(owner));
        Assert.Equal(Money.Of(40m, "GBP"), (await store.Charges.BalanceAsync(owner)).Amount);

        await EarlierAttemptAsync("IMP-0003");
        var refused = await Assert.ThrowsAsync<BillingRuleException>(async () => await store.CustomerService.CreateAsync(Request("IMP-0003") with { OpeningFunds = new Money(45m, Currency.GBP) }));
        Assert.Equal("Customer.OpeningBalance", refused.Field);
        Assert.Null(await store.Customers.FindAsync(CustomerId.From("IMP-0003")));
        Assert.Single(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(CustomerId.From("IMP-0003"))));
    }
}
