using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Invoicing;

/// <summary>
/// A customer's invoice for one billing period (see docs/period-charges.md, "Invoices and payments"): the stored form of a
/// <see cref="PeriodCharges"/> — lines, subtotal, tax, total, due date — and where it is in its life: a
/// <see cref="InvoiceStatus.Draft"/> is issued with a number from its issuer's sequence (<see cref="Issue"/>), then paid in one or more payments
/// (<see cref="ApplyPayment"/>, <see cref="InvoiceStatus.PartlyPaid"/> → <see cref="InvoiceStatus.Paid"/>); a draft, or an issued
/// invoice nothing has been paid on, can be voided (<see cref="Void"/>).
/// </summary>
/// <remarks>
/// <para>Fixed at creation: the id, customer, period, currency, lines and amounts. Every amount is in <see cref="Currency"/> and a
/// whole number of its minor units.</para>
/// <para>Immutable and thread-safe; every change returns a new validated instance with the same <see cref="Version"/>.</para>
/// </remarks>
[JsonConverter(typeof(InvoiceJsonConverter))]
public sealed class Invoice
{
    /// <summary>The longest invoice number accepted by <see cref="Issue"/>, in UTF-16 code units after trimming.</summary>
    public const int MaxNumberLength = 64;

    private const string StatusField = "Invoice.Status";
    private const string NumberField = "Invoice.Number";
    private const string IssuerField = "Invoice.IssuerId";
    private const string LinesField = "Invoice.Lines";
    private const string AmountPaidField = "Invoice.AmountPaid";
    private const string PaymentField = "Invoice.Payment";

    private readonly State _s;

    private Invoice(State s)
    {
        // Ids, currency and dates were checked where they came in (Draft, Restore and the changes); the rest is checked here, so
        // no invoice exists whose amounts, lines and status disagree.
        Guard.Rule(s.Version >= 0, "Invoice.Version", s.Version, "must not be negative");
        Guard.Rule(s.Period.EndExclusive > s.Period.Start, "Invoice.Period", s.Period, "a billing period ends after it starts");
        var subtotal = CheckLines(s.Lines, s.Currency, s.Period.LengthInDays);
        CheckAmount(s.Subtotal, "Invoice.Subtotal", s.Currency);
        Guard.Rule(s.Subtotal == subtotal, "Invoice.Subtotal", s.Subtotal, $"must be the sum of the lines' amounts, {subtotal}");
        CheckAmount(s.Tax, "Invoice.Tax", s.Currency);
        CheckAmount(s.Total, "Invoice.Total", s.Currency);
        Guard.Rule(s.Total == s.Subtotal + s.Tax, "Invoice.Total", s.Total, $"must be the subtotal plus the tax, {s.Subtotal + s.Tax}");
        CheckAmount(s.AmountPaid, AmountPaidField, s.Currency);
        Guard.Rule(s.AmountPaid <= s.Total, AmountPaidField, s.AmountPaid, $"must not exceed the total, {s.Total}");
        CheckStatus(s);
        _s = s;
    }

    /// <summary>The invoice's id. Fixed.</summary>
    public InvoiceId Id => _s.Id;

    /// <summary>The customer invoiced. Fixed.</summary>
    public CustomerId CustomerId => _s.CustomerId;

    /// <summary>The billing period invoiced. Fixed.</summary>
    public BillingPeriod Period => _s.Period;

    /// <summary>The currency of every amount: the customer's. Fixed.</summary>
    public Currency Currency => _s.Currency;

    /// <summary>The lines, in the order of the period's charges. Fixed.</summary>
    public IReadOnlyList<InvoiceLine> Lines => _s.Lines;

    /// <summary>The sum of the lines' amounts.</summary>
    public Money Subtotal => _s.Subtotal;

    /// <summary>The tax on <see cref="Subtotal"/>, rounded once.</summary>
    public Money Tax => _s.Tax;

