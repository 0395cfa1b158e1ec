using System.Reflection;
using System.Text.Json;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Features;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using Billing.Core.Services;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Serialization;

public class JsonRoundTripTests
{
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    private static readonly Instant At = Instant.FromUtc(2026, 3, 19, 10, 0, 0) + Duration.FromTicks(1234567);

    private static readonly LedgerOwner Owner = LedgerOwner.ForAccount(AccountId.From("ACC-1"));

    /// <summary>One example of every value the library serialises, with a note of what it is.</summary>
    public static TheoryData<string, object> Values => new()
    {
        { "customer id", CustomerId.From("ACME-001") },
        { "currency", Currency.FromCode("BHD") },
        { "money at full precision", Money.Of(-12.345678901234m, "GBP") },
        { "money at the bound", Money.Of(Money.MaxAmount, "JPY") },
        { "billing period", new BillingPeriod(new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 28)) },
        { "ledger owner", LedgerOwner.ForCustomer(CustomerId.From("RES-1")) },
        { "ledger head", new LedgerHead(Owner, Money.Of(-3.5m, "GBP"), 7) },
        { "available funds", Billing.Core.Balances.Balance.Funds(Money.Of(-0.125m, "BHD")) },
        { "amount owed", Billing.Core.Balances.Balance.Owed(Money.Of(42m, "JPY")) },
        { "custom text", CustomFieldValue.Text("VAT \"GB\" 123") },
        { "custom number", CustomFieldValue.Number(12.500m) },
        { "custom date", CustomFieldValue.Date(new LocalDate(2024, 2, 29)) },
        { "custom boolean", CustomFieldValue.Boolean(true) },
        { "custom choice", CustomFieldValue.Choice("Gold") },
        { "custom field definition", CustomFieldDefinition.Create("Plan", CustomFieldType.Choice, mandatory: true, choices: ["Gold", "Silver"]) },
        { "postal address", PostalAddress.Create(["1 High Street", "Flat 2"], "London", "GB", region: null, postcode: "SW1A 1AA") },
        { "country", CountryCode.From("DE") },
        { "phone number", PhoneNumber.Parse("+44 20 7946 0999") },
        { "taxation", Taxation.FlatPercentage(20m) },
        { "no taxation", Taxation.None },
        { "administrator", ClassManager.Administrator },
        { "reseller manager", ClassManager.Reseller(CustomerId.From("RES-1")) },
        { "exchange rate", new ExchangeRate(Currency.EUR, Currency.GBP, 0.853m, At) },
        { "approval", AuthorisationDecision.Approved },
        { "decline", AuthorisationDecision.Declined(DeclineReason.CreditLimitExceeded, 2, LedgerOwner.ForCustomer(CustomerId.From("RES-1"))) },
        { "request", new TransactionRequest(TransactionId.From("TXN-1"), TransactionKind.Charge, Money.Of(0.0123m, "GBP"), At, "cdr-1", "call to 'x'", "CDR-1") },
        { "transaction", LedgerTransaction.Record(new TransactionRequest(TransactionId.From("TXN-2"), TransactionKind.TopUp, Money.Of(10m, "EUR"), At, "k"), Owner, Currency.GBP, ExchangeRateTable.From([new ExchangeRate(Currency.EUR, Currency.GBP, 0.85m, At - Duration.FromDays(1))])) },
        { "transaction without a rate", LedgerTransaction.Record(new TransactionRequest(TransactionId.From("TXN-3"), TransactionKind.Debit, Money.Of(1m, "GBP"), At, "k3"), Owner, Currency.GBP) },
        { "enum", BillingCycle.MonthlyAnniversary },
        { "invoice id", Billing.Core.Invoicing.InvoiceId.From("INV-2026-0001") },
        { "invoice line", Billing.Core.Tests.Invoicing.InvoiceFixtures.Line(8.40m) with { AccountId = AccountId.From("ACC-1"), OwnerKind = Billing.Core.Invoicing.ChargeOwnerKind.Number } },
        { "invoice status", Billing.Core.Invoicing.InvoiceStatus.PartlyPaid },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Value_RoundTripsWithDefaultOptionsCamelCaseAndTheContext(string what, object value)
    {
        var type = value.GetType();
        var hasValueEquality = type.GetMethod(nameof(Equals), [typeof(object)])!.DeclaringType != typeof(object) && !type.IsEnum;
        foreach (var (name, json, back) in RoundTrips(value, type))
        {
            if (hasValueEquality)
            {
                back.ShouldBe(value, $"{what} through {name}: {json}");
            }
            else
            {
                FieldByField.ShouldBeSame(value, back, $"{what} through {name}: {json}");
            }
        }
    }

