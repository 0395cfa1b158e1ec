using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

/// <summary>The repository part of the contract: round trips, versions, unique keys, list queries and customer creation.</summary>
public abstract partial class BillingStoreContract
{
    // Ids in these tests have equal length and use only upper-case letters, digits and '-', so "ordered by id" means the same
    // under an ordinal comparison and under any case-insensitive database collation.
    private static readonly LocalDate RepoDay = new(2026, 1, 15);

    /// <summary>The suite's numbers lie in Ofcom's drama range 01632 960xxx, never in service; creating them must say so.</summary>
    private static readonly NumberingOptions DramaAllowed = NumberingOptions.Default with { AllowDramaNumbers = true };

    /// <summary>The kinds of aggregate the generic version tests run for.</summary>
    public static TheoryData<string> AggregateKinds => new() { "Customer", "CustomerClass", "Account", "Number", "Service" };

    // ---------------------------------------------------------------- round trips

    /// <summary>A customer with every field set comes back field by field, as version 1, and updates bump the version.</summary>
    /// <returns>The test.</returns>
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
        var customer = Customer.Restore(
            CustomerId.From("ACME-001"),
            "Acme Trading",
            "Accounts@Acme.Example.com",
            PostalAddress.Create(["Unit 4", "Harbour Road"], "Bristol", "GB", region: "Avon", postcode: "BS1 5TT"),
            root.Id,
            cls.Id,
            BillingCycle.Weekly,
            "America/New_York",
            new LocalDate(2025, 11, 3),
            BalanceModel.Postpaid,
            Currency.FromCode("EUR"),
            Money.Of(1500.50m, "EUR"),
            14,
            "fr-FR",
            BillingStatus.Suspended,
            data,
            0);

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
            });
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

    /// <summary>A customer class with every field set (custom fields, taxation, reseller manager) comes back field by field.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task CustomerClass_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var reseller = await store.Customers.AddAsync(CustomerRecord("RESL-01", "Reseller", root.Id));
        var cls = ClassWithEveryField("CLS-01", ClassManager.Reseller(reseller.Id));

        var added = await store.Classes.AddAsync(cls);
        Assert.Equal(1, added.Version);
        AssertSameClass(cls, added);

        var found = await store.Classes.FindAsync(cls.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameClass(cls, found);

        var changed = found
            .Rename("Business Plus")
            .WithDescription(null)
            .WithBusinessModel("internet-access")
            .WithInvoicesEnabled(true)
            .WithArchiveUsageRecords(true)
            .WithTaxation(Taxation.None)
            .WithGracePeriodDays(0)
            .WithInvoiceTemplate(null)
            .WithNotificationList("ops-team")
            .WithCustomFields([CustomFieldDefinition.Create("Region", CustomFieldType.Choice, mandatory: false, choices: ["North", "South"])]);
        Assert.Equal(2, (await store.Classes.UpdateAsync(changed)).Version);

        var reread = await store.Classes.FindAsync(cls.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameClass(changed, reread);
    }

    /// <summary>An account with alias, custom charges, status and credit limit comes back field by field.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Account_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Owner", root.Id, currency: "EUR"));
        var account = Account.Restore(
            AccountId.From("ACC-0001"),
            owner.Id,
            "Head office PBX",
            "SIP-1001",
            Currency.FromCode("EUR"),
            BalanceModel.Postpaid,
            Money.Of(250.75m, "EUR"),
            BillingStatus.Suspended,
            [
                Feature.Recurring(FeatureId.From("FEAT-01"), "Support plan", Money.Of(19.99m, "EUR"), RepoDay, RepoDay.PlusMonths(6), quantity: 3, proration: Proration.None),
                Feature.OneOff(FeatureId.From("FEAT-02"), "Set-up fee", Money.Of(49m, "EUR"), RepoDay, quantity: 2),
            ],
            0);

        var added = await store.Accounts.AddAsync(account);
        Assert.Equal(1, added.Version);
        AssertSameAccount(account, added);

        var found = await store.Accounts.FindAsync(account.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameAccount(account, found);

        var changed = found
            .Rename("Branch PBX")
            .WithAlias("sip-2002")
            .WithCreditLimit(null)
            .Activate()
            .DetachFeature(FeatureId.From("FEAT-02"))
            .ReplaceFeature(Feature.Recurring(FeatureId.From("FEAT-01"), "Support plan (gold)", Money.Of(29.99m, "EUR"), RepoDay, quantity: 1))
            .AttachFeature(Feature.Recurring(FeatureId.From("FEAT-03"), "Extra line", Money.Of(5m, "EUR"), RepoDay.PlusDays(10)));
        Assert.Equal(2, (await store.Accounts.UpdateAsync(changed)).Version);

        var reread = await store.Accounts.FindAsync(account.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameAccount(changed, reread);
    }

    /// <summary>A number with account, features and both dates comes back field by field.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Number_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Owner", root.Id));
        var account = await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0001"), owner, "Lines"));
        var number = Number.Restore(
            NumberId.From("NUM-0001"),
            owner.Id,
            account.Id,
            "+1 201 555 0123",
            NumberType.Geographic,
            "UK-GEO-STANDARD",
            Currency.GBP,
            RepoDay,
            new LocalDate(2026, 12, 31),
            [
                Feature.Recurring(FeatureId.From("FEAT-01"), "Line rental", Money.Of(12.50m, "GBP"), RepoDay, new LocalDate(2026, 6, 30), quantity: 2, proration: Proration.None),
                Feature.OneOff(FeatureId.From("FEAT-02"), "Connection", Money.Of(30m, "GBP"), RepoDay),
            ],
            0);
        Assert.Equal("+12015550123", number.Value.Value);

        var added = await store.Numbers.AddAsync(number);
        Assert.Equal(1, added.Version);
        AssertSameNumber(number, added);

        var found = await store.Numbers.FindAsync(number.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameNumber(number, found);

        var changed = found
            .WithTariff("UK-GEO-BUSINESS")
            .WithType(NumberType.Mobile)
            .AssignToAccount(null)
            .Cease(new LocalDate(2026, 5, 31))
            .AttachFeature(Feature.Recurring(FeatureId.From("FEAT-03"), "Call recording", Money.Of(3m, "GBP"), RepoDay.PlusDays(1), new LocalDate(2026, 5, 1)));
        Assert.Equal(2, (await store.Numbers.UpdateAsync(changed)).Version);

        var reread = await store.Numbers.FindAsync(number.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameNumber(changed, reread);
    }

    /// <summary>A service with description, both dates and features comes back field by field.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Service_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Owner", root.Id, currency: "USD"));
        var service = Service.Restore(
            ServiceId.From("SVC-0001"),
            owner.Id,
            "hosting",
            "Web hosting",
            "Two virtual machines and backups",
            Currency.USD,
            RepoDay,
            new LocalDate(2027, 1, 14),
            [
                Feature.Recurring(FeatureId.From("FEAT-01"), "VM rental", Money.Of(80m, "USD"), RepoDay, new LocalDate(2026, 12, 31), quantity: 2),
                Feature.OneOff(FeatureId.From("FEAT-02"), "Migration", Money.Of(150m, "USD"), RepoDay.PlusDays(3)),
            ],
            0);

        var added = await store.Services.AddAsync(service);
        Assert.Equal(1, added.Version);
        AssertSameService(service, added);

        var found = await store.Services.FindAsync(service.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameService(service, found);

        var changed = found
            .Rename("Managed hosting")
            .WithDescription(null)
            .WithServiceType("managed-hosting")
            .DetachFeature(FeatureId.From("FEAT-02"))
            .End(new LocalDate(2026, 12, 31));
        Assert.Equal(2, (await store.Services.UpdateAsync(changed)).Version);

        var reread = await store.Services.FindAsync(service.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameService(changed, reread);
    }

    // ---------------------------------------------------------------- versions (every aggregate)

    /// <summary>Finding an id that was never stored returns null.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <returns>The test.</returns>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Find_UnknownId_ReturnsNull(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        Assert.Null(await probe.FindAsync());
    }

    /// <summary>Add stores version 1 and each update with the current version stores the next one.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <returns>The test.</returns>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Update_CurrentVersion_StoresNextVersion(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);

        Assert.Equal(1, await probe.AddAsync());
        Assert.Equal(2, await probe.UpdateAsync(1, "Second"));
        Assert.Equal(3, await probe.UpdateAsync(2, "Third"));
        Assert.Equal((3L, "Third"), await probe.FindAsync());
    }

    /// <summary>An update carrying a version other than the stored one (older, newer or 0) throws and changes nothing.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <returns>The test.</returns>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Update_StaleVersion_ThrowsConcurrencyConflictAndChangesNothing(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        await probe.AddAsync();
        await probe.UpdateAsync(1, "Second");

        foreach (var stale in new long[] { 1, 0, 3 })
        {
            var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.UpdateAsync(stale, "Stale"));
            Assert.Equal(probe.Id, e.EntityId);
            Assert.Equal(stale, e.ExpectedVersion);
            Assert.Equal(2, e.ActualVersion);
            Assert.Equal((2L, "Second"), await probe.FindAsync());
        }
    }

    /// <summary>A delete carrying a stale version throws and keeps the aggregate; the current version deletes it.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <returns>The test.</returns>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Delete_StaleVersion_ThrowsConcurrencyConflictAndKeepsTheAggregate(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        await probe.AddAsync();
        await probe.UpdateAsync(1, "Second");

        foreach (var stale in new long[] { 1, 0, 3 })
        {
            var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.DeleteAsync(stale));
            Assert.Equal(stale, e.ExpectedVersion);
            Assert.Equal(2, e.ActualVersion);
            Assert.Equal((2L, "Second"), await probe.FindAsync());
        }

        await probe.DeleteAsync(2);
        Assert.Null(await probe.FindAsync());
    }

    /// <summary>Updating or deleting an aggregate that is not stored (never, or no longer) throws a conflict with no actual version and creates nothing.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <returns>The test.</returns>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task UpdateOrDelete_MissingAggregate_ThrowsConcurrencyConflict(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);

        var update = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.UpdateAsync(1, "Ghost"));
        Assert.Null(update.ActualVersion);
        var delete = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.DeleteAsync(1));
        Assert.Null(delete.ActualVersion);
        Assert.Null(await probe.FindAsync());

        await probe.AddAsync();
        await probe.DeleteAsync(1);
        var afterDelete = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.UpdateAsync(1, "Ghost"));
        Assert.Null(afterDelete.ActualVersion);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await probe.DeleteAsync(1));
        Assert.Null(await probe.FindAsync());
    }

    /// <summary>Adding a second aggregate with a stored id throws <see cref="DuplicateEntityException"/> and keeps the first.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <returns>The test.</returns>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Add_ExistingId_ThrowsDuplicateAndKeepsTheFirst(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        await probe.AddAsync();

        await Assert.ThrowsAsync<DuplicateEntityException>(async () => await probe.AddOtherWithSameIdAsync());
        Assert.Equal((1L, Probe.FirstMark), await probe.FindAsync());
    }

    /// <summary>Adding an aggregate whose version is not 0 throws <see cref="ArgumentException"/> and stores nothing.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <returns>The test.</returns>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Add_VersionNotZero_ThrowsArgumentAndStoresNothing(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);

        await Assert.ThrowsAsync<ArgumentException>(async () => await probe.AddWithVersionAsync(1));
        await Assert.ThrowsAsync<ArgumentException>(async () => await probe.AddWithVersionAsync(7));
        Assert.Null(await probe.FindAsync());
    }

    /// <summary>A write with an already cancelled token throws and writes nothing.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <returns>The test.</returns>
    [Theory]
    [MemberData(nameof(AggregateKinds))]
    public async Task Writes_CancelledToken_ThrowAndWriteNothing(string kind)
    {
        await using var store = NewStore();
        var probe = await ProbeForAsync(kind, store);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.AddAsync(cancelled.Token));
        Assert.Null(await probe.FindAsync());

        await probe.AddAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.UpdateAsync(1, "Cancelled", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await probe.DeleteAsync(1, cancelled.Token));
        Assert.Equal((1L, Probe.FirstMark), await probe.FindAsync());
    }

    // ---------------------------------------------------------------- unique keys

    /// <summary>Customer names are unique among siblings after normalisation (case, white space, punctuation, company suffixes).</summary>
    /// <returns>The test.</returns>
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
            Assert.Null(await store.Customers.FindAsync(CustomerId.From(id)));
        }

        Assert.Equal(["CUST-02"], Ids(await store.Customers.ListChildrenAsync(parent.Id)));
    }

    /// <summary>The same name is allowed under different parents, and among roots only once.</summary>
    /// <returns>The test.</returns>
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
        await Assert.ThrowsAsync<DuplicateEntityException>(async () => await AddRootRecordAsync(store, "ROOT-02", "platform-owner LIMITED"));
        await AddRootRecordAsync(store, "ROOT-03", "Another Platform");
        Assert.Equal(["ROOT-01", "ROOT-03"], Ids(await store.Customers.ListChildrenAsync(null)));
    }

    /// <summary>Renaming a customer onto a sibling's normalised name is refused and changes nothing; renaming onto its own name is fine.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Customer_UpdateOntoSiblingName_IsRefusedAndChangesNothing()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        await store.Customers.AddAsync(CustomerRecord("CUST-01", "Acme Ltd", root.Id));
        var other = await store.Customers.AddAsync(CustomerRecord("CUST-02", "Globex", root.Id));

        await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Customers.UpdateAsync(other.Rename("acme", [])));
        var unchanged = await store.Customers.FindAsync(other.Id);
        Assert.Equal(("Globex", 1L), (unchanged?.Name, unchanged?.Version ?? -1));

        var own = await store.Customers.UpdateAsync(other.Rename("GLOBEX Inc.", []));
        Assert.Equal(("GLOBEX Inc.", 2L), (own.Name, own.Version));
    }

    /// <summary>Class names are unique per manager (case-insensitively) but may repeat across managers.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task CustomerClass_NameIsUniquePerManager()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("RESL-0A", "Reseller A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("RESL-0B", "Reseller B", root.Id));
        await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-01"), "Retail", ClassManager.Administrator));

        await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-02"), "  RETAIL ", ClassManager.Administrator)));
        Assert.Null(await store.Classes.FindAsync(CustomerClassId.From("CLS-02")));

        await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-03"), "Retail", ClassManager.Reseller(a.Id)));
        await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-04"), "retail", ClassManager.Reseller(b.Id)));
        await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-05"), "RETAIL", ClassManager.Reseller(a.Id))));

        var business = await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From("CLS-06"), "Business", ClassManager.Reseller(a.Id)));
        await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Classes.UpdateAsync(business.Rename("retail")));
        Assert.Equal(("Business", 1L), ((await store.Classes.FindAsync(business.Id))?.Name, (await store.Classes.FindAsync(business.Id))?.Version ?? -1));
        Assert.Equal(2, (await store.Classes.UpdateAsync(business.Rename("BUSINESS"))).Version);
    }

    /// <summary>An account alias is unique across all accounts, ignoring case; an alias freed by a change can be reused.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Account_AliasIsUniqueIgnoringCase()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Customer B", root.Id));
        var first = await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0001"), a, "Desk phone", alias: "SIP-1001"));

        var e = await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0002"), b, "Desk phone", alias: "sip-1001")));
        Assert.Equal("Account", e.EntityType);
        Assert.Null(await store.Accounts.FindAsync(AccountId.From("ACC-0002")));

        // Accounts without an alias never clash.
        await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0003"), a, "No alias 1"));
        var noAlias = await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0004"), b, "No alias 2"));

        await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.Accounts.UpdateAsync(noAlias.WithAlias("Sip-1001")));
        Assert.Null((await store.Accounts.FindAsync(noAlias.Id))?.Alias);

        // Moving the alias away frees it for another account.
        await store.Accounts.UpdateAsync(first.WithAlias("SIP-9999"));
        Assert.Null(await store.Accounts.FindByAliasAsync("sip-1001"));
        var second = await store.Accounts.UpdateAsync(noAlias.WithAlias("sip-1001"));
        Assert.Equal(2, second.Version);
        Assert.Equal(second.Id, (await store.Accounts.FindByAliasAsync("SIP-1001"))?.Id);
    }

    /// <summary>An active number belongs to one customer at a time: overlapping dates are refused, adjacent ones allowed.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Number_ActiveForTwoCustomersAtOverlappingDates_IsRefused()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Customer B", root.Id));
        var held = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0001"), a, "+441632960123", "T1", new LocalDate(2026, 1, 1), dateCeased: new LocalDate(2026, 1, 31), numbering: DramaAllowed));

        // Same number in another format, overlapping by one day.
        var e = await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0002"), b, "01632 960123", "T1", new LocalDate(2026, 1, 31), numbering: DramaAllowed)));
        Assert.Equal("Number", e.Field);
        Assert.Null(await store.Numbers.FindAsync(NumberId.From("NUM-0002")));

        // Entirely containing the held period.
        await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0003"), b, "00441632960123", "T1", new LocalDate(2025, 12, 1), numbering: DramaAllowed)));

        // Adjacent (the day after the last day) is fine; a different number is fine.
        var next = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0004"), b, "+44 1632 960123", "T1", new LocalDate(2026, 2, 1), numbering: DramaAllowed));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0005"), b, "+441632960124", "T1", new LocalDate(2026, 1, 1), numbering: DramaAllowed));

        // Extending the first holder's period into the second's is refused and changes nothing.
        await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Numbers.UpdateAsync(held.Cease(new LocalDate(2026, 2, 1))));
        var unchanged = await store.Numbers.FindAsync(held.Id);
        Assert.Equal((new LocalDate(2026, 1, 31), 1L), (unchanged?.DateCeased, unchanged?.Version ?? -1));

        // A record does not clash with itself.
        Assert.Equal(2, (await store.Numbers.UpdateAsync(next.WithTariff("T2"))).Version);
    }

    // ---------------------------------------------------------------- list queries

    /// <summary>ListChildrenAsync returns exactly the direct children (or the roots), ordered by id, and forgets deleted ones.</summary>
    /// <returns>The test.</returns>
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

    /// <summary>ListByManagerAsync returns exactly one manager's classes, ordered by id.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task CustomerClass_ListByManager_ReturnsExactlyThatManagersClassesInIdOrder()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("RESL-0A", "Reseller A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("RESL-0B", "Reseller B", root.Id));
        foreach (var (id, manager) in new[]
                 {
                     ("CLS-03", ClassManager.Reseller(a.Id)), ("CLS-01", ClassManager.Administrator), ("CLS-05", ClassManager.Reseller(a.Id)),
                     ("CLS-02", ClassManager.Reseller(b.Id)), ("CLS-04", ClassManager.Administrator), ("CLS-00", ClassManager.Reseller(a.Id)),
                 })
        {
            await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From(id), "Class " + id, manager));
        }

        Assert.Equal(["CLS-01", "CLS-04"], Ids(await store.Classes.ListByManagerAsync(ClassManager.Administrator)));
        Assert.Equal(["CLS-00", "CLS-03", "CLS-05"], Ids(await store.Classes.ListByManagerAsync(ClassManager.Reseller(a.Id))));
        Assert.Equal(["CLS-02"], Ids(await store.Classes.ListByManagerAsync(ClassManager.Reseller(b.Id))));
        Assert.Empty(await store.Classes.ListByManagerAsync(ClassManager.Reseller(root.Id)));
    }

    /// <summary>ListByOwnerAsync of accounts, numbers and services returns exactly the owner's items, ordered by id.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task ListByOwner_ReturnsExactlyTheOwnersItemsInIdOrder()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Customer B", root.Id));
        var child = await store.Customers.AddAsync(CustomerRecord("CUST-0C", "Child of A", a.Id));
        var n = 0;
        foreach (var (suffix, owner) in new[] { ("3", a), ("1", b), ("2", a), ("5", child), ("0", a), ("4", b) })
        {
            n++;
            await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-000" + suffix), owner, "Account " + suffix));
            await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-000" + suffix), owner, "+44163296010" + suffix, "T1", RepoDay, numbering: DramaAllowed));
            await store.Services.AddAsync(Service.Create(ServiceId.From("SVC-000" + suffix), owner, "hosting", "Service " + suffix, RepoDay));
        }

        Assert.Equal(6, n);
        Assert.Equal(["ACC-0000", "ACC-0002", "ACC-0003"], Ids(await store.Accounts.ListByOwnerAsync(a.Id)));
        Assert.Equal(["ACC-0001", "ACC-0004"], Ids(await store.Accounts.ListByOwnerAsync(b.Id)));
        Assert.Equal(["NUM-0000", "NUM-0002", "NUM-0003"], Ids(await store.Numbers.ListByOwnerAsync(a.Id)));
        Assert.Equal(["NUM-0005"], Ids(await store.Numbers.ListByOwnerAsync(child.Id)));
        Assert.Equal(["SVC-0000", "SVC-0002", "SVC-0003"], Ids(await store.Services.ListByOwnerAsync(a.Id)));
        Assert.Equal(["SVC-0001", "SVC-0004"], Ids(await store.Services.ListByOwnerAsync(b.Id)));
        Assert.Empty(await store.Accounts.ListByOwnerAsync(root.Id));
        Assert.Empty(await store.Numbers.ListByOwnerAsync(root.Id));
        Assert.Empty(await store.Services.ListByOwnerAsync(root.Id));

        await store.Accounts.DeleteAsync(AccountId.From("ACC-0002"), 1);
        await store.Numbers.DeleteAsync(NumberId.From("NUM-0000"), 1);
        await store.Services.DeleteAsync(ServiceId.From("SVC-0003"), 1);
        Assert.Equal(["ACC-0000", "ACC-0003"], Ids(await store.Accounts.ListByOwnerAsync(a.Id)));
        Assert.Equal(["NUM-0002", "NUM-0003"], Ids(await store.Numbers.ListByOwnerAsync(a.Id)));
        Assert.Equal(["SVC-0000", "SVC-0002"], Ids(await store.Services.ListByOwnerAsync(a.Id)));
    }

    /// <summary>FindByAliasAsync matches the alias ignoring case and surrounding white space, and nothing else.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Account_FindByAlias_FindsOnlyTheAccountWithThatAlias()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0001"), a, "One", alias: "Reception"));
        await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0002"), a, "Two", alias: "reception-2"));
        await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0003"), a, "Three"));

        Assert.Equal("ACC-0001", (await store.Accounts.FindByAliasAsync("RECEPTION"))?.Id.Value);
        Assert.Equal("ACC-0001", (await store.Accounts.FindByAliasAsync(" reception "))?.Id.Value);
        Assert.Equal("ACC-0002", (await store.Accounts.FindByAliasAsync("Reception-2"))?.Id.Value);
        Assert.Null(await store.Accounts.FindByAliasAsync("recep"));
        Assert.Null(await store.Accounts.FindByAliasAsync("Three"));
        Assert.Null(await store.Accounts.FindByAliasAsync("ACC-0003"));
    }

    /// <summary>ListByPhoneNumberAsync returns every record of one E.164 number (past and current owners), ordered by id, and no other number.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Number_ListByPhoneNumber_ReturnsEveryRecordOfThatNumberInIdOrder()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Customer B", root.Id));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0003"), b, "01632 960123", "T1", new LocalDate(2026, 3, 1), numbering: DramaAllowed));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0001"), a, "+441632960123", "T1", new LocalDate(2025, 1, 1), dateCeased: new LocalDate(2025, 12, 31), numbering: DramaAllowed));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0002"), a, "+441632960124", "T1", new LocalDate(2025, 1, 1), numbering: DramaAllowed));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0000"), b, "0044 1632 960123", "T1", new LocalDate(2026, 1, 1), dateCeased: new LocalDate(2026, 2, 28), numbering: DramaAllowed));

        Assert.Equal(["NUM-0000", "NUM-0001", "NUM-0003"], Ids(await store.Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse("+44 1632 960123"))));
        Assert.Equal(["NUM-0002"], Ids(await store.Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse("01632960124"))));
        Assert.Empty(await store.Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse("+441632960125")));
    }

    // ---------------------------------------------------------------- customer creation through the store

    /// <summary>Creating a prepaid customer stores it, its default account, and its opening funds as one top-up in its own ledger.</summary>
    /// <returns>The test.</returns>
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
        Assert.Equal(Now.InZone(customer.BillingTimeZone).Date, customer.Anchor);

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
        Assert.Equal(new LedgerHead(LedgerOwner.ForCustomer(customer.Id), Currency.GBP, 25.50m, 1), await store.Ledgers.GetHeadAsync(LedgerOwner.ForCustomer(customer.Id)));
        Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForAccount(account.Id)));
        Assert.Equal(Money.Of(25.50m, "GBP"), await store.Charges.BalanceAsync(LedgerOwner.ForCustomer(customer.Id)));
    }

    /// <summary>A postpaid customer, or a prepaid one without opening funds, gets no ledger entry.</summary>
    /// <returns>The test.</returns>
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
    /// <returns>The test.</returns>
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
    /// <returns>The test.</returns>
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
            OpeningFunds = 10m,
            DefaultAccountId = existing.DefaultAccount.Id,
        };

        await Assert.ThrowsAsync<DuplicateEntityException>(async () => await store.CustomerService.CreateAsync(request));

        Assert.Null(await store.Customers.FindAsync(CustomerId.From("CUST-NEW")));
        Assert.Equal([existing.Customer.Id.Value], Ids(await store.Customers.ListChildrenAsync(root.Id)));
        Assert.Empty(await store.Ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(CustomerId.From("CUST-NEW"))));
        Assert.Equal(existing.Customer.Id, (await store.Accounts.FindAsync(existing.DefaultAccount.Id))?.OwnerId);

        // The name and id are free again: a corrected request succeeds.
        var retried = await store.CustomerService.CreateAsync(request with { DefaultAccountId = null });
        Assert.Equal(1, retried.Customer.Version);
    }

    // ---------------------------------------------------------------- helpers

    private static PostalAddress RepoAddress => StoreUnderTest.Address;

    private static string[] Ids(IEnumerable<Customer> items) => [.. items.Select(i => i.Id.Value)];

    private static string[] Ids(IEnumerable<CustomerClass> items) => [.. items.Select(i => i.Id.Value)];

    private static string[] Ids(IEnumerable<Account> items) => [.. items.Select(i => i.Id.Value)];

    private static string[] Ids(IEnumerable<Number> items) => [.. items.Select(i => i.Id.Value)];

    private static string[] Ids(IEnumerable<Service> items) => [.. items.Select(i => i.Id.Value)];

    /// <summary>A root customer record, stored.</summary>
    private static ValueTask<Customer> AddRootRecordAsync(StoreUnderTest store, string id, string name = "Platform Owner")
        => store.Customers.AddAsync(Customer.Restore(
            CustomerId.From(id), name, "owner@example.com", RepoAddress, null, null, BillingCycle.Monthly, "Europe/London",
            new LocalDate(2026, 1, 1), BalanceModel.Postpaid, Currency.GBP, null, 30, "en-GB", BillingStatus.Active, null, 0));

    /// <summary>A plain postpaid customer record (version 0) below <paramref name="parent"/>.</summary>
    private static Customer CustomerRecord(string id, string name, CustomerId? parent, string currency = "GBP")
        => Customer.Restore(
            CustomerId.From(id), name, "someone@example.com", RepoAddress, parent, null, BillingCycle.Monthly, "Europe/London",
            new LocalDate(2026, 1, 1), BalanceModel.Postpaid, Currency.FromCode(currency), null, 30, "en-GB", BillingStatus.Active, null, 0);

    private static CustomerClass ClassWithEveryField(string id, ClassManager manager)
        => CustomerClass.Create(
            CustomerClassId.From(id),
            "Business",
            manager,
            currency: null,
            description: "Companies with a hosted PBX",
            businessModel: "hosted-pbx",
            invoicesEnabled: false,
            archiveUsageRecords: false,
            taxation: Taxation.FlatPercentage(17.5m),
            gracePeriodDays: 10,
            invoiceTemplate: "templates/business-v2",
            notificationList: "billing-alerts",
            customFields:
            [
                CustomFieldDefinition.Create("VAT number", CustomFieldType.Text, mandatory: true),
                CustomFieldDefinition.Create("Seats", CustomFieldType.Number),
                CustomFieldDefinition.Create("Contract start", CustomFieldType.Date),
                CustomFieldDefinition.Create("Managed", CustomFieldType.Boolean),
                CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, mandatory: true, choices: ["Gold", "Silver", "Bronze"]),
            ]);

    private static void AssertSameCustomer(Customer expected, Customer actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.BillingAddress, actual.BillingAddress);
        Assert.Equal(expected.ParentId, actual.ParentId);
        Assert.Equal(expected.ClassId, actual.ClassId);
        Assert.Equal(expected.BillingCycle, actual.BillingCycle);
        Assert.Equal(expected.BillingTimeZone.Id, actual.BillingTimeZone.Id);
        Assert.Equal(expected.Anchor, actual.Anchor);
        Assert.Equal(expected.BalanceModel, actual.BalanceModel);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.CreditLimit, actual.CreditLimit);
        Assert.Equal(expected.PaymentTermsDays, actual.PaymentTermsDays);
        Assert.Equal(expected.Language, actual.Language);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(
            expected.CustomData.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Type, p.Value.ToString())),
            actual.CustomData.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Type, p.Value.ToString())));
        Assert.Equal(expected.CustomData.Count, actual.CustomData.Count);
        foreach (var (key, value) in expected.CustomData)
        {
            Assert.Equal(value, actual.CustomData[key]);
        }
    }

    private static void AssertSameClass(CustomerClass expected, CustomerClass actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.ManagedBy, actual.ManagedBy);
        Assert.Equal(expected.BusinessModel, actual.BusinessModel);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.InvoicesEnabled, actual.InvoicesEnabled);
        Assert.Equal(expected.ArchiveUsageRecords, actual.ArchiveUsageRecords);
        Assert.Equal(expected.Taxation, actual.Taxation);
        Assert.Equal(expected.Taxation.Kind, actual.Taxation.Kind);
        Assert.Equal(expected.Taxation.Percentage, actual.Taxation.Percentage);
        Assert.Equal(expected.GracePeriodDays, actual.GracePeriodDays);
        Assert.Equal(expected.InvoiceTemplate, actual.InvoiceTemplate);
        Assert.Equal(expected.NotificationList, actual.NotificationList);
        Assert.Equal(
            expected.CustomFields.Select(f => (f.Name, f.Type, f.IsMandatory, string.Join("|", f.Choices))),
            actual.CustomFields.Select(f => (f.Name, f.Type, f.IsMandatory, string.Join("|", f.Choices))));
    }

    private static void AssertSameAccount(Account expected, Account actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.OwnerId, actual.OwnerId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Alias, actual.Alias);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.BalanceModel, actual.BalanceModel);
        Assert.Equal(expected.CreditLimit, actual.CreditLimit);
        Assert.Equal(expected.Status, actual.Status);
        AssertSameFeatures(expected.Features, actual.Features);
    }

    private static void AssertSameNumber(Number expected, Number actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.OwnerId, actual.OwnerId);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Tariff, actual.Tariff);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.DateSold, actual.DateSold);
        Assert.Equal(expected.DateCeased, actual.DateCeased);
        AssertSameFeatures(expected.Features, actual.Features);
    }

    private static void AssertSameService(Service expected, Service actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.OwnerId, actual.OwnerId);
        Assert.Equal(expected.ServiceType, actual.ServiceType);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Currency, actual.Currency);
        Assert.Equal(expected.StartDate, actual.StartDate);
        Assert.Equal(expected.EndDate, actual.EndDate);
        AssertSameFeatures(expected.Features, actual.Features);
    }

    private static void AssertSameFeatures(IReadOnlyList<Feature> expected, IReadOnlyList<Feature> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.UnitAmount, a.UnitAmount);
            Assert.Equal(e.Quantity, a.Quantity);
            Assert.Equal(e.Kind, a.Kind);
            Assert.Equal(e.StartDate, a.StartDate);
            Assert.Equal(e.EndDate, a.EndDate);
            Assert.Equal(e.Proration, a.Proration);
        }
    }

    /// <summary>Builds the version probe of one aggregate kind, with the records it refers to already stored.</summary>
    private static async Task<Probe> ProbeForAsync(string kind, StoreUnderTest store)
    {
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Owner", root.Id));
        return kind switch
        {
            "Customer" => new Probe<Customer, CustomerId>(
                store.Customers,
                CustomerRecord("PROBE-01", Probe.FirstMark, root.Id),
                c => c.Id,
                (c, mark) => c.Rename(mark, []),
                c => c.Name,
                c => c.Version,
                (c, v) => c.WithVersion(v)),
            "CustomerClass" => new Probe<CustomerClass, CustomerClassId>(
                store.Classes,
                CustomerClass.Create(CustomerClassId.From("PROBE-01"), Probe.FirstMark, ClassManager.Administrator),
                c => c.Id,
                (c, mark) => c.Rename(mark),
                c => c.Name,
                c => c.Version,
                (c, v) => c.WithVersion(v)),
            "Account" => new Probe<Account, AccountId>(
                store.Accounts,
                Account.Create(AccountId.From("PROBE-01"), owner, Probe.FirstMark),
                a => a.Id,
                (a, mark) => a.Rename(mark),
                a => a.Name,
                a => a.Version,
                (a, v) => a.WithVersion(v)),
            "Number" => new Probe<Number, NumberId>(
                store.Numbers,
                Number.Create(NumberId.From("PROBE-01"), owner, "+441632960999", Probe.FirstMark, RepoDay, numbering: DramaAllowed),
                n => n.Id,
                (n, mark) => n.WithTariff(mark),
                n => n.Tariff,
                n => n.Version,
                (n, v) => n.WithVersion(v)),
            "Service" => new Probe<Service, ServiceId>(
                store.Services,
                Service.Create(ServiceId.From("PROBE-01"), owner, "hosting", Probe.FirstMark, RepoDay),
                s => s.Id,
                (s, mark) => s.Rename(mark),
                s => s.Name,
                s => s.Version,
                (s, v) => s.WithVersion(v)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown aggregate kind"),
        };
    }

    /// <summary>Drives one repository through its versioned writes, reading back (version, mark) where the mark is a field each change sets.</summary>
    private abstract class Probe
    {
        public const string FirstMark = "First";

        public abstract string Id { get; }

        public abstract ValueTask<long> AddAsync(CancellationToken cancellationToken = default);

        public abstract ValueTask AddWithVersionAsync(long version);

        public abstract ValueTask AddOtherWithSameIdAsync();

        public abstract ValueTask<long> UpdateAsync(long version, string mark, CancellationToken cancellationToken = default);

        public abstract ValueTask DeleteAsync(long version, CancellationToken cancellationToken = default);

        public abstract ValueTask<(long Version, string Mark)?> FindAsync();
    }

    private sealed class Probe<T, TId>(
        IRepository<T, TId> repository,
        T sample,
        Func<T, TId> idOf,
        Func<T, string, T> mark,
        Func<T, string> markOf,
        Func<T, long> versionOf,
        Func<T, long, T> withVersion) : Probe
        where T : class
        where TId : struct
    {
        public override string Id => idOf(sample).ToString() ?? string.Empty;

        public override async ValueTask<long> AddAsync(CancellationToken cancellationToken = default)
            => versionOf(await repository.AddAsync(sample, cancellationToken));

        public override async ValueTask AddWithVersionAsync(long version) => await repository.AddAsync(withVersion(sample, version));

        public override async ValueTask AddOtherWithSameIdAsync() => await repository.AddAsync(mark(sample, "Other"));

        public override async ValueTask<long> UpdateAsync(long version, string newMark, CancellationToken cancellationToken = default)
            => versionOf(await repository.UpdateAsync(withVersion(mark(sample, newMark), version), cancellationToken));

        public override async ValueTask DeleteAsync(long version, CancellationToken cancellationToken = default)
            => await repository.DeleteAsync(idOf(sample), version, cancellationToken);

        public override async ValueTask<(long Version, string Mark)?> FindAsync()
            => await repository.FindAsync(idOf(sample)) is { } found ? (versionOf(found), markOf(found)) : null;
    }
}