    /// <summary><see cref="Subtotal"/> plus <see cref="Tax"/>.</summary>
    public Money Total => _s.Total;

    /// <summary>The date by which the invoice is to be paid: the period's last day plus the customer's payment terms.</summary>
    public LocalDate DueDate => _s.DueDate;

    /// <summary>Where the invoice is in its life.</summary>
    public InvoiceStatus Status => _s.Status;

    /// <summary>The invoice number given by <see cref="Issue"/>; null for a draft (and for a draft that was voided).</summary>
    public string? Number => _s.Number;

    /// <summary>The day the invoice was issued; null exactly when <see cref="Number"/> is.</summary>
    public LocalDate? IssuedOn => _s.IssuedOn;

    /// <summary>Who issued the invoice — whose sequence <see cref="Number"/> comes from: the customer's parent when it was issued,
    /// kept if the customer later moves to another parent. Null for a draft, and for an invoice issued before Billing.Core
    /// recorded issuers (then the customer's parent at the time is the issuer; see docs/billing-run.md).</summary>
    public CustomerId? IssuerId => _s.IssuerId;

    /// <summary>What has been paid on the invoice so far: zero up to <see cref="Total"/>.</summary>
    public Money AmountPaid => _s.AmountPaid;

    /// <summary>What is still to be paid: <see cref="Total"/> − <see cref="AmountPaid"/>; zero for a void invoice, on which nothing
    /// is owed.</summary>
    public Money Outstanding => _s.Status == InvoiceStatus.Void ? Money.Zero(_s.Currency) : _s.Total - _s.AmountPaid;

    /// <summary>Whether the invoice is issued and not fully paid (<see cref="InvoiceStatus.Issued"/> or
    /// <see cref="InvoiceStatus.PartlyPaid"/>): the invoices a payment is allocated to and the suspension rule looks at.</summary>
    public bool IsUnpaid => _s.Status == InvoiceStatus.Issued || _s.Status == InvoiceStatus.PartlyPaid;

    /// <summary>The storage version; domain changes keep it, storage sets it through <see cref="WithVersion"/>.</summary>
    public long Version => _s.Version;

    /// <summary>A draft invoice of a period's charges: its lines, subtotal, tax, total and due date, for its customer.</summary>
    /// <param name="id">The invoice's id.</param>
    /// <param name="charges">The period's charges (<see cref="PeriodChargeCalculator.Calculate"/>).</param>
    /// <returns>The draft, with nothing paid and version 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="charges"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is <c>default</c>.</exception>
    public static Invoice Draft(InvoiceId id, PeriodCharges charges)
    {
        Guard.NotDefault(id);
        ArgumentNullException.ThrowIfNull(charges);
        var lines = ImmutableArray.CreateBuilder<InvoiceLine>(charges.Lines.Length);
        foreach (var line in charges.Lines)
        {
            lines.Add(InvoiceLine.From(line));
        }

        return new(new State(
            id,
            charges.CustomerId,
            charges.Period,
            charges.Currency,
            lines.MoveToImmutable(),
            charges.Subtotal,
            charges.Tax,
            charges.Total,
            charges.DueDate,
            InvoiceStatus.Draft,
            null,
            null,
            null,
            Money.Zero(charges.Currency),
            0));
    }

