using System.Text;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Billing.Core.Storage.Sqlite.Tests.Repositories;

/// <summary>
/// Texts that break stores which splice values into SQL or trim, re-case or truncate them: quotes, SQL, Unicode beyond the
/// basic plane, right-to-left and combining marks, NUL and other control characters, and 10,000 characters. Every one comes back
/// exactly as written, and the schema is untouched.
/// </summary>
public sealed class HostileStringTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);
    private readonly TempDatabase _file = new();
    private readonly SqliteBillingStore _store;

    public HostileStringTests() => _store = _file.NewMigratedStore();

    public static TheoryData<string> Texts => new()
    {
        "O'Brien \"quoted\" `back` \\ slash",
        "x'); DROP TABLE customers; --",
        "'; DELETE FROM ledger_entries WHERE '1'='1",
        "Ünïcödé 日本語 한국어 emoji 🧾💷👩🏽‍💻 עברית مرحبا e\u0301 \u200D\uFEFF",
        "nul\0inside and \u0001\u001f controls\r\n\ttabs",
        "$id $snapshot ? ?1 :name @p",
        "lone \uD800 surrogate",
        Long(),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Customer_HostileNameAndEmail_RoundTripExactly(string text)
    {
        var customer = Customer.Restore(new CustomerSnapshot
        {
            Id = CustomerId.From("CUS-'\";--"),
            Name = text,
            Email = text,
            BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
            BillingCycle = BillingCycle.Monthly,
            BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
            BillingCycleAnchor = new LocalDate(2026, 1, 1),
            BalanceModel = BalanceModel.Postpaid,
            Currency = Currency.GBP,
            PaymentTermsDays = 30,
            Language = "en-GB",
            Status = BillingStatus.Active,
            Version = 0,
        });

        var added = await _store.Customers.AddAsync(customer);
        var found = await _store.Customers.FindAsync(customer.Id);

        found.ShouldNotBeNull();
        found.Name.ShouldBe(text);
        found.Email.ShouldBe(text);
        found.ToSnapshot().ShouldBe(added.ToSnapshot());
        (await _store.Customers.ListChildrenAsync(null)).Single().Name.ShouldBe(text);
        SchemaIsWhole();
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Ledger_HostileNotesReferenceAndKey_RoundTripExactlyAndFindTheEntry(string text)
    {
        var key = text.Length > TransactionRequest.MaxIdempotencyKeyLength - 2 ? text[..(TransactionRequest.MaxIdempotencyKeyLength - 2)] : text;
        var account = LedgerOwner.ForAccount(AccountId.From("ACC-'\";--"));
        var customer = LedgerOwner.ForCustomer(CustomerId.From("CUS-'\";--"));
        ChargeLevel[] chain = [Level(account), Level(customer)];

        var charge = await _store.Ledgers.AuthoriseAndAppendAsync(new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(1.5m, "GBP"), Now, key, text, text), chain);
        var posted = await _store.Ledgers.AppendAsync(customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.Payment, Money.Of(1m, "GBP"), Now, key + "-p", text, text));

        var found = await _store.Ledgers.FindByIdempotencyKeyAsync(account, key);
        found.ShouldBe(charge.Transaction);
        found!.Notes.ShouldBe(text);
        found.Reference.ShouldBe(text);
        found.IdempotencyKey.ShouldBe(key);
        var atCustomer = new LedgerTransaction(found.Id, customer, TransactionKind.Charge, found.Amount, found.LedgerAmount, null, Now, key, text, text);
        (await _store.Ledgers.GetTransactionsAsync(customer)).ShouldBe([atCustomer, posted.Transaction]);
        (await _store.Ledgers.AuthoriseAndAppendAsync(new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(9m, "GBP"), Now, key), chain)).IsReplay.ShouldBeTrue();
        SchemaIsWhole();
    }

    [Fact]
    public async Task Account_HostileAlias_IsFoundIgnoringCaseAndRefusedTwice()
    {
        var root = await _store.Customers.AddAsync(Customer.Restore(Root("ROOT-1")));
        var owner = await _store.Customers.AddAsync(Customer.Restore(Root("CUS-1") with { Name = "Owner", ParentId = root.Id }));
        const string alias = "o'brien\";DROP-ÄÖÜ-ß-ǅ-𐐨";
        await _store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-1"), owner, "Desk", alias: alias));

        (await _store.Accounts.FindByAliasAsync(alias.ToUpperInvariant()))!.Alias.ShouldBe(alias);
        await Should.ThrowAsync<DuplicateEntityException>(async () => await _store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-2"), owner, "Desk", alias: alias.ToUpperInvariant())));
        SchemaIsWhole();
    }

    public void Dispose()
    {
        _store.Dispose();
        _file.Dispose();
    }

    private static string Long()
    {
        var builder = new StringBuilder();
        while (builder.Length < 10_000)
        {
            builder.Append("'; DROP TABLE ledger_entries; -- 💷 ");
        }

        return builder.ToString(0, 10_000);
    }

    private static ChargeLevel Level(LedgerOwner owner) => new(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);

    private static CustomerSnapshot Root(string id) => new()
    {
        Id = CustomerId.From(id),
        Name = "Root",
        Email = "root@example.com",
        BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        BillingCycleAnchor = new LocalDate(2026, 1, 1),
        BalanceModel = BalanceModel.Postpaid,
        Currency = Currency.GBP,
        PaymentTermsDays = 30,
        Language = "en-GB",
        Status = BillingStatus.Active,
        Version = 0,
    };

    private void SchemaIsWhole()
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        connection.Scalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table'").ShouldBe(10);
        connection.Scalar<string>("PRAGMA integrity_check").ShouldBe("ok");
    }
}
