using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
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
        Should.Throw<ArgumentException>(() => InvoiceLine.From(default)).ParamName.ShouldBe("line");
    }

    // ---- Issue ----

    [Fact]
    public void Issue_ADraft_IsIssuedWithItsTrimmedNumberAndDate()
    {
        var invoice = Draft("I-1", 10.08m).Issue("  2026-0001 ", IssueDay);

        invoice.Status.ShouldBe(InvoiceStatus.Issued);
        invoice.Number.ShouldBe("2026-0001");
        invoice.IssuedOn.ShouldBe(IssueDay);
        invoice.Outstanding.ShouldBe(Money.Of(10.08m, "GBP"));
        invoice.IsUnpaid.ShouldBeTrue();
    }

    [Fact]
    public void Issue_AZeroTotal_IsPaidAtOnce()
    {
        var invoice = Draft("I-0", 0m).Issue("2026-0002", IssueDay);

        invoice.Status.ShouldBe(InvoiceStatus.Paid);
        invoice.Outstanding.ShouldBe(Money.Of(0m, "GBP"));
        invoice.IsUnpaid.ShouldBeFalse();
    }

    [Theory]
    [InlineData("issued")]
    [InlineData("paid")]
    [InlineData("void")]
    public void Issue_NotADraft_IsRefusedNamingTheStatus(string state)
    {
        var invoice = state switch
        {
            "issued" => Issued("N-1", 10m, Due),
            "paid" => Issued("N-1", 10m, Due, paid: 10m),
            _ => Draft("I-1", 10m).Void(),
        };

        Should.Throw<BillingRuleException>(() => invoice.Issue("N-2", IssueDay)).Field.ShouldBe("Invoice.Status");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("INV\u0007-1")]
    [InlineData("INV-\uFFFE")]
    public void Issue_AnInvalidNumber_IsRefusedNamingTheNumber(string number)
        => Should.Throw<BillingRuleException>(() => Draft("I-1", 10m).Issue(number, IssueDay)).Field.ShouldBe("Invoice.Number");

    [Fact]
    public void Issue_NumberLength_AtMost64()
    {
        Draft("I-1", 10m).Issue(new string('7', Invoice.MaxNumberLength), IssueDay).Number!.Length.ShouldBe(64);
        Should.Throw<BillingRuleException>(() => Draft("I-1", 10m).Issue(new string('7', 65), IssueDay)).Field.ShouldBe("Invoice.Number");
    }

    [Fact]
    public void Issue_BadArguments_AreArgumentErrors()
    {
        Should.Throw<ArgumentNullException>(() => Draft("I-1", 10m).Issue(null!, IssueDay)).ParamName.ShouldBe("number");
        Should.Throw<ArgumentException>(() => Draft("I-1", 10m).Issue("N", IssueDay.WithCalendar(CalendarSystem.Julian))).ParamName.ShouldBe("issuedOn");
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
    [InlineData(0, "GBP")]
    [InlineData(-1, "GBP")]
    [InlineData(6.09, "GBP")]
    [InlineData(0.001, "GBP")]
    [InlineData(1, "EUR")]
    public void ApplyPayment_AnInvalidAmount_IsRefusedNamingThePayment(decimal amount, string currency)
    {
        var invoice = Issued("N-1", 10.08m, Due, paid: 4m);

        var thrown = Should.Throw<BillingRuleException>(() => invoice.ApplyPayment(Money.Of(amount, currency)));

        thrown.Field.ShouldBe("Invoice.Payment");
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("paid")]
    [InlineData("void")]
    public void ApplyPayment_NotIssuedOrPartlyPaid_IsRefusedNamingTheStatus(string state)
    {
        var invoice = state switch
        {
            "draft" => Draft("I-1", 10m),
            "paid" => Issued("N-1", 10m, Due, paid: 10m),
            _ => Issued("N-1", 10m, Due).Void(),
        };

        Should.Throw<BillingRuleException>(() => invoice.ApplyPayment(Money.Of(1m, "GBP"))).Field.ShouldBe("Invoice.Status");
    }

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

    [Fact]
    public void Void_WithSomethingPaidOrAlreadyVoid_IsRefusedNamingTheStatus()
    {
        Should.Throw<BillingRuleException>(() => Issued("N-1", 10m, Due, paid: 1m).Void()).Field.ShouldBe("Invoice.Status");
        Should.Throw<BillingRuleException>(() => Issued("N-1", 10m, Due, paid: 10m).Void()).Field.ShouldBe("Invoice.Status");
        Should.Throw<BillingRuleException>(() => Draft("I-1", 10m).Void().Void()).Field.ShouldBe("Invoice.Status");
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
        Should.Throw<BillingRuleException>(() => Draft("I-1", 10m).ToUnpaidInvoice()).Field.ShouldBe("Invoice.Status");
        Should.Throw<BillingRuleException>(() => Issued("N-1", 10m, Due).Void().ToUnpaidInvoice()).Field.ShouldBe("Invoice.Status");
    }

    // ---- Snapshots and restore ----

    public static TheoryData<string> States => new() { "draft", "issued", "partly paid", "paid", "void draft", "void issued", "zero paid" };

    private static Invoice InState(string state) => state switch
    {
        "draft" => Invoice.Draft(InvoiceId.From("I-D"), Example1Charges()),
        "issued" => Invoice.Draft(InvoiceId.From("I-I"), Example1Charges()).Issue("N-1", IssueDay),
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
        s.AmountPaid.ShouldBe(Money.Of(2m, "GBP"));
        s.Version.ShouldBe(3);
    }

    [Fact]
    public void WithVersion_Negative_IsRefused()
        => Should.Throw<BillingRuleException>(() => Draft("I-1", 1m).WithVersion(-1)).Field.ShouldBe("Invoice.Version");

    /// <summary>Stored data that breaks the invoice's structure, each with the field the refusal names.</summary>
    public static TheoryData<string, string> BrokenSnapshots => new()
    {
        { "subtotal is not the sum of the lines", "Invoice.Subtotal" },
        { "total is not subtotal plus tax", "Invoice.Total" },
        { "negative tax", "Invoice.Tax" },
        { "tax in another currency", "Invoice.Tax" },
        { "tax with a fraction of a penny", "Invoice.Tax" },
        { "line with a fraction of a penny", "Invoice.Lines" },
        { "paid more than the total", "Invoice.AmountPaid" },
        { "negative amount paid", "Invoice.AmountPaid" },
        { "issued with something paid", "Invoice.AmountPaid" },
        { "issued with a zero total", "Invoice.Status" },
        { "partly paid with nothing paid", "Invoice.AmountPaid" },
        { "partly paid in full", "Invoice.AmountPaid" },
        { "paid with something outstanding", "Invoice.AmountPaid" },
        { "draft with a number", "Invoice.Number" },
        { "draft with something paid", "Invoice.AmountPaid" },
        { "void with something paid", "Invoice.AmountPaid" },
        { "issued without a number", "Invoice.Number" },
        { "number without an issue date", "Invoice.Number" },
        { "issue date without a number", "Invoice.Number" },
        { "blank number", "Invoice.Number" },
        { "undefined status", "Invoice.Status" },
        { "line in another currency", "Invoice.Lines" },
        { "line of another period length", "Invoice.Lines" },
        { "line with no active day", "Invoice.Lines" },
        { "line with more active days than the period", "Invoice.Lines" },
        { "line with quantity 0", "Invoice.Lines" },
        { "line with a negative amount", "Invoice.Lines" },
        { "line with an undefined owner kind", "Invoice.Lines" },
        { "two lines with one key", "Invoice.Lines" },
        { "blank owner id", "Invoice.Lines.OwnerId" },
        { "default period", "Invoice.Period" },
        { "due date in another calendar", "Invoice.DueDate" },
        { "negative version", "Invoice.Version" },
    };

    [Theory]
    [MemberData(nameof(BrokenSnapshots))]
    public void Restore_BrokenStructure_IsRefusedNamingTheField(string what, string field)
    {
        var draft = DraftSnapshot("I-1", 10m);
        var issued = Issued("N-1", 10m, Due).ToSnapshot();
        var gbp = (decimal a) => Money.Of(a, "GBP");
        var snapshot = what switch
        {
            "subtotal is not the sum of the lines" => draft with { Subtotal = gbp(9m), Total = gbp(9m) },
            "total is not subtotal plus tax" => draft with { Tax = gbp(1m) },
            "negative tax" => draft with { Tax = gbp(-1m), Total = gbp(9m) },
            "tax in another currency" => draft with { Tax = Money.Of(0m, "EUR") },
            "tax with a fraction of a penny" => draft with { Tax = gbp(0.001m), Total = gbp(10.001m) },
            "line with a fraction of a penny" => draft with { Lines = [Line(9.995m, feature: "A"), Line(0.005m, feature: "B")] },
            "paid more than the total" => issued with { Status = InvoiceStatus.Paid, AmountPaid = gbp(10.01m) },
            "negative amount paid" => issued with { AmountPaid = gbp(-1m) },
            "issued with something paid" => issued with { AmountPaid = gbp(1m) },
            "issued with a zero total" => issued with { Lines = [Line(0m)], Subtotal = gbp(0m), Total = gbp(0m) },
            "partly paid with nothing paid" => issued with { Status = InvoiceStatus.PartlyPaid },
            "partly paid in full" => issued with { Status = InvoiceStatus.PartlyPaid, AmountPaid = gbp(10m) },
            "paid with something outstanding" => issued with { Status = InvoiceStatus.Paid, AmountPaid = gbp(9.99m) },
            "draft with a number" => draft with { Number = "N-1", IssuedOn = IssueDay },
            "draft with something paid" => draft with { AmountPaid = gbp(1m) },
            "void with something paid" => issued with { Status = InvoiceStatus.Void, AmountPaid = gbp(1m) },
            "issued without a number" => issued with { Number = null, IssuedOn = null },
            "number without an issue date" => issued with { IssuedOn = null },
            "issue date without a number" => draft with { IssuedOn = IssueDay },
            "blank number" => issued with { Number = " " },
            "undefined status" => draft with { Status = (InvoiceStatus)9 },
            "line in another currency" => draft with { Lines = [Line(10m, "EUR")] },
            "line of another period length" => draft with { Lines = [Line(10m) with { PeriodDays = 31 }] },
            "line with no active day" => draft with { Lines = [Line(10m) with { ActiveDays = 0 }] },
            "line with more active days than the period" => draft with { Lines = [Line(10m) with { ActiveDays = 31 }] },
            "line with quantity 0" => draft with { Lines = [Line(10m) with { Quantity = 0 }] },
            "line with a negative amount" => draft with { Lines = [Line(11m, feature: "A"), Line(-1m, feature: "B")] },
            "line with an undefined owner kind" => draft with { Lines = [Line(10m) with { OwnerKind = (ChargeOwnerKind)7 }] },
            "two lines with one key" => draft with { Lines = [Line(4m), Line(6m)] },
            "blank owner id" => draft with { Lines = [Line(10m) with { OwnerId = "\t" }] },
            "default period" => draft with { Period = default },
            "due date in another calendar" => draft with { DueDate = Due.WithCalendar(CalendarSystem.Julian) },
            "negative version" => draft with { Version = -1 },
            _ => throw new InvalidOperationException(what),
        };

        var thrown = Should.Throw<BillingRuleException>(() => Invoice.Restore(snapshot), what);

        thrown.Field.ShouldBe(field, what);
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
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { AmountPaid = default })).ParamName.ShouldBe("snapshot.AmountPaid");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Lines = [Line(10m) with { Amount = default }] })).ParamName.ShouldBe("snapshot.Lines");
        Should.Throw<ArgumentException>(() => Invoice.Restore(draft with { Lines = [Line(10m) with { FeatureId = default }] })).ParamName.ShouldBe("snapshot.Lines");
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
}