    /// <summary>
    /// Rebuilds an invoice from its stored fields. Checks the invoice's structure — members present, every amount in the invoice's
    /// currency and whole minor units, lines of the period's length, subtotal = Σ lines, total = subtotal + tax, amount paid within
    /// 0..total, a status that agrees with the amounts, number and issue date, an issuer only with a number and never the customer
    /// itself — but not the format of its texts (length, characters), so an invoice stored by an older version always loads (one
    /// issued before issuers were recorded loads with no issuer). For storage implementations; see docs/storage.md, "Snapshots and
    /// restore".
    /// </summary>
    /// <param name="snapshot">The stored fields.</param>
    /// <returns>The invoice.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/>, or a required member of it (a line among them), is null.</exception>
    /// <exception cref="ArgumentException">A required value of the snapshot is <c>default</c> (an id, the currency, an amount).</exception>
    /// <exception cref="BillingRuleException">A stored value breaks a structural rule; the message names the field.</exception>
    public static Invoice Restore(InvoiceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Guard.NotDefault(snapshot.Id);
        Guard.NotDefault(snapshot.CustomerId);
        Guard.NotDefault(snapshot.Currency);
        Guard.NotDefault(snapshot.Subtotal);
        Guard.NotDefault(snapshot.Tax);
        Guard.NotDefault(snapshot.Total);
        Guard.NotDefault(snapshot.AmountPaid);
        var stored = StoredFields.Required(snapshot.Lines, LinesField);
        var lines = ImmutableArray.CreateBuilder<InvoiceLine>(stored.Count);
        foreach (var line in stored)
        {
            lines.Add(RestoreLine(line));
        }

        return new(new State(
            snapshot.Id,
            snapshot.CustomerId,
            snapshot.Period,
            snapshot.Currency,
            lines.MoveToImmutable(),
            snapshot.Subtotal,
            snapshot.Tax,
            snapshot.Total,
            StoredFields.Date(snapshot.DueDate, "Invoice.DueDate"),
            snapshot.Status,
            StoredFields.OptionalText(snapshot.Number, NumberField),
            StoredFields.Date(snapshot.IssuedOn, "Invoice.IssuedOn"),
            Guard.NotDefault(snapshot.IssuerId),
            snapshot.AmountPaid,
            snapshot.Version));
    }

    /// <summary>The invoice's stored fields, for storage and serialisation; <see cref="Restore"/> turns them back into an equal invoice.</summary>
    /// <returns>The snapshot.</returns>
    public InvoiceSnapshot ToSnapshot() => new()
    {
        Id = Id,
        CustomerId = CustomerId,
        Period = Period,
        Currency = Currency,
        Lines = ValueList<InvoiceLine>.Of(_s.Lines),
        Subtotal = Subtotal,
        Tax = Tax,
        Total = Total,
        DueDate = DueDate,
        Status = Status,
        Number = Number,
        IssuedOn = IssuedOn,
        IssuerId = IssuerId,
        AmountPaid = AmountPaid,
        Version = Version,
    };

    /// <summary>
    /// Issues a draft: it gets its issuer, number and issue date and becomes <see cref="InvoiceStatus.Issued"/>; a draft whose total
    /// is zero becomes <see cref="InvoiceStatus.Paid"/> at once, since nothing is owed on it. Storage calls it with the issuer's next
    /// number (<see cref="IInvoiceRepository.IssueAsync"/>).
    /// </summary>
    /// <param name="issuerId">Whose sequence the number comes from: the invoiced customer's parent.</param>
    /// <param name="number">The invoice number (from the issuer's sequence): 1..<see cref="MaxNumberLength"/> characters of printable
    /// text after trimming surrounding white space.</param>
    /// <param name="issuedOn">The day it is issued.</param>
    /// <returns>The issued invoice.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="number"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="issuerId"/> is <c>default</c>, or <paramref name="issuedOn"/> is not in
    /// the ISO calendar.</exception>
    /// <exception cref="BillingRuleException">The invoice is not a draft (<c>Invoice.Status</c>), the issuer is the invoiced customer
    /// itself (<c>Invoice.IssuerId</c>), or the number is empty, too long or holds a control character, an unpaired surrogate or a
    /// noncharacter (<c>Invoice.Number</c>).</exception>
    public Invoice Issue(CustomerId issuerId, string number, LocalDate issuedOn)
    {
        Guard.NotDefault(issuerId);
        Guard.IsoDate(issuedOn);
        ArgumentNullException.ThrowIfNull(number);
        Guard.Rule(Status == InvoiceStatus.Draft, StatusField, Status, $"only a draft can be issued; invoice {Id} is {Status} (number {Number})");
        var valid = DomainText.Required(number, NumberField, MaxNumberLength);
        var status = Total.IsZero ? InvoiceStatus.Paid : InvoiceStatus.Issued;
        return new(_s with { Status = status, Number = valid, IssuedOn = issuedOn, IssuerId = issuerId });
    }

