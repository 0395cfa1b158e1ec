using System.Collections;
using System.Globalization;
using System.Text.Json;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Features;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Billing.Core.Tests.PublicApi;

/// <summary>
/// The argument values <see cref="PublicApiFuzzTests"/> calls members with, by parameter type: for each type a few valid values (so a
/// call gets past its other parameters to the one under attack) and the hostile ones (null, <c>default</c>, extremes, text that
/// breaks Unicode rules, dates in other calendars, undefined enum values).
/// </summary>
/// <remarks>
/// To cover a new parameter type, add one <see cref="Add{T}"/> line in the constructor. Nullable value types, enums, arrays and the
/// read-only collection interfaces are composed from their element types, so they need no line of their own.
/// </remarks>
internal sealed class HostileValues
{
    private static readonly Instant CreatedAt = Instant.FromUtc(2026, 1, 7, 12, 0);

    private readonly Dictionary<Type, (object?[] Valid, object?[] Hostile)> _table = [];

    public HostileValues()
    {
        // Text: the valid values cover every kind of text the API reads (names, codes, e-mail, numbers, zones, tags, ids).
        Add<string>(
            ["ACME Ltd", "GBP", "a@b.co", "+441632960123", "01632 960123", "Europe/London", "en-GB", "GB", "C-1", "Gold", "1 High Street"],
            [
                null, string.Empty, " ", "\t\r\n", new string('a', 10_000), new string('9', 41), "\uFFFE", "a\uFFFFb", "\uFDD0x",
                "x\U0001FFFE", "\U0010FFFF", "\uD800", "a\uDC00b", "\uDBFF", "\0", "a\u0007b", "\u0085", "\u202Ex\u202C", "\u200B",
                "e\u0301", "ﬀ", "İ", "ß", "UK", "XXX", "Etc/GMT+14", "%s{0}", "-1", "NaN", "../x", "i-klingon", "x@y.z", "+", "(0)",
            ]);
        Add<decimal>(
            [1m, 12.5m, 0.01m, 0m, 100m, 1.005m],
            [
                -1m, decimal.MinValue, decimal.MaxValue, Money.MaxAmount, -Money.MaxAmount, Money.MaxAmount + 1m, -Money.MaxAmount - 1m,
                1e-28m, -1e-28m, 79_000_000_000_000_000_000_000_000_000m, 0.0000000001m, 999_999_999.99m, 1_000_000_000.000000001m,
            ]);
        Add<int>([1, 2, 3, 30, 0, 365], [-1, int.MinValue, int.MaxValue, 366, 1_000_001, Money.MaxAllocationParts + 1]);
        Add<long>([0L, 1L, 5L], [-1L, long.MinValue, long.MaxValue]);
        Add<bool>([true, false], []);
        Add<object>(["x", 1, Money.Of(1m, "GBP")], [null, new object(), default(Money), default(CustomerId)]);

        // Time.
        Add<Instant>(
            [CreatedAt, Instant.FromUtc(2026, 3, 1, 0, 0)],
            [
                Instant.MinValue, Instant.MaxValue, Instant.MinValue + Duration.Epsilon, Instant.MaxValue - Duration.Epsilon,
                Instant.FromUtc(-9998, 1, 1, 12, 0), Instant.FromUtc(9999, 12, 31, 12, 0), Instant.FromUtc(1, 1, 1, 0, 0),
                Instant.FromUtc(9998, 12, 31, 23, 0), NodaConstants.UnixEpoch,
            ]);
        Add<LocalDate>(
            [new LocalDate(2026, 1, 15), new LocalDate(2026, 1, 31), new LocalDate(2026, 3, 1), new LocalDate(2024, 2, 29), new LocalDate(2026, 12, 31)],
            [
                LocalDate.MinIsoValue, LocalDate.MaxIsoValue, default(LocalDate), new LocalDate(1, 1, 1), new LocalDate(9998, 12, 31),
                new LocalDate(2026, 1, 15, CalendarSystem.Julian), new LocalDate(5786, 5, 1, CalendarSystem.HebrewCivil),
                new LocalDate(1447, 7, 1, CalendarSystem.IslamicBcl), new LocalDate(2026, 1, 15, CalendarSystem.Gregorian),
                new LocalDate(2026, 1, 15, CalendarSystem.Julian).WithCalendar(CalendarSystem.Coptic),
            ]);
        Add<Duration>([Duration.FromDays(1), Duration.Zero], [Duration.MinValue, Duration.MaxValue, Duration.Epsilon, -Duration.FromDays(1)]);
        Add<DateTimeZone>(
            [DateTimeZone.Utc, Zone("Europe/London")],
            [null, Zone("Pacific/Apia"), Zone("Pacific/Kiritimati"), DateTimeZone.ForOffset(Offset.MaxValue), DateTimeZone.ForOffset(Offset.MinValue)]);

        // Money.
        Add<Currency>([Currency.GBP, Currency.EUR, Currency.JPY, Currency.BHD, Currency.FromCode("CLF")], [default(Currency)]);
        Add<Money>(
            [Money.Of(10m, "GBP"), Money.Of(0m, "GBP"), Money.Of(-3m, "GBP"), Money.Of(100m, "JPY"), Money.Of(1.234m, "BHD"), Money.Of(12m, "EUR")],
            [
                default(Money), Money.Of(Money.MaxAmount, "GBP"), Money.Of(-Money.MaxAmount, "GBP"), Money.Of(1e-28m, "GBP"),
                Money.Of(0.005m, "GBP"), Money.Of(999_999_999.99m, "GBP"), Money.Of(Money.MaxAmount, "CLF"),
            ]);
        var gbpToEur = new ExchangeRate(Currency.GBP, Currency.EUR, 1.17m, CreatedAt);
        var eurToGbp = new ExchangeRate(Currency.EUR, Currency.GBP, 0.85m, Instant.MinValue);
        var huge = new ExchangeRate(Currency.JPY, Currency.GBP, 79_000_000_000_000_000_000_000_000_000m, CreatedAt);
        Add<ExchangeRate>([gbpToEur, eurToGbp, huge], [default(ExchangeRate)]);
        Add<ExchangeRateTable>(
            [ExchangeRateTable.From([gbpToEur, eurToGbp, huge]), ExchangeRateTable.Empty],
            [null]);

        // Customers: root ← reseller ← postpaid customer (with a limit), prepaid customer, closed customer.
        var factory = new CustomerFactory(Options());
        var root = factory.CreateRoot(Request("Platform", "ROOT", null), CustomerHierarchy.Empty(), CreatedAt);
        var hierarchy = CustomerHierarchy.From([root]);
        var reseller = factory.Create(Request("Reseller", "RES", root.Id), hierarchy, null, CreatedAt).Customer;
        hierarchy = hierarchy.With(reseller);
        var adminClass = CustomerClass.Create(
            CustomerClassId.From("RETAIL"),
            "Retail",
            ClassManager.Administrator,
            Currency.GBP,
            taxation: Taxation.FlatPercentage(20m),
            customFields: [CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, mandatory: false, ["Gold", "Silver"])]);
        var resellerClass = CustomerClass.Create(CustomerClassId.From("WHOLESALE"), "Wholesale", ClassManager.Reseller(reseller.Id));
        var creation = factory.Create(Request("Postpaid Co", "POST", reseller.Id) with { CreditLimit = new Money(500m, Currency.GBP) }, hierarchy, resellerClass, CreatedAt);
        var postpaid = creation.Customer;
        hierarchy = hierarchy.With(postpaid);
        var prepaid = factory.Create(Request("Prepaid Co", "PRE", reseller.Id) with { BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(20m, Currency.GBP) }, hierarchy, null, CreatedAt).Customer;
        hierarchy = hierarchy.With(prepaid);
        var closed = factory.Create(Request("Closed Co", "CLOSED", reseller.Id), hierarchy, null, CreatedAt).Customer.Close();
        hierarchy = hierarchy.With(closed);
        Add<Customer>([postpaid, prepaid, reseller, root, closed], [null]);
        Add<CustomerFactory>([factory, new CustomerFactory(new CustomerCreationOptions())], [null]);
        Add<CustomerRemovalDecision>([hierarchy.DecideRemoval(reseller.Id, Money.Of(0m, "GBP"), []), hierarchy.DecideRemoval(prepaid.Id, Money.Of(0m, "GBP"), [])], [null]);
        Add<CountryCode>([CountryCode.From("GB"), CountryCode.From("us")], [default(CountryCode)]);
        Add<CustomerHierarchy>([hierarchy, CustomerHierarchy.Empty()], [null]);
        Add<CustomerId>([postpaid.Id, reseller.Id, root.Id, CustomerId.From("NOBODY")], [default(CustomerId)]);
        Add<CustomerClass>([adminClass, resellerClass], [null]);
        Add<CustomerClassId>([adminClass.Id, CustomerClassId.From("OTHER")], [default(CustomerClassId)]);
        Add<ClassManager>([ClassManager.Administrator, ClassManager.Reseller(reseller.Id)], []);
        Add<Taxation>([Taxation.None, Taxation.FlatPercentage(20m), Taxation.FlatPercentage(100m)], []);
        Add<CustomFieldDefinition>([adminClass.CustomFields[0], CustomFieldDefinition.Create("Note", CustomFieldType.Text)], [null]);
        Add<CustomFieldValue>(
            [CustomFieldValue.Choice("Gold"), CustomFieldValue.Text("x"), CustomFieldValue.Number(1m), CustomFieldValue.Date(new LocalDate(2026, 1, 1)), CustomFieldValue.Boolean(true)],
            [default(CustomFieldValue)]);
        Add<IReadOnlyDictionary<string, CustomFieldValue>>(
            [new Dictionary<string, CustomFieldValue> { ["Tier"] = CustomFieldValue.Choice("gold") }, new Dictionary<string, CustomFieldValue>()],
            [
                null,
                new Dictionary<string, CustomFieldValue> { ["Unknown"] = CustomFieldValue.Text("x") },
                new Dictionary<string, CustomFieldValue> { ["Tier"] = default },
                new Dictionary<string, CustomFieldValue> { ["Tier"] = CustomFieldValue.Choice("Gold"), ["TIER"] = CustomFieldValue.Choice("Silver") },
                new Dictionary<string, CustomFieldValue> { [string.Empty] = CustomFieldValue.Number(decimal.MaxValue) },
            ]);
        Add<PostalAddress>([Address()], [null]);
        Add<NewCustomer>(
            [Request("Fresh Co", null, reseller.Id), Request("Fresh Root", null, null)],
            [
                null,
                Request("Fresh Co", null, reseller.Id) with { CreditLimit = new Money(-Money.MaxAmount, Currency.GBP) },
                Request("Fresh Co", null, reseller.Id) with { CreditLimit = new Money(1m, Currency.JPY) },
                Request("Fresh Co", null, reseller.Id) with { CreditLimit = default(Money) },
                Request("Fresh Co", null, reseller.Id) with { BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(-Money.MaxAmount, Currency.GBP) },
                Request("Fresh Co", null, reseller.Id) with { OpeningAmountOwed = new Money(1m, Currency.EUR) },
                Request("Fresh Co", null, reseller.Id) with { Id = default(CustomerId) },
                Request("Fresh Co", null, reseller.Id) with { ParentId = default(CustomerId) },
                Request("Fresh Co", null, reseller.Id) with { Currency = default(Currency) },
                Request("Fresh Co", null, reseller.Id) with { DefaultAccountId = default(AccountId) },
                Request("Fresh Co", null, reseller.Id) with { DefaultAccountName = "\uFFFE" },
                Request("Fresh Co", null, reseller.Id) with { MonthEndPolicy = (MonthEndPolicy)0 },
                Request("Fresh Co", null, reseller.Id) with { BillingCycle = (BillingCycle)99 },
                Request("Fresh Co", null, reseller.Id) with { BalanceModel = (BalanceModel)(-1) },
                Request("Fresh Co", null, reseller.Id) with { PaymentTermsDays = int.MinValue },
                Request("Fresh Co", null, reseller.Id) with { Language = "\uFFFF" },
                Request("Fresh Co", null, reseller.Id) with { CustomData = new Dictionary<string, CustomFieldValue> { ["Tier"] = default } },
                Request("Fresh \uFDD0 Co", null, reseller.Id),
                Request("Reseller", null, root.Id),
                Request("Fresh Co", null, reseller.Id) with { Name = null!, Email = null!, BillingAddress = null! },
            ]);
        Add<CustomerCreationOptions>(
            [Options(), new CustomerCreationOptions()],
            [null, new CustomerCreationOptions { Currency = default(Currency), BillingTimeZone = null!, MonthEndPolicy = (MonthEndPolicy)9, Language = "\uFFFE", MaxHierarchyDepth = 0, PaymentTermsDays = -1, BillingCycle = (BillingCycle)99 }]);
        Add<BillingOptions>([new BillingOptions()], [null]);

