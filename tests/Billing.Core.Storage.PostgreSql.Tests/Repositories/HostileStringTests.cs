using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using Billing.Core.Storage.PostgreSql.Tests.Support;
using NodaTime;

namespace Billing.Core.Storage.PostgreSql.Tests.Repositories;

/// <summary>
/// Texts that break stores which splice values into SQL, or trim, re-case, re-encode or truncate them: quotes, statements, SQL
/// comment markers, placeholders, backslashes, text that looks like JSON escapes, Unicode beyond the basic plane, right-to-left
/// and combining marks, control characters and 10,000 characters. Every one comes back exactly as written through every
/// aggregate and the ledgers, and no value ever reaches a statement's text.
/// </summary>
[PostgresTest]
public sealed class HostileStringTests(MigratedStore fixture) : IClassFixture<MigratedStore>
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);
    private static readonly LocalDate Day = new(2026, 1, 1);
    private static readonly NumberingOptions DramaAllowed = NumberingOptions.Default with { AllowDramaNumbers = true };

    private static readonly Dictionary<string, string> Hostile = new()
    {
        ["quotes"] = "O'Brien \"quoted\" `back` ‘curly’ “double” '' \"\" 'unclosed",
        ["statement"] = "x'); DROP TABLE customers; --",
        ["always true"] = "' OR '1'='1' OR ''=' ; DELETE FROM ledger_entries WHERE '1'='1",
        ["comments"] = "  /* open comment -- line comment # hash ; */ */ /* ",
        ["placeholders"] = "$1 $2::jsonb ? ?1 :name @p %s {0} $$ dollar $$ $tag$ quoted $tag$ E'\\x00' U&'\\0000'",
        ["json escapes"] = "{\"Name\":null,\"Version\":99}\\u0000 \\uD800 \\\" \\n \"}",
        ["backslashes"] = "C:\\Users\\billing\\ \\\\server\\share \\x27 \\' \\\\' \\",
        ["unicode"] = "Ünïcödé 日本語 한국어 🧾💷👩🏽‍💻 עברית مرحبا \u202Eright-to-left\u202C e\u0301 a\u0308\u0304 \u200D\u200B\uFEFF 𐐀 ẞ İ ﬃ",
        ["controls"] = "tab\there\r\nnew line \u0001\u001F\u007F\u0085 bell\a",
        ["10,000 characters"] = Long(),
    };

    public static TheoryData<string> Texts => new(Hostile.Keys);

    [Theory]
    [MemberData(nameof(Texts))]
    public Task EveryAggregate_HostileTextInEveryFreeTextField_RoundTripsExactly(string name) => RoundTripEveryAggregateAsync(Hostile[name]);

    [Theory]
    [MemberData(nameof(Texts))]
    public Task Ledger_HostileKeyNotesAndReference_RoundTripExactlyAndFindTheEntry(string name) => RoundTripLedgerAsync(Hostile[name]);

    [Fact]
    public async Task Store_HostileValuesInEveryWriteAndRead_NeverAppearInTheTextOfAStatement()
    {
        // Every statement the store sends, as Npgsql traces it: its text, never its parameters.
        var statements = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.query.text") is string sql && activity.GetTagItem("db.npgsql.data_source") is string source && source.Contains(fixture.Schema, StringComparison.Ordinal))
                {
                    statements.Enqueue(sql);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        const string Canary = "CANARY-7f3e";
        var text = Canary + "'\"; -- \\ /*";

        // Every kind of statement of the store: the writes and reads of the round trips with the marked text in every value,
        // then the refusals (a taken id, a stale version, a reference, the number rule), which read and write again.
        var written = await RoundTripEveryAggregateAsync(text);
        await RoundTripLedgerAsync(text);
        var store = fixture.Store;
        await Should.ThrowAsync<DuplicateEntityException>(async () => await store.Accounts.AddAsync(Account.Restore(written.Account.ToSnapshot() with { Version = 0 })));
        await store.Services.UpdateAsync(written.Service);
        await Should.ThrowAsync<ConcurrencyConflictException>(async () => await store.Services.UpdateAsync(written.Service));
        await Should.ThrowAsync<ReferencedEntityException>(async () => await store.Accounts.DeleteAsync(written.Account.Id, 1));
        var other = await store.Customers.AddAsync(Customer.Restore(Root(fixture.NextId()) with { ParentId = written.Customer.ParentId }));
        await Should.ThrowAsync<BillingRuleException>(async () => await store.Numbers.AddAsync(
            Number.Create(NumberId.From($"NUM-{Canary}-2"), other, written.Number.Value.Value, "T", Day, numbering: DramaAllowed)));

        statements.ShouldContain(s => s.StartsWith("INSERT INTO customers", StringComparison.Ordinal), "the listener should see the store's statements");
        statements.ShouldContain(s => s.Contains("INSERT INTO ledger_entries", StringComparison.Ordinal));
        statements.ShouldContain(s => s.StartsWith("SELECT id FROM numbers WHERE account_id", StringComparison.Ordinal), "the referrer's lookup");
        statements.ShouldAllBe(s => !s.Contains(Canary, StringComparison.Ordinal));
        statements.ShouldAllBe(s => !s.Contains("'\";--", StringComparison.Ordinal), "every id written or looked up holds this, and ids are values too");
    }

    private async Task<(Customer Customer, Account Account, Number Number, Service Service)> RoundTripEveryAggregateAsync(string text)
    {
        var printable = Printable(text); // what the domain's own factories accept: no control characters
        var store = fixture.Store;
        var n = fixture.NextId();
        var root = await store.Customers.AddAsync(Customer.Restore(Root(n)));

        var customClass = CustomerClass.Restore(new CustomerClassSnapshot
        {
            Id = CustomerClassId.From($"CLS-'\";--{n}"),
            Name = text,
            Description = text,
            ManagedBy = ClassManager.Administrator,
            BusinessModel = text,
            Currency = Currency.GBP,
            InvoicesEnabled = true,
            ArchiveUsageRecords = false,
            Taxation = Taxation.FlatPercentage(20m),
            GracePeriodDays = 7,
            InvoiceTemplate = text,
            NotificationList = text,
            CustomFields =
            [
                CustomFieldDefinition.Create(Fit(printable, 64), CustomFieldType.Text, mandatory: true),
                CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, choices: [Fit(printable, 100), "Other"]),
            ],
            Version = 0,
        });
        var customer = Customer.Restore(Root(n) with
        {
            Id = CustomerId.From($"CUS-'\";--{n}"),
            ParentId = root.Id,
            ClassId = customClass.Id,
            Name = text,
            Email = text,
            Language = text,
            BillingAddress = PostalAddress.Create([Fit(printable, 100), Fit(printable, 100)], Fit(printable, 100), "GB", Fit(printable, 100), Fit(printable, 20)),
            CustomData = new Dictionary<string, CustomFieldValue>
            {
                [Fit(printable, 64)] = CustomFieldValue.Text(Fit(printable, 1000)),
                ["Tier"] = CustomFieldValue.Choice(Fit(printable, 100)),
            },
        });
        var feature = Feature.Recurring(FeatureId.From($"FEAT-'\";--{n}"), "Feature", Money.Of(1.5m, "GBP"), Day).ToSnapshot() with { Name = text };
        var account = Account.Restore(new AccountSnapshot
        {
            Id = AccountId.From($"ACC-'\";--{n}"),
            OwnerId = customer.Id,
            Name = text,
            Alias = text.Trim(), // every store looks an alias up trimmed
            Currency = Currency.GBP,
            BalanceModel = BalanceModel.Postpaid,
            Status = BillingStatus.Active,
            Features = [feature],
            Version = 0,
        });
        var number = Number.Restore(Number.Create(
                NumberId.From($"NUM-'\";--{n}"), customer, $"+44 1632 960{n % 1000:000}", "T", Day, numbering: DramaAllowed).ToSnapshot()
            with { AccountId = account.Id, Tariff = text, Features = [feature] });
        var service = Service.Restore(new ServiceSnapshot
        {
            Id = ServiceId.From($"SVC-'\";--{n}"),
            OwnerId = customer.Id,
            ServiceType = text,
            Name = text,
            Description = text,
            Currency = Currency.GBP,
            StartDate = Day,
            Features = [feature],
            Version = 0,
        });

        await store.Classes.AddAsync(customClass);
        await store.Customers.AddAsync(customer);
        await store.Accounts.AddAsync(account);
        await store.Numbers.AddAsync(number);
        await store.Services.AddAsync(service);

        var foundClass = (await store.Classes.FindAsync(customClass.Id))!;
        foundClass.Name.ShouldBe(text);
        foundClass.ToSnapshot().ShouldBe(customClass.ToSnapshot() with { Version = 1 });
        (await store.Classes.ListByManagerAsync(ClassManager.Administrator)).ShouldContain(c => c.Id == customClass.Id && c.Description == text);
        var foundCustomer = (await store.Customers.FindAsync(customer.Id))!;
        foundCustomer.Name.ShouldBe(text);
        foundCustomer.Email.ShouldBe(text);
        foundCustomer.ToSnapshot().ShouldBe(customer.ToSnapshot() with { Version = 1 });
        (await store.Customers.ListChildrenAsync(root.Id)).Single().ToSnapshot().ShouldBe(foundCustomer.ToSnapshot());
        var foundAccount = (await store.Accounts.FindAsync(account.Id))!;
        foundAccount.Alias.ShouldBe(text.Trim());
        foundAccount.ToSnapshot().ShouldBe(account.ToSnapshot() with { Version = 1 });
        (await store.Accounts.FindByAliasAsync(text.Trim().ToUpperInvariant()))!.Id.ShouldBe(account.Id);
        (await store.Accounts.ListByOwnerAsync(customer.Id)).Single().Name.ShouldBe(text);
        var foundNumber = (await store.Numbers.FindAsync(number.Id))!;
        foundNumber.Tariff.ShouldBe(text);
        foundNumber.ToSnapshot().ShouldBe(number.ToSnapshot() with { Version = 1 });
        (await store.Numbers.ListByOwnerAsync(customer.Id)).Single().Features.Single().Name.ShouldBe(text);
        var foundService = (await store.Services.FindAsync(service.Id))!;
        foundService.Description.ShouldBe(text);
        foundService.ToSnapshot().ShouldBe(service.ToSnapshot() with { Version = 1 });
        (await store.Services.ListByOwnerAsync(customer.Id)).Single().ServiceType.ShouldBe(text);

        // The update path: another hostile text replaces this one, exactly.
        var renamed = await store.Customers.UpdateAsync(Customer.Restore(foundCustomer.ToSnapshot() with { Name = text + "\\'; --" }));
        (await store.Customers.FindAsync(customer.Id))!.ToSnapshot().ShouldBe(renamed.ToSnapshot());
        await SchemaIsWholeAsync();
        return (renamed, foundAccount, foundNumber, foundService);
    }

    private async Task RoundTripLedgerAsync(string text)
    {
        var key = Fit(text, TransactionRequest.MaxIdempotencyKeyLength - 2);
        var n = fixture.NextId();
        var ledgers = fixture.Store.Ledgers;
        var account = LedgerOwner.ForAccount(AccountId.From($"ACC-'\";--{n}"));
        var customer = LedgerOwner.ForCustomer(CustomerId.From($"CUS-'\";--{n}"));
        ChargeLevel[] chain = [Level(account), Level(customer)];
        await fixture.Store.Customers.AddAsync(Customer.Restore(Root(fixture.NextId()))); // a row for SchemaIsWholeAsync to find, whatever ran before

        var charge = await ledgers.AuthoriseAndAppendAsync(new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(1.5m, "GBP"), Now, key, text, text), chain);
        var posted = await ledgers.AppendAsync(customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Money.Of(1m, "GBP"), Now, key + "-p", text, text));

        charge.IsApproved.ShouldBeTrue();
        var found = await ledgers.FindByIdempotencyKeyAsync(account, key);
        found.ShouldBe(charge.Transaction);
        found!.IdempotencyKey.ShouldBe(key);
        found.Notes.ShouldBe(text);
        found.Reference.ShouldBe(text);
        var atCustomer = new LedgerTransaction(found.Id, customer, TransactionKind.Charge, found.Amount, found.LedgerAmount, null, Now, key, text, text);
        (await ledgers.GetTransactionsAsync(customer)).ShouldBe([atCustomer, posted.Transaction]);
        (await ledgers.FindByIdempotencyKeyAsync(account, key + " ")).ShouldBeNull("keys are compared exactly, never trimmed");
        (await ledgers.AuthoriseAndAppendAsync(new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(9m, "GBP"), Now, key), chain)).IsReplay.ShouldBeTrue();
        (await ledgers.GetHeadAsync(customer))!.Value.ShouldBe(new LedgerHead(customer, Money.Of(-0.5m, "GBP"), 2));
        await SchemaIsWholeAsync();
    }

    private static ChargeLevel Level(LedgerOwner owner) => new(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);

    private static CustomerSnapshot Root(int n) => new()
    {
        Id = CustomerId.From($"ROOT-'\";--{n}"),
        Name = $"Root {n} {Guid.NewGuid():N}",
        Email = "root@example.com",
        BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        BillingCycleAnchor = Day,
        BalanceModel = BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 30,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    };

    private static string Long()
    {
        var builder = new StringBuilder();
        while (builder.Length < 10_000)
        {
            builder.Append("'; DROP TABLE ledger_entries; -- 💷 \\ ");
        }

        return Fit(builder.ToString(), 10_000);
    }

    /// <summary>At most <paramref name="length"/> characters of the text, trimmed, never ending in half a surrogate pair.</summary>
    private static string Fit(string text, int length)
    {
        var cut = text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
        return cut.Trim();
    }

    private static string Printable(string text)
        => string.Concat(text.Where(c => !char.IsControl(c))).Trim() is { Length: > 0 } printable ? printable : "printable";

    private async Task SchemaIsWholeAsync()
    {
        var dataSource = fixture.Store.DataSource;
        (await dataSource.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace")).ShouldBe(10);
        (await dataSource.ScalarAsync<long>("SELECT count(*) FROM customers")).ShouldBeGreaterThan(0);
        (await dataSource.ScalarAsync<long>("SELECT count(*) FROM ledger_entries")).ShouldBe(
            await dataSource.ScalarAsync<long>("SELECT coalesce(sum(entry_count), 0)::bigint FROM ledger_heads"));
    }
}
