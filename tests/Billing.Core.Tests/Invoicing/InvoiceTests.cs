using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Invoicing.ChargeFixtures;
using static Billing.Core.Tests.Invoicing.InvoiceFixtures;

namespace Billing.Core.Tests.Invoicing;

/// <summary>The invoice: drafted from a period's charges, issued, paid, voided, read by the suspension rule, stored and restored.</summary>
public class InvoiceTests
{
    private static readonly LocalDate April10 = new(2026, 4, 10);
    private static readonly LocalDate Due = new(2026, 5, 30);

    private static PeriodCharges Example1Charges()
    {
        var vat = Class(20m);
        var customer = Customer("GBP", vat);
        var number = Number(customer, April10).AttachFeature(Feature.Recurring(FeatureId.From("LINE-RENTAL"), "Line rental", Money.Of(12.00m, "GBP"), April10));
        return Charge(Terms(customer, vat), April, numbers: [number]);
    }

    // ---- Draft ----

    [Fact]
    public void Draft_FromPeriodCharges_KeepsTheLinesTotalsAndDueDate()
    {
        var charges = Example1Charges();

        var invoice = Invoice.Draft(InvoiceId.From("INV-A"), charges);

        invoice.Id.ShouldBe(InvoiceId.From("INV-A"));
        invoice.CustomerId.ShouldBe(CustomerId.From("C-1"));
        invoice.Period.ShouldBe(April);
        invoice.Currency.ShouldBe(Currency.GBP);
        var line = invoice.Lines.ShouldHaveSingleItem();
        line.OwnerKind.ShouldBe(ChargeOwnerKind.Number);
        line.OwnerId.ShouldBe("N-1");
        line.AccountId.ShouldBeNull();
        line.FeatureId.ShouldBe(FeatureId.From("LINE-RENTAL"));
        line.Name.ShouldBe("Line rental");
        line.Kind.ShouldBe(FeatureKind.Recurring);
        line.Proration.ShouldBe(Proration.ByDay);
        line.Quantity.ShouldBe(1);
        line.UnitAmount.ShouldBe(Money.Of(12.00m, "GBP"));
        line.ActiveDays.ShouldBe(21);
        line.PeriodDays.ShouldBe(30);
        line.Amount.ShouldBe(Money.Of(8.40m, "GBP"));
        line.IdempotencyKey.ShouldBe("charge:number:N-1:LINE-RENTAL:2026-04-01");
        invoice.Subtotal.ShouldBe(Money.Of(8.40m, "GBP"));
        invoice.Tax.ShouldBe(Money.Of(1.68m, "GBP"));
        invoice.Total.ShouldBe(Money.Of(10.08m, "GBP"));
        invoice.DueDate.ShouldBe(Due);
        invoice.Status.ShouldBe(InvoiceStatus.Draft);
        invoice.Number.ShouldBeNull();
        invoice.IssuedOn.ShouldBeNull();
        invoice.AmountPaid.ShouldBe(Money.Of(0m, "GBP"));
        invoice.Outstanding.ShouldBe(Money.Of(10.08m, "GBP"));
        invoice.IsUnpaid.ShouldBeFalse();
        invoice.Version.ShouldBe(0);
    }

    [Fact]
    public void Draft_LineOfANumberBilledToAnAccount_KeepsTheAccountItPostsTo()
    {
        var customer = Customer("GBP");
        var account = Account(customer);
        var number = Number(customer, April10, account: account).AttachFeature(Recurring("RENTAL", 12m, "GBP", April10));

        var invoice = Invoice.Draft(InvoiceId.New(), Charge(Terms(customer), April, accounts: [account], numbers: [number]));

        invoice.Lines.ShouldHaveSingleItem().AccountId.ShouldBe(account.Id);
        invoice.Id.Value.ShouldStartWith("INV-");
    }

    [Fact]
    public void Draft_NoLines_IsAnEmptyInvoiceWithAZeroTotal()
    {
        var invoice = Invoice.Draft(InvoiceId.From("INV-0"), Charge(Terms(Customer("JPY")), April));

        invoice.Lines.ShouldBeEmpty();
        invoice.Total.ShouldBe(Money.Of(0m, "JPY"));
    }

    [Fact]
    public void Draft_BadArguments_AreArgumentErrors()
    {
        Should.Throw<ArgumentException>(() => Invoice.Draft(default, Example1Charges())).ParamName.ShouldBe("id");
        Should.Throw<ArgumentNullException>(() => Invoice.Draft(InvoiceId.From("I"), null!)).ParamName.ShouldBe("charges");
        var line = Should.Throw<ArgumentException>(() => InvoiceLine.From(default));
        line.ParamName.ShouldBe("line");
        line.Message.ShouldContain("default(ChargeLine) is not a charge line");
    }

    // ---- Issue ----

    [Fact]
    public void Issue_ADraft_IsIssuedWithItsTrimmedNumberAndDate()
    {
        var invoice = Draft("I-1", 10.08m).Issue(Issuer, "  2026-0001 ", IssueDay);

        invoice.Status.ShouldBe(InvoiceStatus.Issued);
        invoice.Number.ShouldBe("2026-0001");
        invoice.IssuedOn.ShouldBe(IssueDay);
        invoice.IssuerId.ShouldBe(Issuer);
        invoice.Outstanding.ShouldBe(Money.Of(10.08m, "GBP"));
        invoice.IsUnpaid.ShouldBeTrue();
    }