    [Fact]
    public void Money_WritesTheAmountAsAnExactNumberAndTheCurrencyAsItsCode()
    {
        JsonSerializer.Serialize(Money.Of(12.340m, "GBP")).ShouldBe("""{"Amount":12.340,"Currency":"GBP"}""");
        JsonSerializer.Serialize(Money.Of(12.340m, "GBP"), CamelCase).ShouldBe("""{"amount":12.340,"currency":"GBP"}""");
    }

    [Fact]
    public void Snapshots_WriteNodaTimeValuesAsIsoTextEvenWithDefaultOptions()
    {
        var json = JsonSerializer.Serialize(Root().ToSnapshot());

        json.ShouldContain("\"BillingTimeZone\":\"Europe/London\"");
        json.ShouldContain("\"BillingCycleAnchor\":\"2026-01-07\"");
        json.Length.ShouldBeLessThan(1000);
    }

    [Property(MaxTest = 200)]
    public Property Aggregates_RoundTripThroughTheirSnapshots()
        => Prop.ForAll(AggregateGenerators.Customers, AggregateGenerators.Accounts, AggregateGenerators.Numbers, (customer, account, number) =>
        {
            foreach (var (value, type) in new (object, Type)[] { (customer, typeof(Customer)), (account, typeof(Account)), (number, typeof(Number)) })
            {
                foreach (var (name, json, back) in RoundTrips(value, type))
                {
                    FieldByField.ShouldBeSame(value, back, $"{type.Name} through {name}: {json}");
                }
            }
        });

    [Property(MaxTest = 200)]
    public Property ClassesServicesAndFeatures_RoundTripThroughTheirSnapshots()
        => Prop.ForAll(AggregateGenerators.Classes, AggregateGenerators.Services, AggregateGenerators.Features, (customerClass, service, feature) =>
        {
            foreach (var (value, type) in new (object, Type)[] { (customerClass, typeof(CustomerClass)), (service, typeof(Service)), (feature, typeof(Feature)) })
            {
                foreach (var (name, json, back) in RoundTrips(value, type))
                {
                    FieldByField.ShouldBeSame(value, back, $"{type.Name} through {name}: {json}");
                }
            }
        });

    [Theory]
    [InlineData("draft")]
    [InlineData("issued")]
    [InlineData("partly paid")]
    [InlineData("paid")]
    [InlineData("void")]
    public void Invoices_RoundTripThroughTheirSnapshots(string state)
    {
        var due = new LocalDate(2026, 5, 30);
        var invoice = state switch
        {
            "draft" => Billing.Core.Tests.Invoicing.InvoiceFixtures.Draft("I-1", 10.08m, "BHD"),
            "issued" => Billing.Core.Tests.Invoicing.InvoiceFixtures.Issued("2026-0001", 10.08m, due),
            "partly paid" => Billing.Core.Tests.Invoicing.InvoiceFixtures.Issued("2026 \"0002\"", 1000m, due, paid: 1m, currency: "JPY"),
            "paid" => Billing.Core.Tests.Invoicing.InvoiceFixtures.Issued("2026-0003", 10.08m, due, paid: 10.08m),
            _ => Billing.Core.Tests.Invoicing.InvoiceFixtures.Issued("2026-0004", 10.08m, due).Void(),
        };
        invoice = invoice.WithVersion(4);

        foreach (var (name, json, back) in RoundTrips(invoice, typeof(Billing.Core.Invoicing.Invoice)))
        {
            FieldByField.ShouldBeSame(invoice, back, $"{state} invoice through {name}: {json}");
            ((Billing.Core.Invoicing.Invoice)back!).ToSnapshot().ShouldBe(invoice.ToSnapshot());
        }

        var snapshot = invoice.ToSnapshot();
        JsonSerializer.Deserialize(JsonSerializer.Serialize(snapshot, BillingJsonContext.Default.InvoiceSnapshot), BillingJsonContext.Default.InvoiceSnapshot).ShouldBe(snapshot);
    }