    /// <summary>
    /// Applies a payment (or the part of one that falls to this invoice, see <see cref="PaymentAllocation"/>): <see cref="AmountPaid"/>
    /// rises by <paramref name="amount"/>, and the invoice becomes <see cref="InvoiceStatus.Paid"/> when nothing is left outstanding,
    /// else <see cref="InvoiceStatus.PartlyPaid"/>.
    /// </summary>
    /// <param name="amount">More than zero, in the invoice's currency, a whole number of its minor units, at most
    /// <see cref="Outstanding"/>. An overpayment is the caller's to split: <see cref="PaymentAllocation.Allocate"/> does.</param>
    /// <returns>The invoice with the payment applied.</returns>
    /// <exception cref="ArgumentException"><paramref name="amount"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The invoice is not <see cref="InvoiceStatus.Issued"/> or <see cref="InvoiceStatus.PartlyPaid"/>
    /// (<c>Invoice.Status</c>), or the amount breaks a rule above (<c>Invoice.Payment</c>).</exception>
    public Invoice ApplyPayment(Money amount)
    {
        Guard.NotDefault(amount);
        Guard.Rule(IsUnpaid, StatusField, Status, $"a payment applies only to an issued invoice not yet paid (Issued or PartlyPaid); invoice {Id} is {Status}");
        Guard.Rule(amount.Currency == Currency, PaymentField, amount, $"must be in the invoice's currency, {Currency.Code}");
        Guard.Rule(amount.IsPositive, PaymentField, amount, "must be greater than zero");
        Guard.Rule(amount.IsWholeMinorUnits, PaymentField, amount, $"must be a whole number of minor units of {Currency.Code}");
        var outstanding = Outstanding;
        Guard.Rule(
            amount <= outstanding,
            PaymentField,
            amount,
            $"must not exceed what is outstanding on invoice {Number}, {outstanding}; split an overpayment with PaymentAllocation.Allocate");
        var paid = AmountPaid + amount;
        var status = paid == Total ? InvoiceStatus.Paid : InvoiceStatus.PartlyPaid;
        return new(_s with { AmountPaid = paid, Status = status });
    }

    /// <summary>
    /// Voids the invoice: a draft, or an issued invoice on which nothing has been paid (an issued invoice with a zero total, Paid at
    /// once, among them). It keeps its number, if it has one, so the number is never reused; nothing is owed on it any more.
    /// </summary>
    /// <returns>The void invoice.</returns>
    /// <exception cref="BillingRuleException">The invoice is already void, or something has been paid on it (<c>Invoice.Status</c>):
    /// refund or credit it instead.</exception>
    public Invoice Void()
    {
        Guard.Rule(Status != InvoiceStatus.Void, StatusField, Status, $"invoice {Id} is already void");
        Guard.Rule(
            AmountPaid.IsZero,
            StatusField,
            Status,
            $"an invoice with payments applied cannot be voided; {AmountPaid} has been paid on invoice {Number} (refund or credit it instead)");
        return new(_s with { Status = InvoiceStatus.Void });
    }

