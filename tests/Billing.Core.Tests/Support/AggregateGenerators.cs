using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Support;

/// <summary>
/// FsCheck generators of whole aggregates, built only through the public domain API (factory, <c>Create</c>, <c>With…</c> and verb
/// methods) from the test-data builders in <see cref="DomainFixtures"/>, with every optional field sometimes set and sometimes not.
/// </summary>
public static class AggregateGenerators
{
    private static readonly string[] Names = ["Acme Ltd", "Zoë's Café", "北京电信", "O'Brien & Sons", "x", new string('n', 200)];
    private static readonly string[] Texts = ["hosted-pbx", "Line rental", "Überweisung", "a b c", new string('t', 64)];
    private static readonly string[] Languages = ["en", "en-GB", "fr-FR", "zh-Hant-TW", "x-private", "i-klingon"];
    private static readonly string[] Emails = ["billing@example.co.uk", "first.last+tag@mail.example.org", "O'Brien@Example.IE"];
    private static readonly string[] PhoneNumbers = ["01632 960123", "+44 7700 900123", "0800 123 4567", "020 7946 0000", "118 118", "+1 212 555 0100"];

    private static readonly CustomFieldDefinition[] FieldPool =
    [
        CustomFieldDefinition.Create("VAT number", CustomFieldType.Text),
        CustomFieldDefinition.Create("Seats", CustomFieldType.Number, mandatory: true),
        CustomFieldDefinition.Create("Contract start", CustomFieldType.Date),
        CustomFieldDefinition.Create("Managed", CustomFieldType.Boolean),
        CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, choices: ["Gold", "Silver", "Bronze"]),
    ];

    public static Arbitrary<Customer> Customers => Customer.ToArbitrary();

    public static Arbitrary<CustomerClass> Classes => CustomerClass.ToArbitrary();

    public static Arbitrary<Account> Accounts => Account.ToArbitrary();

    public static Arbitrary<Number> Numbers => Number.ToArbitrary();

    public static Arbitrary<Service> Services => Service.ToArbitrary();

    public static Arbitrary<Feature> Features => (from c in Generators.Currency from f in Feature(c, new LocalDate(2026, 1, 1), null, 0) select f).ToArbitrary();

    public static Gen<Customer> Customer =>
        from isRoot in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
        from withClass in Gen.Elements(true, false)
        from model in Gen.Elements(BalanceModel.Prepaid, BalanceModel.Postpaid)
        from cycle in PeriodGenerators.Cycle
        from zone in PeriodGenerators.Zone
        from language in Gen.Elements(Languages)
        from email in Gen.Elements(Emails)
        from name in Gen.Elements(Names)
        from currency in Generators.Currency
        from limit in OrNull(NonNegative(1_000_000_000m))
        from terms in Gen.Choose(0, Core.Customers.Customer.MaxPaymentTermsDays)
        from hours in Gen.Choose(0, 400_000)
        from data in CustomData
        from status in Gen.Elements(BillingStatus.Active, BillingStatus.Suspended, BillingStatus.Closed)
        from version in Versions
        select BuildCustomer(isRoot, withClass, model, cycle, zone, language, email, name, currency, limit, terms, hours, data, status, version);

    public static Gen<CustomerClass> CustomerClass =>
        from name in Gen.Elements(Names.Where(n => n.Length <= 100).ToArray())
        from reseller in Gen.Elements(true, false)
        from currency in OrNull(Generators.Currency)
        from description in OrNullText
        from businessModel in OrNullText
        from invoices in Gen.Elements(true, false)
        from archive in Gen.Elements(true, false)
        from tax in Gen.Frequency((1, Gen.Constant(Taxation.None)), (3, Gen.Choose(0, 1_000_000).Select(p => Taxation.FlatPercentage(p / 10_000m))))
        from grace in Gen.Choose(0, Core.CustomerClasses.CustomerClass.MaxGracePeriodDays)
        from template in OrNullText
        from notifications in OrNullText
        from fields in Gen.Elements(true, false).ArrayOf(FieldPool.Length)
        from version in Versions
        select Core.CustomerClasses.CustomerClass.Create(
                CustomerClassId.From("CLS-" + name.Length),
                name,
                reseller ? ClassManager.Reseller(CustomerId.From("RES")) : ClassManager.Administrator,
                currency,
                description,
                businessModel,
                invoices,
                archive,
                tax,
                grace,
                template,
                notifications,
                FieldPool.Where((_, i) => fields[i]))
            .WithVersion(version);

    public static Gen<Account> Account =>
        from currency in OrNull(Generators.Currency)
        from model in OrNull(Gen.Elements(BalanceModel.Prepaid, BalanceModel.Postpaid))
        from limit in OrNull(NonNegative(1_000_000m))
        from alias in Gen.Elements<string?>(null, "sip-1001", "RECEPTION", "é")
        from name in Gen.Elements(Names)
        from featureCount in Gen.Choose(0, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        from status in Gen.Elements(BillingStatus.Active, BillingStatus.Suspended, BillingStatus.Closed)
        from version in Versions
        let owner = EndCustomer()
        let c = currency ?? owner.Currency
        let postpaid = model != BalanceModel.Prepaid
        let created = Core.Accounts.Account.Create(
            AccountId.From("ACC-" + seed), owner, name, alias, currency, model, postpaid && limit is { } l ? new Money(l, c) : null)
        from features in Features_(c, new LocalDate(2025, 6, 1), null, featureCount)
        select WithStatus(features.Aggregate(created, (a, f) => a.AttachFeature(f)), status).WithVersion(version);

    public static Gen<Number> Number =>
        from input in Gen.Elements(PhoneNumbers)
        from fixedOrMobile in Gen.Elements(NumberType.Geographic, NumberType.Mobile)
        from billedToAccount in Gen.Elements(true, false)
        from accountCurrency in Generators.Currency
        from sold in Dates
        from ceasedAfter in OrNull(Gen.Choose(0, 2000))
        from tariff in Gen.Elements(Texts)
        from featureCount in Gen.Choose(0, 4)
        from version in Versions
        let owner = EndCustomer()
        let account = billedToAccount ? Core.Accounts.Account.Create(AccountId.From("ACC-N"), owner, "Lines", currency: accountCurrency) : null
        let ceased = ceasedAfter is { } days ? sold.PlusDays(days) : (LocalDate?)null
        let created = Core.Numbers.Number.Create(
            NumberId.From("NUM-" + input.Length),
            owner,
            input,
            tariff,
            sold,
            input.StartsWith("+1", StringComparison.Ordinal) ? fixedOrMobile : null, // North American numbers need a type; others are detected
            account,
            ceased,
            NumberingOptions.Default with { AllowDramaNumbers = true })
        from features in Features_(created.Currency, sold, ceased, featureCount)
        select features.Aggregate(created, (n, f) => n.AttachFeature(f)).WithVersion(version);

    public static Gen<Service> Service =>
        from type in Gen.Elements(Texts)
        from name in Gen.Elements(Names)
        from description in OrNullText
        from start in Dates
        from endAfter in OrNull(Gen.Choose(0, 2000))
        from featureCount in Gen.Choose(0, 4)
        from version in Versions
        let owner = EndCustomer()
        let end = endAfter is { } days ? start.PlusDays(days) : (LocalDate?)null
        let created = Core.Services.Service.Create(ServiceId.From("SVC-" + name.Length), owner, type, name, start, description, end)
        from features in Features_(created.Currency, start, end, featureCount)
        select features.Aggregate(created, (s, f) => s.AttachFeature(f)).WithVersion(version);

    /// <summary>A feature in <paramref name="currency"/> lying within [<paramref name="firstDay"/>, <paramref name="lastDay"/>].</summary>
    public static Gen<Feature> Feature(Currency currency, LocalDate firstDay, LocalDate? lastDay, int index) =>
        from oneOff in Gen.Elements(true, false)
        from startOffset in Gen.Choose(0, 1000)
        from length in OrNull(Gen.Choose(0, 1000))
        from amount in NonNegative(Core.Features.Feature.MaxUnitAmount)
        from quantity in Gen.Frequency((4, Gen.Choose(1, 12)), (1, Gen.Choose(1, Core.Features.Feature.MaxQuantity)))
        from proration in Gen.Elements(Proration.ByDay, Proration.None)
        from name in Gen.Elements(Texts)
        let span = lastDay is { } last ? Period.DaysBetween(firstDay, last) : 1000
        let start = firstDay.PlusDays(Math.Min(startOffset, span))
        let end = length is { } days ? start.PlusDays(days) : lastDay
        let id = FeatureId.From("F-" + index)
        let money = new Money(amount, currency)
        select oneOff
            ? Core.Features.Feature.OneOff(id, name, money, start, quantity)
            : Core.Features.Feature.Recurring(id, name, money, start, lastDay is { } stop && (end is null || end.Value > stop) ? stop : end, quantity, proration);

    private static Gen<Feature[]> Features_(Currency currency, LocalDate firstDay, LocalDate? lastDay, int count)
        => count == 0 ? Gen.Constant(Array.Empty<Feature>()) : Gen.CollectToArray(Enumerable.Range(0, count).Select(i => Feature(currency, firstDay, lastDay, i)));

    private static Gen<IReadOnlyDictionary<string, CustomFieldValue>> CustomData =>
        from text in Gen.Elements<string?>(null, "GB123456789", "n/a")
        from seats in Gen.Choose(0, 500)
        from start in OrNull(Dates)
        from managed in OrNull(Gen.Elements(true, false))
        from tier in Gen.Elements<string?>(null, "Gold", "silver", "BRONZE")
        select Data(text, seats, start, managed, tier);

    private static IReadOnlyDictionary<string, CustomFieldValue> Data(string? text, int seats, LocalDate? start, bool? managed, string? tier)
    {
        var data = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(seats / 4m) };
        if (text is not null)
        {
            data["vat NUMBER"] = CustomFieldValue.Text(text);
        }

        if (start is { } d)
        {
            data["Contract start"] = CustomFieldValue.Date(d);
        }

        if (managed is { } m)
        {
            data["Managed"] = CustomFieldValue.Boolean(m);
        }

        if (tier is not null)
        {
            data["Tier"] = CustomFieldValue.Choice(tier);
        }

        return data;
    }

    private static Customer BuildCustomer(
        bool isRoot, bool withClass, BalanceModel model, BillingCycle cycle, string zone, string language, string email, string name, Currency currency,
        decimal? limit, int terms, int hours, IReadOnlyDictionary<string, CustomFieldValue> data, BillingStatus status, long version)
    {
        var createdAt = Instant.FromUtc(1990, 1, 1, 0, 0) + Duration.FromHours(hours);
        var factory = Factory();
        var request = Request(name) with
        {
            Email = email, BillingCycle = cycle, BillingTimeZone = DateTimeZoneProviders.Tzdb[zone], Language = language, Currency = currency, PaymentTermsDays = terms,
        };
        Customer customer;
        if (isRoot)
        {
            customer = factory.CreateRoot(request, CustomerHierarchy.Empty(), createdAt);
        }
        else
        {
            var (h, root, reseller, _) = Tree();
            var cls = withClass ? Core.CustomerClasses.CustomerClass.Create(CustomerClassId.From("RETAIL"), "Retail", ClassManager.Administrator, customFields: FieldPool) : null;
            customer = factory.Create(
                request with
                {
                    ParentId = withClass ? root.Id : reseller.Id,
                    BalanceModel = model,
                    CreditLimit = model == BalanceModel.Postpaid && limit is { } l ? new Money(l, currency) : null,
                    CustomData = withClass ? data : null,
                },
                h,
                cls,
                createdAt).Customer;
        }

        return (status switch
        {
            BillingStatus.Suspended => customer.Suspend(),
            BillingStatus.Closed => customer.Close(),
            _ => customer,
        }).WithVersion(version);
    }

    private static Account WithStatus(Account account, BillingStatus status) => status switch
    {
        BillingStatus.Suspended => account.Suspend(),
        BillingStatus.Closed => account.Close(),
        _ => account,
    };

    private static Gen<LocalDate> Dates => Gen.Choose(0, 30_000).Select(d => new LocalDate(1990, 1, 1).PlusDays(d));

    private static Gen<long> Versions => Gen.Frequency((3, Gen.Choose(0, 10).Select(v => (long)v)), (1, Gen.Choose(0, int.MaxValue).Select(v => v * 4_000_000_000L)));

    private static Gen<string?> OrNullText => Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Gen.Elements(Texts).Select(t => (string?)t)));

    private static Gen<decimal> NonNegative(decimal max) => Generators.Amount.Select(a => Math.Abs(a) % max);

    private static Gen<T?> OrNull<T>(Gen<T> gen)
        where T : struct
        => Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));
}