    /// <summary>JSON written before invoices recorded their issuer (no <c>IssuerId</c> member) still reads, with no issuer.</summary>
    [Fact]
    public void Invoice_WrittenBeforeIssuersWereRecorded_ReadsWithNoIssuer()
    {
        var json = JsonSerializer.Serialize(Billing.Core.Tests.Invoicing.InvoiceFixtures.Issued("2026-0001", 10m, new LocalDate(2026, 5, 30)));
        var older = json.Replace("\"IssuerId\":\"R-1\",", string.Empty, StringComparison.Ordinal);
        older.ShouldNotContain("IssuerId");

        var invoice = JsonSerializer.Deserialize<Billing.Core.Invoicing.Invoice>(older)!;

        (invoice.Number, invoice.IssuerId).ShouldBe(("2026-0001", (CustomerId?)null));
    }

    [Fact]
    public void Invoice_WritesItsStatusAndDatesAsText()
    {
        var json = JsonSerializer.Serialize(Billing.Core.Tests.Invoicing.InvoiceFixtures.Issued("2026-0001", 10m, new LocalDate(2026, 5, 30)));

        json.ShouldContain("\"Status\":\"Issued\"");
        json.ShouldContain("\"DueDate\":\"2026-05-30\"");
        json.ShouldContain("\"IssuedOn\":\"2026-05-01\"");
        json.ShouldContain("\"IssuerId\":\"R-1\"");
        json.ShouldContain("\"OwnerKind\":\"Service\"");
        json.ShouldContain("\"Period\":{\"Start\":\"2026-04-01\",\"EndExclusive\":\"2026-05-01\"}");
    }

    [Property(MaxTest = 200)]
    public Property Snapshots_RoundTripToEqualSnapshots()
        => Prop.ForAll(AggregateGenerators.Customers, AggregateGenerators.Classes, (customer, customerClass) =>
        {
            var c = customer.ToSnapshot();
            JsonSerializer.Deserialize(JsonSerializer.Serialize(c, BillingJsonContext.Default.CustomerSnapshot), BillingJsonContext.Default.CustomerSnapshot).ShouldBe(c);
            var k = customerClass.ToSnapshot();
            JsonSerializer.Deserialize<CustomerClassSnapshot>(JsonSerializer.Serialize(k)).ShouldBe(k);
        });

    [Theory]
    [InlineData("quotes \" and \\ and '; DROP TABLE customers; --")]
    [InlineData("unicode: Zürich – 東京 – 🎉 – עברית")]
    [InlineData("line\u2028separator and \u00a0no-break space")]
    public void HostileText_SurvivesExactly(string text)
    {
        var notes = text + new string('x', 10_000);
        var request = new TransactionRequest(TransactionId.From("TXN-H"), TransactionKind.Credit, Money.Of(1m, "GBP"), At, text, notes, text);
        var customer = Root().Rename(text.Length > 200 ? text[..200] : text, []);

        foreach (var (_, _, back) in RoundTrips(request, typeof(TransactionRequest)))
        {
            var read = (TransactionRequest)back!;
            read.Notes.ShouldBe(notes);
            read.IdempotencyKey.ShouldBe(text);
            read.Reference.ShouldBe(text);
        }

        foreach (var (_, _, back) in RoundTrips(customer, typeof(Customer)))
        {
            ((Customer)back!).Name.ShouldBe(customer.Name);
        }
    }