        // Accounts, numbers, services, features.
        var rental = Feature.Recurring(FeatureId.From("RENTAL"), "Line rental", Money.Of(12m, "GBP"), new LocalDate(2026, 1, 15), quantity: 2);
        var setup = Feature.OneOff(FeatureId.From("SETUP"), "Set-up", Money.Of(Feature.MaxUnitAmount, "GBP"), new LocalDate(2026, 2, 1), Feature.MaxQuantity);
        var yen = Feature.Recurring(FeatureId.From("YEN"), "Yen fee", Money.Of(100m, "JPY"), new LocalDate(2026, 1, 15), new LocalDate(2026, 12, 31));
        Add<Feature>([rental, setup, yen], [null]);
        Add<FeatureId>([rental.Id, FeatureId.From("NONE")], [default(FeatureId)]);
        var account = creation.DefaultAccount.AttachFeature(rental);
        var prepaidAccount = Account.Create(AccountId.From("CARD"), prepaid, "Card", "card-1", balanceModel: BalanceModel.Prepaid);
        var limited = Account.Create(AccountId.From("LIMITED"), postpaid, "Limited", creditLimit: Money.Of(Money.MaxAmount, "GBP"));
        Add<Account>([account, prepaidAccount, limited, limited.Close()], [null]);
        Add<AccountId>([account.Id, AccountId.From("NONE")], [default(AccountId)]);
        var number = Number.Create(NumberId.From("N-1"), postpaid, "01632 960123", "UK-STD", new LocalDate(2026, 1, 15), account: account, numbering: NumberingOptions.Default with { AllowDramaNumbers = true }).AttachFeature(rental);
        var ceased = Number.Create(NumberId.From("N-2"), postpaid, "+12125550199", "US", new LocalDate(2026, 1, 1), NumberType.Mobile, dateCeased: new LocalDate(2026, 12, 31), numbering: NumberingOptions.Default with { AllowDramaNumbers = true });
        Add<Number>([number, ceased], [null]);
        Add<NumberId>([number.Id], [default(NumberId)]);
        Add<PhoneNumber>([number.Value, ceased.Value, PhoneNumber.Parse("118118")], [default(PhoneNumber)]);
        var service = Service.Create(ServiceId.From("S-1"), postpaid, "hosting", "Hosting", new LocalDate(2026, 1, 15)).AttachFeature(rental);
        var ended = Service.Create(ServiceId.From("S-2"), postpaid, "support", "Support", new LocalDate(2026, 1, 1), endDate: new LocalDate(2026, 12, 31));
        Add<Service>([service, ended], [null]);
        Add<ServiceId>([service.Id], [default(ServiceId)]);