    /// <summary>
    /// The invoice as the suspension rule reads it (<see cref="SuspensionPolicy.Assess"/>): its number, due date and what is
    /// outstanding (zero for a paid invoice, which the rule ignores).
    /// </summary>
    /// <returns>The unpaid-invoice view.</returns>
    /// <exception cref="BillingRuleException">The invoice is a draft or void (<c>Invoice.Status</c>): nothing is due on it.</exception>
    public UnpaidInvoice ToUnpaidInvoice()
    {
        Guard.Rule(Status != InvoiceStatus.Draft, StatusField, Status, $"a draft is not owed until it is issued; invoice {Id} is a draft");
        Guard.Rule(Status != InvoiceStatus.Void, StatusField, Status, $"nothing is owed on a void invoice; invoice {Id} is void");
        return new UnpaidInvoice(Number!, DueDate, Outstanding);
    }

    /// <summary>
    /// For storage implementations only: returns the invoice carrying the version storage assigned.
    /// Domain code never calls it; domain changes keep the version.
    /// </summary>
    /// <param name="version">The stored version, ≥ 0.</param>
    /// <returns>The same invoice with that version.</returns>
    /// <exception cref="BillingRuleException"><paramref name="version"/> is negative.</exception>
    public Invoice WithVersion(long version) => new(_s with { Version = version });

    /// <inheritdoc />
    public override string ToString()
        => $"Invoice {Id} ({Number ?? "no number"}) of {CustomerId} for {Period}: total {Total}, paid {AmountPaid}, {Status}, due {Guard.Format(DueDate)}";

    private static InvoiceLine RestoreLine(InvoiceLine? line)
    {
        StoredFields.Required(line, LinesField);
        Guard.NotDefault(line.FeatureId, "snapshot.Lines");
        Guard.NotDefault(line.AccountId, "snapshot.Lines");
        Guard.NotDefault(line.UnitAmount, "snapshot.Lines");
        Guard.NotDefault(line.Amount, "snapshot.Lines");
        StoredFields.Text(line.OwnerId, "Invoice.Lines.OwnerId");
        StoredFields.Text(line.Name, "Invoice.Lines.Name");
        StoredFields.Text(line.IdempotencyKey, "Invoice.Lines.IdempotencyKey");
        return line;
    }

    /// <summary>Checks every line against the invoice and returns the sum of their amounts.</summary>
    private static Money CheckLines(ImmutableArray<InvoiceLine> lines, Currency currency, int periodDays)
    {
        var sum = Money.Zero(currency);
        var keys = new HashSet<string>(lines.Length, StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var problem = LineProblem(line, currency, periodDays);
            if (problem is null && !keys.Add(line.IdempotencyKey))
            {
                problem = $"two lines share the idempotency key {line.IdempotencyKey}, so posting would drop one of them";
            }

            if (problem is not null)
            {
                throw new BillingRuleException(LinesField, $"line {i + 1}: {line}", problem);
            }

            sum += line.Amount;
        }

        return sum;
    }

    /// <summary>The rule a line breaks, or null; text is built only for a broken rule, so drafting a large invoice formats nothing.</summary>
    private static string? LineProblem(InvoiceLine line, Currency currency, int periodDays)
    {
        if (!Enum.IsDefined(line.OwnerKind))
        {
            return "the owner kind must be Account, Number or Service";
        }

        if (!Enum.IsDefined(line.Kind))
        {
            return "the feature kind must be Recurring or OneOff";
        }

        if (!Enum.IsDefined(line.Proration))
        {
            return "the proration must be ByDay or None";
        }

        if (line.Quantity < 1)
        {
            return "the quantity must be at least 1";
        }

        if (line.PeriodDays != periodDays)
        {
            return $"the period days must be the {periodDays} days of the invoice's period";
        }

        if (line.ActiveDays < 1)
        {
            return "the active days must be at least 1";
        }

        if (line.ActiveDays > line.PeriodDays)
        {
            return "the active days must not exceed the period days";
        }

        if (line.UnitAmount.Currency != currency)
        {
            return $"the unit amount must be in the invoice's currency, {currency.Code}";
        }

        if (line.UnitAmount.IsNegative)
        {
            return "the unit amount must not be negative";
        }

        if (line.Amount.Currency != currency)
        {
            return $"the amount must be in the invoice's currency, {currency.Code}";
        }

        if (line.Amount.IsNegative)
        {
            return "the amount must not be negative";
        }

        return line.Amount.IsWholeMinorUnits ? null : $"the amount must be a whole number of minor units of {currency.Code}";
    }