    [Theory]
    [InlineData(typeof(Money), """{"Amount":1}""", "Currency")]
    [InlineData(typeof(Money), """{"Amount":1,"Currency":"XYZ"}""", "XYZ")]
    [InlineData(typeof(Money), """{"Amount":1e29,"Currency":"GBP"}""", "Amount")]
    [InlineData(typeof(BillingPeriod), """{"Start":"2026-03-01","EndExclusive":"2026-03-01"}""", "BillingPeriod")]
    [InlineData(typeof(LedgerOwner), """{"Kind":"Reseller","Id":"X"}""", "Reseller")]
    [InlineData(typeof(LedgerTransaction), """{"Id":"T","Kind":"Charge"}""", "Owner")]
    [InlineData(typeof(CustomFieldValue), """{"Type":"Number","Value":"twelve"}""", "Number")]
    [InlineData(typeof(ClassManager), "{}", "ResellerId")]
    [InlineData(typeof(Billing.Core.Balances.Balance), """{"Model":"Prepaid"}""", "Amount")]
    [InlineData(typeof(Billing.Core.Invoicing.Invoice), """{"Id":"I-1"}""", "Invoice")]
    [InlineData(typeof(Billing.Core.Balances.Balance), """{"Model":"Reseller","Amount":{"Amount":1,"Currency":"GBP"}}""", "Reseller")]
    public void InvalidJson_IsAJsonExceptionNamingWhatIsWrong(Type type, string json, string named)
        => Should.Throw<JsonException>(() => JsonSerializer.Deserialize(json, type)).Message.ShouldContain(named);

    /// <summary>
    /// Every public value type of the library either reads back only from what it wrote, or refuses JSON naming itself: an empty
    /// object never comes back silently as <c>default</c>.
    /// </summary>
    [Fact]
    public void EveryPublicValueType_RefusesAnEmptyObjectInsteadOfReturningDefault()
    {
        var structs = typeof(Money).Assembly.GetExportedTypes()
            .Where(t => t.IsValueType && !t.IsEnum && !t.IsGenericTypeDefinition && !t.IsByRefLike)
            .ToArray();
        structs.Length.ShouldBeGreaterThan(25);
        foreach (var type in structs)
        {
            var thrown = Record.Exception(() => JsonSerializer.Deserialize("{}", type));
            thrown.ShouldNotBeNull($"{type.Name} read an empty object as a value");
            (thrown is JsonException or NotSupportedException).ShouldBeTrue($"{type.Name}: {thrown.GetType().Name} {thrown.Message}");
            if (thrown is NotSupportedException)
            {
                thrown.Message.ShouldContain(type.Name);
            }
        }
    }

    [Fact]
    public void WorkingValues_RefuseToBeWrittenNamingTheType()
        => Should.Throw<NotSupportedException>(() => JsonSerializer.Serialize(new ChargeLevel(Owner, Billing.Core.Balances.BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active)))
            .Message.ShouldContain(nameof(ChargeLevel));

    [Fact]
    public void Enums_AreWrittenByName()
        => JsonSerializer.Serialize(TransactionKind.TopUp).ShouldBe("\"TopUp\"");

    private static IEnumerable<(string Name, string Json, object? Back)> RoundTrips(object value, Type type)
    {
        foreach (var (name, options) in new (string, JsonSerializerOptions?)[] { ("default options", null), ("camel case", CamelCase), ("the context", null) })
        {
            string json;
            object? back;
            if (name == "the context")
            {
                var info = BillingJsonContext.Default.GetTypeInfo(type) ?? throw new InvalidOperationException($"BillingJsonContext does not know {type.Name}.");
                json = JsonSerializer.Serialize(value, info);
                back = JsonSerializer.Deserialize(json, info);
            }
            else
            {
                json = JsonSerializer.Serialize(value, type, options);
                back = JsonSerializer.Deserialize(json, type, options);
            }

            yield return (name, json, back);
        }
    }
}