        // Periods.
        var monthly = new BillingCalendar(BillingCycle.Monthly, new LocalDate(2026, 1, 15), Zone("Europe/London"));
        var early = new BillingCalendar(BillingCycle.Daily, BillingCalendar.MinAnchor, DateTimeZone.ForOffset(Offset.MaxValue));
        var late = new BillingCalendar(BillingCycle.MonthlyAnniversary, BillingCalendar.MaxAnchor, DateTimeZone.ForOffset(Offset.MinValue));
        Add<BillingCalendar>([monthly, early, late], [null]);
        var schedule = new BillingSchedule(monthly).WithCycleChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly);
        Add<BillingSchedule>([schedule, new BillingSchedule(late)], [null]);
        Add<IBillingCalendar>([monthly, schedule], [null]);
        Add<BillingScheduleChange>([schedule.Changes[0]], [null]);
        Add<BillingPeriod>(
            [monthly.First, monthly.PeriodAt(3), schedule.PeriodAt(4), early.First, late.PeriodAt(late.LastIndex)],
            [default(BillingPeriod), new BillingPeriod(new LocalDate(2026, 2, 3), new LocalDate(2026, 3, 1)), new BillingPeriod(BillingCalendar.MinAnchor, LocalDate.MaxIsoValue)]);

        // Period charges: terms and items of the postpaid customer (monthly from 2026-01-07 in Europe/London, so monthly.PeriodAt(3),
        // April 2026, is one of its periods) and of the prepaid one.
        var terms = Billing.Core.Invoicing.BillingTerms.For(postpaid, resellerClass);
        Add<Billing.Core.Invoicing.BillingTerms>(
            [terms, terms.WithRounding(MidpointRounding.ToEven), Billing.Core.Invoicing.BillingTerms.For(postpaid.ScheduleBillingChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly), resellerClass), Billing.Core.Invoicing.BillingTerms.For(prepaid, null)],
            [null]);
        var items = new Billing.Core.Invoicing.BilledItems(postpaid.Id, [account], [number, ceased], [service, ended]);
        Add<Billing.Core.Invoicing.BilledItems>([items, new Billing.Core.Invoicing.BilledItems(postpaid.Id), new Billing.Core.Invoicing.BilledItems(prepaid.Id, [prepaidAccount])], [null]);
        Add<Billing.Core.Invoicing.ChargeOwner>([Billing.Core.Invoicing.ChargeOwner.ForNumber(number.Id), Billing.Core.Invoicing.ChargeOwner.ForAccount(account.Id)], [default(Billing.Core.Invoicing.ChargeOwner)]);
        var charges = Billing.Core.Invoicing.PeriodChargeCalculator.Calculate(terms, items, monthly.PeriodAt(3));
        Add<Billing.Core.Invoicing.PeriodCharges>([charges], [null]);
        Add<Billing.Core.Invoicing.ChargeLine>([charges.Lines[0], charges.Lines[^1]], [default(Billing.Core.Invoicing.ChargeLine)]);

        // Balances.
        Add<BalanceThreshold>([BalanceThreshold.PercentOfCreditLimit(80m), BalanceThreshold.FundsBelow(Money.Of(5m, "GBP"))], [default(BalanceThreshold), BalanceThreshold.PercentOfCreditLimit(decimal.MaxValue)]);
        Add<ThresholdCrossing>([new ThresholdCrossing(BalanceThreshold.FundsBelow(Money.Of(5m, "GBP")), ThresholdDirection.Reached)], [default(ThresholdCrossing)]);
        Add<UnpaidInvoice>([new UnpaidInvoice("INV-1", new LocalDate(2026, 2, 1), Money.Of(10m, "GBP"))], [default(UnpaidInvoice)]);

        // Snapshots: what storage holds, and stored data that breaks structure (defaults, missing members, other calendars).
        var julian = new LocalDate(2026, 1, 1).WithCalendar(CalendarSystem.Julian);
        var changed = postpaid.ScheduleBillingChange(postpaid.BillingCycleAnchor.PlusDays(1), BillingCycle.Quarterly, monthEndPolicy: MonthEndPolicy.LastDayOfMonth);
        var change = changed.ToSnapshot().BillingChanges[0];
        Add<BillingChangeSnapshot>(
            [change],
            [null, change with { BillingTimeZone = null! }, change with { BillingCycle = (BillingCycle)99 }, change with { RequestedOn = julian }]);
        Add<CustomerSnapshot>(
            [postpaid.ToSnapshot(), prepaid.ToSnapshot(), root.ToSnapshot(), changed.ToSnapshot()],
            [null, postpaid.ToSnapshot() with { Id = default }, postpaid.ToSnapshot() with { Name = null! }, postpaid.ToSnapshot() with { BillingCycleAnchor = julian },
             root.ToSnapshot() with { CreditLimit = Money.Of(1m, "GBP") }, postpaid.ToSnapshot() with { BillingTimeZone = null! }, postpaid.ToSnapshot() with { Currency = default },
             changed.ToSnapshot() with { BillingChanges = [change with { EffectiveFrom = change.EffectiveFrom.PlusDays(1) }] },
             changed.ToSnapshot() with { BillingChanges = [change with { MonthEndPolicy = 0 }] },
             changed.ToSnapshot() with { BillingChanges = [change with { RequestedOn = postpaid.BillingCycleAnchor.PlusDays(-1) }] },
             changed.ToSnapshot() with { BillingChanges = [change, change] },
             changed.ToSnapshot() with { BillingChanges = [null!] },
             changed.ToSnapshot() with { MonthEndPolicy = (MonthEndPolicy)7 }]);
        Add<CustomerClassSnapshot>([adminClass.ToSnapshot(), resellerClass.ToSnapshot()], [null, adminClass.ToSnapshot() with { Id = default }, adminClass.ToSnapshot() with { Name = " " }]);
        Add<AccountSnapshot>([account.ToSnapshot(), limited.ToSnapshot()], [null, account.ToSnapshot() with { OwnerId = default }, prepaidAccount.ToSnapshot() with { CreditLimit = Money.Of(1m, "GBP") }]);
        Add<NumberSnapshot>([number.ToSnapshot(), ceased.ToSnapshot()], [null, number.ToSnapshot() with { Value = default }, number.ToSnapshot() with { DateSold = julian }, number.ToSnapshot() with { DateCeased = new LocalDate(2000, 1, 1) }]);
        Add<ServiceSnapshot>([service.ToSnapshot(), ended.ToSnapshot()], [null, service.ToSnapshot() with { StartDate = julian }, service.ToSnapshot() with { Features = null! }]);
        var draftInvoice = Billing.Core.Invoicing.Invoice.Draft(Billing.Core.Invoicing.InvoiceId.From("INV-1"), charges);
        var issuedInvoice = draftInvoice.Issue(Billing.Core.Customers.CustomerId.From("RES-1"), "2026-0001", new LocalDate(2026, 5, 1));
        var partlyPaid = issuedInvoice.ApplyPayment(Money.Of(0.01m, "GBP"));
        var paidInvoice = issuedInvoice.ApplyPayment(issuedInvoice.Total);
        var voidInvoice = Billing.Core.Invoicing.Invoice.Draft(Billing.Core.Invoicing.InvoiceId.From("INV-2"), charges).Issue(Billing.Core.Customers.CustomerId.From("RES-1"), "2026-0002", new LocalDate(2026, 5, 1)).Void();
        Add<Billing.Core.Invoicing.InvoiceId>([draftInvoice.Id, Billing.Core.Invoicing.InvoiceId.From("NONE")], [default(Billing.Core.Invoicing.InvoiceId)]);
        Add<Billing.Core.Invoicing.Invoice>([draftInvoice, issuedInvoice, partlyPaid, paidInvoice, voidInvoice], [null]);
        var invoiceLine = draftInvoice.Lines[0];
        Add<Billing.Core.Invoicing.InvoiceLine>(
            [invoiceLine, draftInvoice.Lines[^1]],
            [null, invoiceLine with { FeatureId = default }, invoiceLine with { Amount = default }, invoiceLine with { OwnerId = null! }, invoiceLine with { Kind = (FeatureKind)9 }, invoiceLine with { Amount = Money.Of(1m, "EUR") }]);
        var invoiceSnapshot = partlyPaid.ToSnapshot();
        Add<Billing.Core.Invoicing.InvoiceSnapshot>(
            [draftInvoice.ToSnapshot(), invoiceSnapshot, voidInvoice.ToSnapshot()],
            [
                null, invoiceSnapshot with { Id = default }, invoiceSnapshot with { Lines = null! }, invoiceSnapshot with { Lines = [null!] },
                invoiceSnapshot with { Status = (Billing.Core.Invoicing.InvoiceStatus)9 }, invoiceSnapshot with { DueDate = julian },
                invoiceSnapshot with { Total = Money.Of(1m, "EUR") }, invoiceSnapshot with { AmountPaid = default }, invoiceSnapshot with { Period = default },
                invoiceSnapshot with { Number = null }, invoiceSnapshot with { AmountPaid = Money.Of(Money.MaxAmount, "GBP") },
                invoiceSnapshot with { Lines = [invoiceLine with { OwnerId = null! }] },
            ]);
        var allocation = Billing.Core.Invoicing.PaymentAllocation.Allocate(Money.Of(5m, "GBP"), [issuedInvoice]);
        Add<Billing.Core.Invoicing.PaymentAllocationResult>([allocation], [null]);
        Add<Billing.Core.Invoicing.InvoiceAllocation>([allocation.Allocations[0]], [null]);
        Add<IEnumerable<Billing.Core.Invoicing.Invoice>>(
            [new[] { issuedInvoice }, new[] { draftInvoice, partlyPaid, voidInvoice }],
            [null, new Billing.Core.Invoicing.Invoice[] { null! }, new[] { issuedInvoice, issuedInvoice }, new[] { Billing.Core.Invoicing.Invoice.Restore(invoiceSnapshot with { CustomerId = CustomerId.From("OTHER") }), partlyPaid }]);
        Add<FeatureSnapshot>([rental.ToSnapshot(), setup.ToSnapshot()], [null, rental.ToSnapshot() with { Id = default }, rental.ToSnapshot() with { Kind = (FeatureKind)9 }, rental.ToSnapshot() with { UnitAmount = default }]);
        Add<NumberingOptions>([NumberingOptions.Default, NumberingOptions.Default with { AllowDramaNumbers = true }], [null]);
        Add<Exception>([new InvalidOperationException("the database went away")], [null]);

        // Ledgers and the charge path.
        var accountOwner = LedgerOwner.ForAccount(account.Id);
        var customerOwner = LedgerOwner.ForCustomer(postpaid.Id);
        Add<LedgerOwner>([accountOwner, customerOwner], [default(LedgerOwner)]);
        Add<TransactionId>([TransactionId.From("TXN-1"), TransactionId.New()], [default(TransactionId)]);
        var topUp = new TransactionRequest(TransactionId.From("TXN-1"), TransactionKind.TopUp, Money.Of(10m, "GBP"), CreatedAt, "top-up");
        var euroCharge = new TransactionRequest(TransactionId.From("TXN-2"), TransactionKind.Charge, Money.Of(Money.MaxAmount, "EUR"), Instant.MaxValue, "charge", "notes", "CDR-1");
        var charge = new TransactionRequest(TransactionId.From("TXN-3"), TransactionKind.Charge, Money.Of(0.0001m, "GBP"), Instant.MinValue, "charge-3");
        Add<TransactionRequest>([topUp, euroCharge, charge], [null]);
        var recorded = LedgerTransaction.Record(topUp, accountOwner, Currency.GBP);
        Add<LedgerTransaction>([recorded, LedgerTransaction.Record(charge, customerOwner, Currency.GBP)], [null]);
        Add<LedgerHead>(
            [new LedgerHead(accountOwner, Money.Of(10m, "GBP"), 1), new LedgerHead(customerOwner, Money.Of(-Money.MaxAmount, "GBP"), 2), LedgerHead.Empty(customerOwner, Currency.EUR)],
            [default(LedgerHead)]);
        Add<Balance>([Balance.Funds(Money.Of(10m, "GBP")), Balance.Owed(Money.Of(-Money.MaxAmount, "JPY"))], [default(Balance)]);
        var ledger = Ledger.Create(customerOwner, BalanceModel.Postpaid, Currency.GBP).Append(topUp).Ledger;
        Add<Ledger>([ledger, Ledger.Create(accountOwner, BalanceModel.Prepaid, Currency.JPY)], [null]);
        Add<Billing.Core.Charging.ChargeLevel>(
            [new Billing.Core.Charging.ChargeLevel(accountOwner, BalanceModel.Postpaid, Currency.GBP, Money.Of(5m, "GBP"), BillingStatus.Active),
             new Billing.Core.Charging.ChargeLevel(customerOwner, BalanceModel.Prepaid, Currency.GBP, null, BillingStatus.Suspended)],
            [default(Billing.Core.Charging.ChargeLevel)]);
        Add<Billing.Core.Charging.BalanceLevel>(
            [Billing.Core.Charging.BalanceLevel.FromLedger(ledger, BillingStatus.Active, Money.Of(100m, "GBP"))],
            [default(Billing.Core.Charging.BalanceLevel)]);
        Add<Billing.Core.Charging.AuthorisationDecision>(
            [Billing.Core.Charging.AuthorisationDecision.Approved, Billing.Core.Charging.AuthorisationDecision.Declined(Billing.Core.Charging.DeclineReason.Closed, 1, customerOwner)],
            []);
        // The billing run's and payments' results.
        Add<TimeSpan>([TimeSpan.Zero, TimeSpan.FromSeconds(1.5), TimeSpan.MaxValue], [TimeSpan.MinValue]);
        var failure = new Billing.Core.BillingRuns.BillingRunFailure(postpaid.Id, nameof(BillingRuleException), "Customer.ClassId: no such class", "Customer.ClassId");
        Add<Billing.Core.BillingRuns.BillingRunFailure>([failure, failure with { Field = null }], [null]);
        Add<IReadOnlyList<Billing.Core.BillingRuns.BillingRunFailure>>([Array.Empty<Billing.Core.BillingRuns.BillingRunFailure>(), new[] { failure }], [null]);
        Add<Billing.Core.BillingRuns.BillingRunProgress>(
            [new Billing.Core.BillingRuns.BillingRunProgress(10, 1, 9, 100, TimeSpan.FromSeconds(2)), new Billing.Core.BillingRuns.BillingRunProgress(0, 0, 0, 0, TimeSpan.Zero)],
            [null]);
        Add<Billing.Core.BillingRuns.BillingRunResult>(
            [new Billing.Core.BillingRuns.BillingRunResult(CreatedAt, 10, 1, 9, [failure], TimeSpan.FromSeconds(2))],
            [null]);
        Add<Billing.Core.Payments.PaymentSettlement>([new Billing.Core.Payments.PaymentSettlement([], Money.Of(1m, "GBP"))], [null]);
        Add<Billing.Core.Payments.PaymentReceipt>([new Billing.Core.Payments.PaymentReceipt(recorded, false, [], Money.Zero(Currency.GBP))], [null]);
        Add<Billing.Core.Charging.ChargeOutcome>([Billing.Core.Charging.ChargeOutcome.Appended(recorded), Billing.Core.Charging.ChargeOutcome.Replayed(recorded)], [null]);
        var entries = new Billing.Core.Charging.ChargeEntry[1];
        Billing.Core.Charging.ChargeDecision.Decide(charge, [new Billing.Core.Charging.ChargeLevel(accountOwner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active)], [default], entries);
        Add<Billing.Core.Charging.ChargeEntry>([entries[0]], [default(Billing.Core.Charging.ChargeEntry)]);

        // Hosting and serialisation.
        Add<IServiceCollection>([new ServiceCollection()], [null]);
        Add<Action<BillingOptions>>([(Action<BillingOptions>)(_ => { })], [null, (Action<BillingOptions>)(o => o.MaxChargeAttempts = -1)]);
        Add<IFormatProvider>([CultureInfo.InvariantCulture], [null, CultureInfo.GetCultureInfo("tr-TR"), CultureInfo.GetCultureInfo("ar-SA")]);
        Add<Utf8JsonWriter>([new Fresh(() => new Utf8JsonWriter(Stream.Null))], [null]);
        Add<JsonSerializerOptions>([JsonSerializerOptions.Default], [null]);
        Add<Type>([typeof(CustomerId)], [null]);
        Add<CurrencyJsonConverter>([new CurrencyJsonConverter()], [null]);
        Add<Billing.Core.Identity.BillingIdJsonConverter<CustomerId>>([new Billing.Core.Identity.BillingIdJsonConverter<CustomerId>()], [null]);
    }

    /// <summary>A value that keeps state (a writer): each call gets a new one from <see cref="Make"/>.</summary>
    public sealed record Fresh(Func<object?> Make);

    /// <summary>The value to pass: <paramref name="value"/> itself, or a new one when it is <see cref="Fresh"/>.</summary>
    public static object? Materialise(object? value) => value is Fresh fresh ? fresh.Make() : value;

    /// <summary>Whether values of <paramref name="type"/> can be produced.</summary>
    public bool Covers(Type type) => Pools(type) is not null;

    /// <summary>The valid values of <paramref name="type"/> (never empty for a covered type).</summary>
    public object?[] Valid(Type type) => Pools(type)?.Valid ?? throw new InvalidOperationException($"No values for {type}.");

    /// <summary>The valid values followed by the hostile ones.</summary>
    public object?[] All(Type type)
    {
        var pools = Pools(type) ?? throw new InvalidOperationException($"No values for {type}.");
        return [.. pools.Valid, .. pools.Hostile];
    }

    private void Add<T>(object?[] valid, object?[] hostile) => _table[typeof(T)] = (valid, hostile);

    private (object?[] Valid, object?[] Hostile)? Pools(Type type)
    {
        if (_table.TryGetValue(type, out var pools))
        {
            return pools;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Pools(underlying) is { } inner ? (inner.Valid, [null, .. inner.Hostile]) : null;
        }

        if (type.IsEnum)
        {
            var defined = Enum.GetValues(type).Cast<object>().ToArray();
            var undefined = new[] { 0, -1, 99, int.MaxValue }
                .Select(i => Enum.ToObject(type, i))
                .Where(v => !Enum.IsDefined(type, v))
                .ToArray();
            return (defined, undefined);
        }

        if (ElementOf(type) is { } element && Pools(element) is { } items)
        {
            var composed = Collections(element, items.Valid, items.Hostile);
            _table[type] = composed;
            return composed;
        }

        return null;
    }

    private static Type? ElementOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }

    /// <summary>Collections of an element type: none, empty, one valid, all valid, a repeated value, one holding null or default, and
    /// one per hostile element; plus, for a collection of decimals, the most and one too many.</summary>
    private static (object?[] Valid, object?[] Hostile) Collections(Type element, object?[] valid, object?[] hostile)
    {
        object Make(IEnumerable<object?> values)
        {
            var list = values.ToList();
            var array = Array.CreateInstance(element, list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                array.SetValue(list[i], i);
            }

            return array;
        }

        var validCollections = new List<object?> { Make(valid.Take(1)), Make(valid) };
        var hostileCollections = new List<object?>
        {
            null,
            Make([]),
            Make([valid[0], valid[0]]),
            Make([element.IsValueType ? Activator.CreateInstance(element) : null]),
        };
        hostileCollections.AddRange(hostile.Select(h => Make([valid[0], h])));
        if (element == typeof(decimal))
        {
            validCollections.Add(Make(Enumerable.Repeat<object?>(1m, 1000)));
            hostileCollections.Add(Make(Enumerable.Repeat<object?>(1m, Money.MaxAllocationParts + 1)));
            hostileCollections.Add(Make([decimal.MaxValue, decimal.MaxValue]));
            hostileCollections.Add(Make([1e-28m, 1e-28m]));
            hostileCollections.Add(Make([79_000_000_000_000_000_000_000_000_000m, 1e-28m]));
        }

        return (validCollections.ToArray(), hostileCollections.ToArray());
    }

    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    private static CustomerCreationOptions Options() => new()
    {
        Currency = Currency.GBP,
        BillingCycle = BillingCycle.Monthly,
        BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
        Language = "en-GB",
    };

    private static PostalAddress Address() => PostalAddress.Create(["1 High Street"], "London", "GB", postcode: "SW1A 1AA");

    private static NewCustomer Request(string name, string? id, CustomerId? parent) => new()
    {
        Id = id is null ? null : CustomerId.From(id),
        Name = name,
        Email = "billing@example.co.uk",
        BillingAddress = Address(),
        ParentId = parent,
    };

    /// <summary>Describes a value for a failure message, without trusting its <c>ToString</c>.</summary>
    public static string Describe(object? value)
    {
        string text;
        try
        {
            text = value switch
            {
                null => "null",
                string s => "\"" + Escape(s) + "\"",
                LocalDate d => $"{d:uuuu-MM-dd} ({d.Calendar.Id})",
                Array a => $"{a.GetType().GetElementType()!.Name}[{a.Length}]" + (a.Length is > 0 and <= 4 ? "{" + string.Join(", ", a.Cast<object?>().Select(Describe)) + "}" : string.Empty),
                IEnumerable e and not IFormattable => e.GetType().Name,
                _ => value.ToString() ?? value.GetType().Name,
            };
        }
        catch (Exception e)
        {
            text = $"<{value!.GetType().Name}: ToString threw {e.GetType().Name}>";
        }

        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private static string Escape(string s)
        => string.Concat(s.Take(40).Select(c => c < 0x20 || c is >= '\u007F' and <= '\u00A0' || char.IsSurrogate(c) || c >= '\uFDD0' ? $"\\u{(int)c:X4}" : c.ToString()))
           + (s.Length > 40 ? $"…({s.Length} chars)" : string.Empty);
}