    private static void CheckAmount(Money amount, string field, Currency currency)
    {
        Guard.Rule(amount.Currency == currency, field, amount, $"must be in the invoice's currency, {currency.Code}");
        Guard.Rule(!amount.IsNegative, field, amount, "must not be negative");
        Guard.Rule(amount.IsWholeMinorUnits, field, amount, $"must be a whole number of minor units of {currency.Code}");
    }

    /// <summary>The status must agree with the number, the issue date and the amounts (see docs/period-charges.md, "Invoices and
    /// payments").</summary>
    private static void CheckStatus(State s)
    {
        Guard.Rule(Enum.IsDefined(s.Status), StatusField, s.Status, "must be Draft, Issued, PartlyPaid, Paid or Void");
        var numbered = s.Number is not null;
        Guard.Rule(numbered == s.IssuedOn.HasValue, NumberField, s.Number, $"an invoice has a number exactly when it has an issue date ({s.IssuedOn})");
        switch (s.Status)
        {
            case InvoiceStatus.Draft:
                Guard.Rule(!numbered, NumberField, s.Number, "a draft has no number and no issue date");
                Guard.Rule(s.AmountPaid.IsZero, AmountPaidField, s.AmountPaid, "nothing is paid on a draft");
                break;
            case InvoiceStatus.Issued:
                Guard.Rule(numbered, NumberField, s.Number, "an issued invoice has a number and an issue date");
                Guard.Rule(s.AmountPaid.IsZero, AmountPaidField, s.AmountPaid, "nothing is paid on an Issued invoice; it is PartlyPaid or Paid once something is");
                Guard.Rule(s.Total.IsPositive, StatusField, s.Status, "an invoice with a zero total is Paid as soon as it is issued");
                break;
            case InvoiceStatus.PartlyPaid:
                Guard.Rule(numbered, NumberField, s.Number, "a partly paid invoice has a number and an issue date");
                Guard.Rule(s.AmountPaid.IsPositive, AmountPaidField, s.AmountPaid, "a partly paid invoice has had something paid on it");
                Guard.Rule(s.AmountPaid < s.Total, AmountPaidField, s.AmountPaid, $"a partly paid invoice has something outstanding; its total is {s.Total}");
                break;
            case InvoiceStatus.Paid:
                Guard.Rule(numbered, NumberField, s.Number, "a paid invoice has a number and an issue date");
                Guard.Rule(s.AmountPaid == s.Total, AmountPaidField, s.AmountPaid, $"a paid invoice has its whole total paid, {s.Total}");
                break;
            case InvoiceStatus.Void:
                Guard.Rule(s.AmountPaid.IsZero, AmountPaidField, s.AmountPaid, "nothing is paid on a void invoice");
                break;
        }

        // The issuer comes with the number (Issue gives both). An invoice issued before issuers were recorded has a number and
        // no issuer, and still loads.
        Guard.Rule(!s.IssuerId.HasValue || numbered, IssuerField, s.IssuerId, "an invoice has an issuer only once it has a number");
        Guard.Rule(s.IssuerId != s.CustomerId, IssuerField, s.IssuerId, "a customer does not issue its own invoices; the issuer is its parent");
    }

    private sealed record State(
        InvoiceId Id,
        CustomerId CustomerId,
        BillingPeriod Period,
        Currency Currency,
        ImmutableArray<InvoiceLine> Lines,
        Money Subtotal,
        Money Tax,
        Money Total,
        LocalDate DueDate,
        InvoiceStatus Status,
        string? Number,
        LocalDate? IssuedOn,
        CustomerId? IssuerId,
        Money AmountPaid,
        long Version);
}