    [Fact]
    public void Issue_AZeroTotal_IsPaidAtOnce()
    {
        var invoice = Draft("I-0", 0m).Issue(Issuer, "2026-0002", IssueDay);

        invoice.Status.ShouldBe(InvoiceStatus.Paid);
        invoice.Outstanding.ShouldBe(Money.Of(0m, "GBP"));
        invoice.IsUnpaid.ShouldBeFalse();
    }

    [Theory]
    [InlineData("issued", "Issued")]
    [InlineData("paid", "Paid")]
    [InlineData("void", "Void")]
    public void Issue_NotADraft_IsRefusedNamingTheStatus(string state, string status)
    {
        var invoice = state switch
        {
            "issued" => Issued("N-1", 10m, Due),
            "paid" => Issued("N-1", 10m, Due, paid: 10m),
            _ => Draft("I-1", 10m).Void(),
        };

        var thrown = Should.Throw<BillingRuleException>(() => invoice.Issue(Issuer, "N-2", IssueDay));

        thrown.Field.ShouldBe("Invoice.Status");
        thrown.Value.ShouldBe(status);
        thrown.Rule.ShouldContain("only a draft can be issued");
    }

    [Fact]
    public void Issue_ANullNumber_IsAnArgumentErrorWhateverTheStatus()
        => Should.Throw<ArgumentNullException>(() => Issued("N-1", 10m, Due).Issue(Issuer, null!, IssueDay)).ParamName.ShouldBe("number");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("INV\u0007-1")]
    [InlineData("INV-\uFFFE")]
    public void Issue_AnInvalidNumber_IsRefusedNamingTheNumber(string number)
        => Should.Throw<BillingRuleException>(() => Draft("I-1", 10m).Issue(Issuer, number, IssueDay)).Field.ShouldBe("Invoice.Number");

    [Fact]
    public void Issue_NumberLength_AtMost64()
    {
        Draft("I-1", 10m).Issue(Issuer, new string('7', Invoice.MaxNumberLength), IssueDay).Number!.Length.ShouldBe(64);
        Should.Throw<BillingRuleException>(() => Draft("I-1", 10m).Issue(Issuer, new string('7', 65), IssueDay)).Field.ShouldBe("Invoice.Number");
    }

    [Fact]
    public void Issue_BadArguments_AreArgumentErrors()
    {
        Should.Throw<ArgumentNullException>(() => Draft("I-1", 10m).Issue(Issuer, null!, IssueDay)).ParamName.ShouldBe("number");
        Should.Throw<ArgumentException>(() => Draft("I-1", 10m).Issue(Issuer, "N", IssueDay.WithCalendar(CalendarSystem.Julian))).ParamName.ShouldBe("issuedOn");
        Should.Throw<ArgumentException>(() => Draft("I-1", 10m).Issue(default, "N", IssueDay)).ParamName.ShouldBe("issuerId");
    }

    [Fact]
    public void Issue_ByTheInvoicedCustomerItself_IsRefusedNamingTheIssuer()
    {
        var thrown = Should.Throw<BillingRuleException>(() => Draft("I-1", 10m, customer: "C-1").Issue(CustomerId.From("C-1"), "N", IssueDay));

        (thrown.Field, thrown.Value).ShouldBe(("Invoice.IssuerId", "C-1"));
        thrown.Rule.ShouldContain("a customer does not issue its own invoices");
    }

    [Fact]
    public void Draft_HasNoIssuer_AndVoidingKeepsTheIssuerOfAnIssuedInvoice()
    {
        Draft("I-1", 10m).IssuerId.ShouldBeNull();
        Draft("I-1", 10m).Void().IssuerId.ShouldBeNull();
        Issued("N-1", 10m, Due).Void().IssuerId.ShouldBe(Issuer);
        Issued("N-1", 10m, Due, paid: 4m).IssuerId.ShouldBe(Issuer);
    }

    // ---- ApplyPayment ----

    [Fact]
    public void ApplyPayment_PartThenTheRest_IsPartlyPaidThenPaid()
    {
        var issued = Issued("N-1", 10.08m, Due);

        var part = issued.ApplyPayment(Money.Of(4m, "GBP"));
        part.Status.ShouldBe(InvoiceStatus.PartlyPaid);
        part.AmountPaid.ShouldBe(Money.Of(4m, "GBP"));
        part.Outstanding.ShouldBe(Money.Of(6.08m, "GBP"));
        part.IsUnpaid.ShouldBeTrue();

        var paid = part.ApplyPayment(Money.Of(6.08m, "GBP"));
        paid.Status.ShouldBe(InvoiceStatus.Paid);
        paid.AmountPaid.ShouldBe(Money.Of(10.08m, "GBP"));
        paid.Outstanding.ShouldBe(Money.Of(0m, "GBP"));
        paid.IsUnpaid.ShouldBeFalse();

        issued.Status.ShouldBe(InvoiceStatus.Issued);
        issued.AmountPaid.ShouldBe(Money.Of(0m, "GBP"));
    }

    [Fact]
    public void ApplyPayment_TheWholeTotalAtOnce_IsPaid()
        => Issued("N-1", 10.08m, Due).ApplyPayment(Money.Of(10.08m, "GBP")).Status.ShouldBe(InvoiceStatus.Paid);

    [Theory]
    [InlineData(0, "GBP", "must be greater than zero")]
    [InlineData(-1, "GBP", "must be greater than zero")]
    [InlineData(6.09, "GBP", "must not exceed what is outstanding on invoice N-1, 6.08 GBP")]
    [InlineData(0.001, "GBP", "must be a whole number of minor units of GBP")]
    [InlineData(1, "EUR", "must be in the invoice's currency, GBP")]
    public void ApplyPayment_AnInvalidAmount_IsRefusedNamingThePayment(decimal amount, string currency, string rule)
    {
        var invoice = Issued("N-1", 10.08m, Due, paid: 4m);

        var thrown = Should.Throw<BillingRuleException>(() => invoice.ApplyPayment(Money.Of(amount, currency)));

        thrown.Field.ShouldBe("Invoice.Payment");
        thrown.Value.ShouldBe(Money.Of(amount, currency).ToString());
        thrown.Rule.ShouldContain(rule);
    }

    [Fact]
    public void ApplyPayment_OneMinorUnitShort_IsPartlyPaidWithThatUnitOutstanding()
    {
        var invoice = Issued("N-1", 10.08m, Due).ApplyPayment(Money.Of(10.07m, "GBP"));

        invoice.Status.ShouldBe(InvoiceStatus.PartlyPaid);
        invoice.Outstanding.ShouldBe(Money.Of(0.01m, "GBP"));
        invoice.ApplyPayment(Money.Of(0.01m, "GBP")).Status.ShouldBe(InvoiceStatus.Paid);
        Should.Throw<BillingRuleException>(() => invoice.ApplyPayment(Money.Of(0.02m, "GBP"))).Field.ShouldBe("Invoice.Payment");
    }

    [Theory]
    [InlineData("draft", "Draft")]
    [InlineData("paid", "Paid")]
    [InlineData("void", "Void")]
    public void ApplyPayment_NotIssuedOrPartlyPaid_IsRefusedNamingTheStatus(string state, string status)
    {
        var invoice = state switch
        {
            "draft" => Draft("I-1", 10m),
            "paid" => Issued("N-1", 10m, Due, paid: 10m),
            _ => Issued("N-1", 10m, Due).Void(),
        };

        var thrown = Should.Throw<BillingRuleException>(() => invoice.ApplyPayment(Money.Of(1m, "GBP")));

        thrown.Field.ShouldBe("Invoice.Status");
        thrown.Value.ShouldBe(status);
        thrown.Rule.ShouldContain("a payment applies only to an issued invoice not yet paid");
    }

    /// <summary>Any total paid in any number of parts: what is paid and what is outstanding always make the total, the status
    /// is Paid exactly when nothing is outstanding (PartlyPaid before), and a part larger than what is outstanding is refused
    /// without changing anything.</summary>
    [Property(MaxTest = 300)]
    public Property ApplyPayment_StatusAndAmountsFollowThePayments()
        => Prop.ForAll(Payments.ToArbitrary(), c =>
        {
            var (currency, totalUnits, parts) = c;
            var unit = 1m / (decimal)Math.Pow(10, currency.MinorUnitDigits);
            var total = new Money(totalUnits * unit, currency);
            var invoice = Issued("N-1", total.Amount, Due, currency: currency.Code);
            var paid = Money.Zero(currency);
            foreach (var part in parts)
            {
                var amount = new Money(part * unit, currency);
                if (amount > total - paid)
                {
                    var before = invoice;
                    Should.Throw<BillingRuleException>(() => before.ApplyPayment(amount)).Field.ShouldBe("Invoice.Payment");
                    continue;
                }

                invoice = invoice.ApplyPayment(amount);
                paid += amount;
                invoice.AmountPaid.ShouldBe(paid);
                (invoice.AmountPaid + invoice.Outstanding).ShouldBe(invoice.Total);
                invoice.Status.ShouldBe(paid == total ? InvoiceStatus.Paid : InvoiceStatus.PartlyPaid);
                invoice.IsUnpaid.ShouldBe(paid != total);
                Invoice.Restore(invoice.ToSnapshot()).ToSnapshot().ShouldBe(invoice.ToSnapshot());
                if (invoice.Status == InvoiceStatus.Paid)
                {
                    var settled = invoice;
                    Should.Throw<BillingRuleException>(() => settled.ApplyPayment(new Money(unit, currency))).Field.ShouldBe("Invoice.Status");
                    break;
                }
            }

            invoice.Total.ShouldBe(total);
        });

    /// <summary>A currency, a total of 1..20,000 minor units and up to twelve parts of 1..8,000 units each, some larger than what is
    /// left, so that invoices end paid, partly paid and refused.</summary>
    private static Gen<(Currency Currency, int TotalUnits, int[] Parts)> Payments =>
        from currency in Gen.Elements(Currency.GBP, Currency.JPY, Currency.BHD)
        from totalUnits in Gen.Choose(1, 20_000)
        from parts in Gen.Choose(1, 8_000).ListOf()
        select (currency, totalUnits, parts.Take(12).ToArray());

    [Fact]
    public void ApplyPayment_DefaultMoney_IsAnArgumentError()
        => Should.Throw<ArgumentException>(() => Issued("N-1", 10m, Due).ApplyPayment(default)).ParamName.ShouldBe("amount");

    // ---- Void ----

    [Fact]
    public void Void_ADraftOrAnIssuedInvoiceWithNothingPaid_OwesNothingAndKeepsItsNumber()
    {
        var draft = Draft("I-1", 10m).Void();
        draft.Status.ShouldBe(InvoiceStatus.Void);
        draft.Number.ShouldBeNull();
        draft.Outstanding.ShouldBe(Money.Of(0m, "GBP"));

        var issued = Issued("N-1", 10m, Due).Void();
        issued.Status.ShouldBe(InvoiceStatus.Void);
        issued.Number.ShouldBe("N-1");
        issued.IssuedOn.ShouldBe(IssueDay);
        issued.Outstanding.ShouldBe(Money.Of(0m, "GBP"));
        issued.IsUnpaid.ShouldBeFalse();

        Issued("N-0", 0m, Due).Void().Status.ShouldBe(InvoiceStatus.Void);
    }

    [Theory]
    [InlineData(1, "PartlyPaid")]
    [InlineData(10, "Paid")]
    public void Void_WithSomethingPaid_IsRefusedNamingTheStatus(decimal paid, string status)
    {
        var thrown = Should.Throw<BillingRuleException>(() => Issued("N-1", 10m, Due, paid: paid).Void());

        thrown.Field.ShouldBe("Invoice.Status");
        thrown.Value.ShouldBe(status);
        thrown.Rule.ShouldContain($"an invoice with payments applied cannot be voided; {paid} GBP has been paid on invoice N-1");
    }

    [Fact]
    public void Void_AlreadyVoid_IsRefusedNamingTheStatus()
    {
        var thrown = Should.Throw<BillingRuleException>(() => Draft("I-1", 10m).Void().Void());

        thrown.Field.ShouldBe("Invoice.Status");
        thrown.Value.ShouldBe("Void");
        thrown.Rule.ShouldContain("invoice I-1 is already void");
    }

    // ---- ToUnpaidInvoice ----

    [Fact]
    public void ToUnpaidInvoice_AnIssuedInvoice_IsItsNumberDueDateAndOutstanding()
    {
        var unpaid = Issued("2026-0007", 10.08m, Due, paid: 4m).ToUnpaidInvoice();

        unpaid.Reference.ShouldBe("2026-0007");
        unpaid.DueDate.ShouldBe(Due);
        unpaid.Outstanding.ShouldBe(Money.Of(6.08m, "GBP"));
        Issued("2026-0008", 10m, Due, paid: 10m).ToUnpaidInvoice().Outstanding.ShouldBe(Money.Of(0m, "GBP"));
    }

    [Fact]
    public void ToUnpaidInvoice_ADraftOrAVoidInvoice_IsRefusedNamingTheStatus()
    {
        var draft = Should.Throw<BillingRuleException>(() => Draft("I-1", 10m).ToUnpaidInvoice());
        draft.Field.ShouldBe("Invoice.Status");
        draft.Value.ShouldBe("Draft");
        draft.Rule.ShouldContain("a draft is not owed until it is issued");

        var voided = Should.Throw<BillingRuleException>(() => Issued("N-1", 10m, Due, id: "I-2").Void().ToUnpaidInvoice());
        voided.Field.ShouldBe("Invoice.Status");
        voided.Value.ShouldBe("Void");
        voided.Rule.ShouldContain("nothing is owed on a void invoice; invoice I-2 is void");
    }

    // ---- Snapshots and restore ----

    public static TheoryData<string> States => new() { "draft", "issued", "partly paid", "paid", "void draft", "void issued", "zero paid" };

    private static Invoice InState(string state) => state switch
    {
        "draft" => Invoice.Draft(InvoiceId.From("I-D"), Example1Charges()),
        "issued" => Invoice.Draft(InvoiceId.From("I-I"), Example1Charges()).Issue(Issuer, "N-1", IssueDay),
        "partly paid" => Issued("N-2", 10.08m, Due, paid: 0.01m),
        "paid" => Issued("N-3", 10.08m, Due, paid: 10.08m),
        "void draft" => Draft("I-V", 3m).Void(),
        "void issued" => Issued("N-4", 3m, Due).Void(),
        _ => Issued("N-5", 0m, Due),
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Restore_ASnapshot_GivesAnEqualInvoice(string state)
    {
        var invoice = InState(state).WithVersion(7);
        var snapshot = invoice.ToSnapshot();

        var back = Invoice.Restore(snapshot);

        back.ToSnapshot().ShouldBe(snapshot);
        back.Status.ShouldBe(invoice.Status);
        back.Outstanding.ShouldBe(invoice.Outstanding);
        back.Version.ShouldBe(7);
    }

    [Fact]
    public void ToSnapshot_CopiesEveryMember()
    {
        var invoice = Issued("N-9", 12.34m, Due, paid: 2m, id: "I-9").WithVersion(3);

        var s = invoice.ToSnapshot();

        s.Id.ShouldBe(InvoiceId.From("I-9"));
        s.CustomerId.ShouldBe(CustomerId.From("C-1"));
        s.Period.ShouldBe(April);
        s.Currency.ShouldBe(Currency.GBP);
        s.Lines.ShouldBe([Line(12.34m)]);
        s.Subtotal.ShouldBe(Money.Of(12.34m, "GBP"));
        s.Tax.ShouldBe(Money.Of(0m, "GBP"));
        s.Total.ShouldBe(Money.Of(12.34m, "GBP"));
        s.DueDate.ShouldBe(Due);
        s.Status.ShouldBe(InvoiceStatus.PartlyPaid);
        s.Number.ShouldBe("N-9");
        s.IssuedOn.ShouldBe(IssueDay);
        s.IssuerId.ShouldBe(Issuer);
        s.AmountPaid.ShouldBe(Money.Of(2m, "GBP"));
        s.Version.ShouldBe(3);
    }

    [Fact]
    public void WithVersion_Negative_IsRefused()
    {
        var thrown = Should.Throw<BillingRuleException>(() => Draft("I-1", 1m).WithVersion(-1));

        thrown.Field.ShouldBe("Invoice.Version");
        thrown.Value.ShouldBe("-1");
        thrown.Rule.ShouldContain("must not be negative");
        Draft("I-1", 1m).WithVersion(0).Version.ShouldBe(0);
    }

    /// <summary>Stored data that breaks the invoice's structure, each with the field the refusal names and a part of the rule it
    /// states (enough to tell two rules on one field apart).</summary>
    public static TheoryData<string, string, string> BrokenSnapshots => new()
    {
        { "subtotal is not the sum of the lines", "Invoice.Subtotal", "must be the sum of the lines' amounts, 10 GBP" },
        { "subtotal in another currency", "Invoice.Subtotal", "must be in the invoice's currency, GBP" },
        { "negative subtotal", "Invoice.Subtotal", "must not be negative" },
        { "subtotal with a fraction of a penny", "Invoice.Subtotal", "must be a whole number of minor units of GBP" },
        { "total is not subtotal plus tax", "Invoice.Total", "must be the subtotal plus the tax, 11 GBP" },
        { "total in another currency", "Invoice.Total", "must be in the invoice's currency, GBP" },
        { "negative total", "Invoice.Total", "must not be negative" },
        { "total with a fraction of a penny", "Invoice.Total", "must be a whole number of minor units of GBP" },
        { "negative tax", "Invoice.Tax", "must not be negative" },
        { "tax in another currency", "Invoice.Tax", "must be in the invoice's currency, GBP" },
        { "tax with a fraction of a penny", "Invoice.Tax", "must be a whole number of minor units of GBP" },
        { "line with a fraction of a penny", "Invoice.Lines", "the amount must be a whole number of minor units of GBP" },
        { "paid more than the total", "Invoice.AmountPaid", "must not exceed the total, 10 GBP" },
        { "negative amount paid", "Invoice.AmountPaid", "must not be negative" },
        { "amount paid in another currency", "Invoice.AmountPaid", "must be in the invoice's currency, GBP" },
        { "amount paid with a fraction of a penny", "Invoice.AmountPaid", "must be a whole number of minor units of GBP" },
        { "issued with something paid", "Invoice.AmountPaid", "nothing is paid on an Issued invoice" },
        { "issued with a zero total", "Invoice.Status", "a zero total is Paid as soon as it is issued" },
        { "partly paid with nothing paid", "Invoice.AmountPaid", "a partly paid invoice has had something paid on it" },
        { "partly paid in full", "Invoice.AmountPaid", "a partly paid invoice has something outstanding; its total is 10 GBP" },
        { "partly paid without a number", "Invoice.Number", "a partly paid invoice has a number" },
        { "paid with something outstanding", "Invoice.AmountPaid", "a paid invoice has its whole total paid, 10 GBP" },
        { "paid without a number", "Invoice.Number", "a paid invoice has a number" },
        { "draft with a number", "Invoice.Number", "a draft has no number" },
        { "draft with something paid", "Invoice.AmountPaid", "nothing is paid on a draft" },
        { "void with something paid", "Invoice.AmountPaid", "nothing is paid on a void invoice" },
        { "issued without a number", "Invoice.Number", "an issued invoice has a number" },
        { "number without an issue date", "Invoice.Number", "a number exactly when it has an issue date" },
        { "issue date without a number", "Invoice.Number", "a number exactly when it has an issue date (2026-05-01)" },
        { "blank number", "Invoice.Number", "stored as null" },
        { "undefined status", "Invoice.Status", "must be Draft, Issued, PartlyPaid, Paid or Void" },
        { "line in another currency", "Invoice.Lines", "the unit amount must be in the invoice's currency, GBP" },
        { "line whose amount is in another currency", "Invoice.Lines", "the amount must be in the invoice's currency, GBP" },
        { "line with a negative unit amount", "Invoice.Lines", "the unit amount must not be negative" },
        { "line of another period length", "Invoice.Lines", "the period days must be the 30 days of the invoice's period" },
        { "line with no active day", "Invoice.Lines", "the active days must be at least 1" },
        { "line with more active days than the period", "Invoice.Lines", "the active days must not exceed the period days" },
        { "line with quantity 0", "Invoice.Lines", "the quantity must be at least 1" },
        { "line with a negative amount", "Invoice.Lines", "the amount must not be negative" },
        { "line with an undefined owner kind", "Invoice.Lines", "the owner kind must be Account, Number or Service" },
        { "line with an undefined feature kind", "Invoice.Lines", "the feature kind must be Recurring or OneOff" },
        { "line with an undefined proration", "Invoice.Lines", "the proration must be ByDay or None" },
        { "two lines with one key", "Invoice.Lines", "two lines share the idempotency key charge:service:S-1:FEE:2026-04-01" },
        { "blank owner id", "Invoice.Lines.OwnerId", "must not be empty or white space" },
        { "blank line name", "Invoice.Lines.Name", "must not be empty or white space" },
        { "blank idempotency key", "Invoice.Lines.IdempotencyKey", "must not be empty or white space" },
        { "default period", "Invoice.Period", "a billing period ends after it starts" },
        { "due date in another calendar", "Invoice.DueDate", "a stored date is an ISO date" },
        { "issue date in another calendar", "Invoice.IssuedOn", "a stored date is an ISO date" },
        { "negative version", "Invoice.Version", "must not be negative" },
        { "draft with an issuer", "Invoice.IssuerId", "an invoice has an issuer only once it has a number" },
        { "void draft with an issuer", "Invoice.IssuerId", "an invoice has an issuer only once it has a number" },
        { "issued by its own customer", "Invoice.IssuerId", "a customer does not issue its own invoices" },
    };

    [Theory]
    [MemberData(nameof(BrokenSnapshots))]
    public void Restore_BrokenStructure_IsRefusedNamingTheFieldAndTheRule(string what, string field, string rule)
    {
        var thrown = Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken(what)), what);

        thrown.Field.ShouldBe(field, what);
        thrown.Rule.ShouldContain(rule, Case.Sensitive, what);
    }

    [Fact]
    public void Restore_BrokenStructure_NamesTheValue()
    {
        Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken("negative version"))).Value.ShouldBe("-1");
        Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken("paid more than the total"))).Value.ShouldBe("10.01 GBP");
        Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken("undefined status"))).Value.ShouldBe("9");
        Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken("draft with a number"))).Value.ShouldBe("N-1");

        // A line is named by its position, counted from 1, and its text.
        Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken("line with a negative amount")))
            .Value.ShouldBe("line 2: service S-1 Fee B: 1/30 days -1 GBP");
        Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken("two lines with one key"))).Value.ShouldStartWith("line 2: ");
        Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken("line with quantity 0"))).Value.ShouldStartWith("line 1: ");
        Should.Throw<BillingRuleException>(() => Invoice.Restore(Broken("line with an undefined owner kind")))
            .Value.ShouldBe("line 1: unknown S-1 Fee FEE: 1/30 days 10 GBP");
    }

    private static InvoiceSnapshot Broken(string what)
    {
        var draft = DraftSnapshot("I-1", 10m);
        var issued = Issued("N-1", 10m, Due).ToSnapshot();
        var gbp = (decimal a) => Money.Of(a, "GBP");
        var eur = (decimal a) => Money.Of(a, "EUR");
        return what switch
        {
            "subtotal is not the sum of the lines" => draft with { Subtotal = gbp(9m), Total = gbp(9m) },
            "subtotal in another currency" => draft with { Subtotal = eur(10m) },
            "negative subtotal" => draft with { Lines = [], Subtotal = gbp(-1m), Total = gbp(-1m) },
            "subtotal with a fraction of a penny" => draft with { Lines = [], Subtotal = gbp(0.001m), Total = gbp(0.001m) },
            "total is not subtotal plus tax" => draft with { Tax = gbp(1m) },
            "total in another currency" => draft with { Total = eur(10m) },
            "negative total" => draft with { Lines = [], Subtotal = gbp(0m), Total = gbp(-1m) },
            "total with a fraction of a penny" => draft with { Total = gbp(10.001m) },
            "negative tax" => draft with { Tax = gbp(-1m), Total = gbp(9m) },
            "tax in another currency" => draft with { Tax = eur(0m) },
            "tax with a fraction of a penny" => draft with { Tax = gbp(0.001m), Total = gbp(10.001m) },
            "line with a fraction of a penny" => draft with { Lines = [Line(9.995m, feature: "A"), Line(0.005m, feature: "B")] },
            "paid more than the total" => issued with { Status = InvoiceStatus.Paid, AmountPaid = gbp(10.01m) },
            "negative amount paid" => issued with { AmountPaid = gbp(-1m) },
            "amount paid in another currency" => issued with { AmountPaid = eur(0m) },
            "amount paid with a fraction of a penny" => issued with { Status = InvoiceStatus.PartlyPaid, AmountPaid = gbp(1.001m) },
            "issued with something paid" => issued with { AmountPaid = gbp(1m) },
            "issued with a zero total" => issued with { Lines = [Line(0m)], Subtotal = gbp(0m), Total = gbp(0m) },
            "partly paid with nothing paid" => issued with { Status = InvoiceStatus.PartlyPaid },
            "partly paid in full" => issued with { Status = InvoiceStatus.PartlyPaid, AmountPaid = gbp(10m) },
            "partly paid without a number" => issued with { Status = InvoiceStatus.PartlyPaid, AmountPaid = gbp(1m), Number = null, IssuedOn = null },
            "paid with something outstanding" => issued with { Status = InvoiceStatus.Paid, AmountPaid = gbp(9.99m) },
            "paid without a number" => issued with { Status = InvoiceStatus.Paid, AmountPaid = gbp(10m), Number = null, IssuedOn = null },
            "draft with a number" => draft with { Number = "N-1", IssuedOn = IssueDay },
            "draft with something paid" => draft with { AmountPaid = gbp(1m) },
            "void with something paid" => issued with { Status = InvoiceStatus.Void, AmountPaid = gbp(1m) },
            "issued without a number" => issued with { Number = null, IssuedOn = null },
            "number without an issue date" => issued with { IssuedOn = null },
            "issue date without a number" => draft with { IssuedOn = IssueDay },
            "blank number" => issued with { Number = " " },
            "undefined status" => draft with { Status = (InvoiceStatus)9 },
            "line in another currency" => draft with { Lines = [Line(10m, "EUR")] },
            "line whose amount is in another currency" => draft with { Lines = [Line(10m) with { Amount = eur(10m) }] },
            "line with a negative unit amount" => draft with { Lines = [Line(10m) with { UnitAmount = gbp(-10m) }] },
            "line of another period length" => draft with { Lines = [Line(10m) with { PeriodDays = 31 }] },
            "line with no active day" => draft with { Lines = [Line(10m) with { ActiveDays = 0 }] },
            "line with more active days than the period" => draft with { Lines = [Line(10m) with { ActiveDays = 31 }] },
            "line with quantity 0" => draft with { Lines = [Line(10m) with { Quantity = 0 }] },
            "line with a negative amount" => draft with { Lines = [Line(11m, feature: "A"), Line(1m, feature: "B") with { Amount = gbp(-1m) }] },
            "line with an undefined owner kind" => draft with { Lines = [Line(10m) with { OwnerKind = (ChargeOwnerKind)7 }] },
            "line with an undefined feature kind" => draft with { Lines = [Line(10m) with { Kind = (FeatureKind)7 }] },
            "line with an undefined proration" => draft with { Lines = [Line(10m) with { Proration = (Proration)7 }] },
            "two lines with one key" => draft with { Lines = [Line(4m), Line(6m)] },
            "blank owner id" => draft with { Lines = [Line(10m) with { OwnerId = "\t" }] },
            "blank line name" => draft with { Lines = [Line(10m) with { Name = " " }] },
            "blank idempotency key" => draft with { Lines = [Line(10m) with { IdempotencyKey = "" }] },
            "default period" => draft with { Period = default },
            "due date in another calendar" => draft with { DueDate = Due.WithCalendar(CalendarSystem.Julian) },
            "issue date in another calendar" => issued with { IssuedOn = IssueDay.WithCalendar(CalendarSystem.Julian) },
            "negative version" => draft with { Version = -1 },
            "draft with an issuer" => draft with { IssuerId = Issuer },
            "void draft with an issuer" => draft with { Status = InvoiceStatus.Void, IssuerId = Issuer },
            "issued by its own customer" => issued with { IssuerId = issued.CustomerId },
            _ => throw new InvalidOperationException(what),
        };
    }

    /// <summary>An invoice issued before issuers were recorded (a number, no issuer) still loads, in every numbered state.</summary>
    [Theory]
    [InlineData("issued")]
    [InlineData("partly paid")]
    [InlineData("paid")]
    [InlineData("void issued")]
    public void Restore_NumberedWithoutIssuer_LoadsWithNoIssuer(string state)
    {
        var stored = InState(state).ToSnapshot() with { IssuerId = null };

        var invoice = Invoice.Restore(stored);

        invoice.IssuerId.ShouldBeNull();
        invoice.Number.ShouldNotBeNull();
        invoice.ToSnapshot().ShouldBe(stored);
    }

    [Fact]
    public void Restore_MissingOrDefaultMembers_AreArgumentErrors()
    {
        var draft = DraftSnapshot("I-1", 10m);
        Should.Throw<ArgumentNullException>(() => Invoice.Restore(null!));
        Should.Throw<ArgumentNullException>(() => Invoice.Restore(draft with { Lines = null! })).Message.ShouldContain("Invoice.Lines");
        Should.Throw<ArgumentNullException>(() => Invoice.Restore(draft with { Lines = [null!] })).Message.ShouldContain("Invoice.Lines");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Id = default })).ParamName.ShouldBe("snapshot.Id");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { CustomerId = default })).ParamName.ShouldBe("snapshot.CustomerId");
        Should.Throw<ArgumentException>(() => Invoice.Restore(Issued("N-1", 10m, Due).ToSnapshot() with { IssuerId = default(CustomerId) })).ParamName.ShouldBe("snapshot.IssuerId");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { AmountPaid = default })).ParamName.ShouldBe("snapshot.AmountPaid");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Lines = [Line(10m) with { Amount = default }] })).ParamName.ShouldBe("snapshot.Lines");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Lines = [Line(10m) with { FeatureId = default }] })).ParamName.ShouldBe("snapshot.Lines");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Currency = default })).ParamName.ShouldBe("snapshot.Currency");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Subtotal = default })).ParamName.ShouldBe("snapshot.Subtotal");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Tax = default })).ParamName.ShouldBe("snapshot.Tax");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Total = default })).ParamName.ShouldBe("snapshot.Total");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Lines = [Line(10m) with { AccountId = default(AccountId) }] })).ParamName.ShouldBe("snapshot.Lines");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Lines = [Line(10m) with { UnitAmount = default }] })).ParamName.ShouldBe("snapshot.Lines");
        Should.Throw<ArgumentNullException>(() => Invoice.Restore(draft with { Lines = [Line(10m) with { Name = null! }] })).Message.ShouldContain("Invoice.Lines.Name");
    }

    [Fact]
    public void Restore_EdgesOfTheRules_AreAccepted()
    {
        var draft = DraftSnapshot("I-1", 10m);

        // A line active on every day of the period, and a line of more than one unit.
        Invoice.Restore(draft with { Lines = [Line(10m) with { ActiveDays = 30, Kind = FeatureKind.Recurring }] }).Lines[0].ActiveDays.ShouldBe(30);
        Invoice.Restore(draft with { Lines = [Line(10m) with { Quantity = 2, UnitAmount = Money.Of(5m, "GBP") }] }).Lines[0].Quantity.ShouldBe(2);

        // Free lines, a zero tax and a zero total; lines that differ only by their key.
        Invoice.Restore(draft with { Lines = [Line(0m)], Subtotal = Money.Of(0m, "GBP"), Total = Money.Of(0m, "GBP") })
            .Total.IsZero.ShouldBeTrue();
        Invoice.Restore(draft with { Lines = [Line(4m, feature: "A"), Line(6m, feature: "B")] }).Lines.Count.ShouldBe(2);

        // The tax is added, not subtracted.
        var taxed = Invoice.Restore(draft with { Tax = Money.Of(2m, "GBP"), Total = Money.Of(12m, "GBP") });
        taxed.Total.ShouldBe(Money.Of(12m, "GBP"));
        taxed.Outstanding.ShouldBe(Money.Of(12m, "GBP"));

        // A void invoice that was issued keeps its number; a void draft has none.
        var issued = Issued("N-1", 10m, Due).ToSnapshot();
        Invoice.Restore(issued with { Status = InvoiceStatus.Void }).Number.ShouldBe("N-1");
        Invoice.Restore(draft with { Status = InvoiceStatus.Void }).Number.ShouldBeNull();
        Invoice.Restore(issued with { Status = InvoiceStatus.PartlyPaid, AmountPaid = Money.Of(9.99m, "GBP") }).Outstanding.ShouldBe(Money.Of(0.01m, "GBP"));
    }

    [Fact]
    public void Restore_KeepsStoredTextsExactly()
    {
        var number = "  " + new string('x', 100) + "\u0007";
        var snapshot = Issued("N-1", 10m, Due).ToSnapshot() with { Number = number, Lines = [Line(10m) with { Name = " odd\tname " }] };

        var invoice = Invoice.Restore(snapshot);

        invoice.Number.ShouldBe(number);
        invoice.Lines[0].Name.ShouldBe(" odd\tname ");
    }

    [Fact]
    public void ToString_NamesTheInvoice()
    {
        Draft("I-1", 10m).ToString().ShouldBe("Invoice I-1 (no number) of C-1 for [2026-04-01, 2026-05-01): total 10 GBP, paid 0 GBP, Draft, due 2026-05-30");
        Issued("N-1", 10.00m, Due, id: "I-1").ToString().ShouldBe("Invoice I-1 (N-1) of C-1 for [2026-04-01, 2026-05-01): total 10.00 GBP, paid 0 GBP, Issued, due 2026-05-30");
        Line(8.40m).ToString().ShouldBe("service S-1 Fee FEE: 1/30 days 8.40 GBP");
    }

    [Fact]
    public void InvoiceId_GeneratedIds_AreUniqueAndPrefixed()
    {
        var a = InvoiceId.New();
        var b = InvoiceId.New();
        a.ShouldNotBe(b);
        a.Value.ShouldMatch("^INV-[0-9a-f]{32}$");
        InvoiceId.Parse(" X-1 ").Value.ShouldBe("X-1");
        InvoiceId.TryParse("", out _).ShouldBeFalse();
    }

    [Fact]
    public void InvoiceId_EqualityParsingAndText()
    {
        var a = InvoiceId.From("INV-1");
        var same = InvoiceId.Parse("INV-1", null);
        var other = InvoiceId.From("inv-1");

        (a == same).ShouldBeTrue();
        (a != same).ShouldBeFalse();
        (a == other).ShouldBeFalse();
        (a != other).ShouldBeTrue();
        a.Equals((object)same).ShouldBeTrue();
        a.Equals((object)other).ShouldBeFalse();
        a.Equals("INV-1").ShouldBeFalse();
        a.GetHashCode().ShouldBe(same.GetHashCode());
        a.GetHashCode().ShouldNotBe(other.GetHashCode());
        a.ToString().ShouldBe("INV-1");
        InvoiceId.TypeName.ShouldBe("InvoiceId");

        default(InvoiceId).IsDefault.ShouldBeTrue();
        default(InvoiceId).Value.ShouldBe(string.Empty);
        a.IsDefault.ShouldBeFalse();

        InvoiceId.TryParse(" INV-2 ", null, out var parsed).ShouldBeTrue();
        parsed.Value.ShouldBe("INV-2");
        InvoiceId.TryParse("INV-3", out var plain).ShouldBeTrue();
        plain.Value.ShouldBe("INV-3");
        InvoiceId.TryParse(null, null, out _).ShouldBeFalse();
        Should.Throw<ArgumentNullException>(() => InvoiceId.Parse(null!)).ParamName.ShouldBe("s");
        Should.Throw<BillingRuleException>(() => InvoiceId.From(" "));
    }
}
