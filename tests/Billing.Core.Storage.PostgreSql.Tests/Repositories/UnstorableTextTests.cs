using System.Reflection;
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
/// Text PostgreSQL cannot hold — U+0000 and unpaired UTF-16 surrogates, which the domain's factories refuse but <c>Restore</c>
/// and ledger requests let through — is refused with a <see cref="BillingRuleException"/> naming the field before anything is
/// sent: never silently changed (System.Text.Json writes U+FFFD for an unpaired surrogate), never a database error.
/// </summary>
[PostgresTest]
public sealed class UnstorableTextTests(MigratedStore fixture) : IClassFixture<MigratedStore>
{
    private static readonly LocalDate Day = new(2026, 1, 1);
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);
    private static readonly NumberingOptions DramaAllowed = NumberingOptions.Default with { AllowDramaNumbers = true };

    private static readonly (string Entity, Type Snapshot)[] Snapshots =
    [
        ("Customer", typeof(CustomerSnapshot)), ("CustomerClass", typeof(CustomerClassSnapshot)), ("Account", typeof(AccountSnapshot)),
        ("Number", typeof(NumberSnapshot)), ("Service", typeof(ServiceSnapshot)),
    ];

    /// <summary>Every free text of every snapshot — each string member, found by reflection so that a member added later is
    /// covered too, each feature's name and the keys of custom data — with each kind of text PostgreSQL cannot hold.</summary>
    public static TheoryData<string, string, string> Fields()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (entity, type) in Snapshots)
        {
            var members = type.GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => p.Name).ToList();
            if (type.GetProperty("Features") is not null)
            {
                members.Add("Features[0].Name");
            }

            if (type == typeof(CustomerSnapshot))
            {
                members.Add("CustomData");
            }

            foreach (var member in members)
            {
                data.Add(entity, member, "U+0000");
                data.Add(entity, member, "unpaired surrogate");
            }
        }

        return data;
    }

    [Fact]
    public void Snapshots_EveryMemberThatHoldsFreeText_IsAStringAFeatureListOrCustomData()
    {
        // Members of other types are values the domain's own factories check (ids, addresses, custom field values and
        // definitions, phone numbers, currencies, dates, zones, enums): a new kind of member must be added to the store's list
        // of texts it checks (PostgreSqlRepository.Texts) and to the theory above.
        Type[] checkedByFactories =
        [
            typeof(CustomerId), typeof(CustomerId?), typeof(CustomerClassId), typeof(CustomerClassId?), typeof(AccountId), typeof(AccountId?),
            typeof(NumberId), typeof(ServiceId), typeof(FeatureId), typeof(PostalAddress), typeof(BillingCycle), typeof(DateTimeZone), typeof(LocalDate),
            typeof(LocalDate?), typeof(BalanceModel), typeof(Currency), typeof(Currency?), typeof(Money), typeof(Money?), typeof(int), typeof(long), typeof(bool),
            typeof(BillingStatus), typeof(ClassManager), typeof(Taxation), typeof(PhoneNumber), typeof(NumberType), typeof(FeatureKind), typeof(Proration),
            typeof(IReadOnlyList<CustomFieldDefinition>), typeof(IReadOnlyDictionary<string, CustomFieldValue>), typeof(IReadOnlyList<FeatureSnapshot>),
            typeof(MonthEndPolicy), typeof(Duration), typeof(IReadOnlyList<BillingChangeSnapshot>),
        ];

        foreach (var type in Snapshots.Select(s => s.Snapshot).Append(typeof(FeatureSnapshot)).Append(typeof(BillingChangeSnapshot)))
        {
            foreach (var property in type.GetProperties())
            {
                (property.PropertyType == typeof(string) || checkedByFactories.Contains(property.PropertyType))
                    .ShouldBeTrue($"{type.Name}.{property.Name} is a {property.PropertyType}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Write_TextPostgreSqlCannotHold_IsRefusedNamingTheFieldAndNothingIsWritten(string entity, string member, string kind)
    {
        var bad = kind == "U+0000" ? "bad\0text" : "bad \uD83D text"; // half of an emoji
        var store = fixture.Store;
        var n = fixture.NextId();
        var root = await store.Customers.AddAsync(Customer.Restore(CustomerFields(n, "ROOT", null)));
        var owner = await store.Customers.AddAsync(Customer.Restore(CustomerFields(n, "OWNER", root.Id)));
        var field = $"{entity}.{member}";
        var feature = Feature.Recurring(FeatureId.From($"FEAT-{n}"), "Line rental", Money.Of(1m, "GBP"), Day).ToSnapshot();

        switch (entity)
        {
            case "Customer":
                var customer = CustomerFields(n, "CUS", root.Id);
                if (member == "CustomData")
                {
                    var withClass = await store.Classes.AddAsync(CustomerClass.Create(CustomerClassId.From($"CLS-{n}"), $"Class {n}", ClassManager.Administrator));
                    customer = customer with { ClassId = withClass.Id };
                }

                await RefusedAsync(store.Customers, customer, Customer.Restore, c => c.ToSnapshot(), s => s.Id, field, s => member == "CustomData"
                    ? s with { CustomData = new Dictionary<string, CustomFieldValue> { [bad] = CustomFieldValue.Text("x") } }
                    : Spoil(s, member, bad));
                break;
            case "CustomerClass":
                var customerClass = CustomerClass.Create(CustomerClassId.From($"CLS-{n}"), $"Class {n}", ClassManager.Administrator, description: "d").ToSnapshot();
                await RefusedAsync(store.Classes, customerClass, CustomerClass.Restore, c => c.ToSnapshot(), s => s.Id, field, s => Spoil(s, member, bad));
                break;
            case "Account":
                var account = Account.Create(AccountId.From($"ACC-{n}"), owner, "Lines", alias: $"alias-{n}").ToSnapshot() with { Features = [feature] };
                await RefusedAsync(store.Accounts, account, Account.Restore, a => a.ToSnapshot(), s => s.Id, field, s => member == "Features[0].Name"
                    ? s with { Features = [feature with { Name = bad }] }
                    : Spoil(s, member, bad));
                break;
            case "Number":
                var number = Number.Create(NumberId.From($"NUM-{n}"), owner, $"+44 1632 960{n % 1000:000}", "T1", Day, numbering: DramaAllowed).ToSnapshot() with { Features = [feature] };
                await RefusedAsync(store.Numbers, number, Number.Restore, x => x.ToSnapshot(), s => s.Id, field, s => member == "Features[0].Name"
                    ? s with { Features = [feature with { Name = bad }] }
                    : Spoil(s, member, bad));
                break;
            default:
                var service = Service.Create(ServiceId.From($"SVC-{n}"), owner, "hosting", "Web", Day, description: "d").ToSnapshot() with { Features = [feature] };
                await RefusedAsync(store.Services, service, Service.Restore, x => x.ToSnapshot(), s => s.Id, field, s => member == "Features[0].Name"
                    ? s with { Features = [feature with { Name = bad }] }
                    : Spoil(s, member, bad));
                break;
        }
    }

    [Theory]
    [InlineData("IdempotencyKey", "U+0000")]
    [InlineData("IdempotencyKey", "unpaired surrogate")]
    [InlineData("Notes", "U+0000")]
    [InlineData("Notes", "unpaired surrogate")]
    [InlineData("Reference", "U+0000")]
    [InlineData("Reference", "unpaired surrogate")]
    public async Task LedgerWrite_TextPostgreSqlCannotHold_IsRefusedNamingTheFieldAndNothingIsWritten(string member, string kind)
    {
        var bad = kind == "U+0000" ? "bad\0text" : "bad \uDE00 text"; // the second half of an emoji
        var n = fixture.NextId();
        var ledgers = fixture.Store.Ledgers;
        var account = LedgerOwner.ForAccount(AccountId.From($"ACC-{n}"));
        var customer = LedgerOwner.ForCustomer(CustomerId.From($"CUS-{n}"));
        ChargeLevel[] chain = [Level(account), Level(customer)];
        TransactionRequest Request(TransactionKind kind) => new(
            TransactionId.New(), kind, Money.Of(1m, "GBP"), Now, member == "IdempotencyKey" ? bad : "key", member == "Notes" ? bad : "notes", member == "Reference" ? bad : "reference");

        var charge = await Should.ThrowAsync<BillingRuleException>(async () => await ledgers.AuthoriseAndAppendAsync(Request(TransactionKind.Charge), chain));
        var posting = await Should.ThrowAsync<BillingRuleException>(async () => await ledgers.AppendAsync(customer, Currency.GBP, Request(TransactionKind.TopUp)));

        charge.Field.ShouldBe($"LedgerTransaction.{member}");
        posting.Field.ShouldBe($"LedgerTransaction.{member}");
        posting.Message.ShouldContain(kind == "U+0000" ? "U+0000" : "unpaired UTF-16 surrogate (U+DE00)");
        posting.Message.ShouldNotContain("\0");
        (await ledgers.GetHeadAsync(account)).ShouldBeNull();
        (await ledgers.GetHeadAsync(customer)).ShouldBeNull();
        (await ledgers.FindByIdempotencyKeyAsync(customer, bad)).ShouldBeNull("a key the database cannot hold is in no ledger");
        (await ledgers.AppendAsync(customer, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(1m, "GBP"), Now, "key"))).IsReplay.ShouldBeFalse();
    }

    [Fact]
    public async Task FindByAlias_TextPostgreSqlCannotHold_FindsNothing()
    {
        (await fixture.Store.Accounts.FindByAliasAsync("bad\0alias")).ShouldBeNull();
        (await fixture.Store.Accounts.FindByAliasAsync("bad\uD800alias")).ShouldBeNull();
    }

    private static async Task RefusedAsync<TAggregate, TId, TSnapshot>(
        IRepository<TAggregate, TId> repository,
        TSnapshot valid,
        Func<TSnapshot, TAggregate> restore,
        Func<TAggregate, TSnapshot> snapshotOf,
        Func<TSnapshot, TId> idOf,
        string field,
        Func<TSnapshot, TSnapshot> spoil)
        where TAggregate : class
        where TId : struct, Identity.IBillingId<TId>
    {
        var add = await Should.ThrowAsync<BillingRuleException>(async () => await repository.AddAsync(restore(spoil(valid))));
        add.Field.ShouldBe(field);
        (await repository.FindAsync(idOf(valid))).ShouldBeNull();

        var stored = await repository.AddAsync(restore(valid));
        var update = await Should.ThrowAsync<BillingRuleException>(async () => await repository.UpdateAsync(restore(spoil(snapshotOf(stored)))));
        update.Field.ShouldBe(field);
        snapshotOf((await repository.FindAsync(idOf(valid)))!).ShouldBe(snapshotOf(stored));
    }

    /// <summary>A copy of the snapshot record with one string member set (reflection sets an <c>init</c> accessor like any other).</summary>
    private static T Spoil<T>(T snapshot, string member, string value)
    {
        var copy = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(snapshot, null)!;
        typeof(T).GetProperty(member, BindingFlags.Public | BindingFlags.Instance)!.SetValue(copy, value);
        return copy;
    }

    private static ChargeLevel Level(LedgerOwner owner) => new(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);

    private static CustomerSnapshot CustomerFields(int n, string prefix, CustomerId? parent) => new()
    {
        Id = CustomerId.From($"{prefix}-{n}"),
        Name = $"{prefix} {n} {Guid.NewGuid():N}",
        Email = "someone@example.com",
        BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB"),
        ParentId = parent,
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
}
