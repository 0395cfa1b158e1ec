using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Tests.Invoicing;

/// <summary>Test data for invoices: a one-line draft of April 2026 (30 days) for any total, built from a snapshot, and issued and
/// paid through the invoice's own methods.</summary>
internal static class InvoiceFixtures
{
    public static readonly LocalDate IssueDay = new(2026, 5, 1);

    /// <summary>The issuer of the fixtures' invoices: the parent of their customer, C-1.</summary>
    public static readonly CustomerId Issuer = CustomerId.From("R-1");

    public static InvoiceLine Line(decimal amount, string currency = "GBP", string feature = "FEE") => new()
    {
        OwnerKind = ChargeOwnerKind.Service,
        OwnerId = "S-1",
        AccountId = null,
        FeatureId = FeatureId.From(feature),
        Name = "Fee " + feature,
        Kind = FeatureKind.OneOff,
        Proration = Proration.ByDay,
        Quantity = 1,
        UnitAmount = Money.Of(amount, currency),
        ActiveDays = 1,
        PeriodDays = 30,
        Amount = Money.Of(amount, currency),
        IdempotencyKey = $"charge:service:S-1:{feature}:2026-04-01",
    };

    /// <summary>A draft snapshot with one line of <paramref name="total"/> and no tax.</summary>
    public static InvoiceSnapshot DraftSnapshot(string id, decimal total, string currency = "GBP", LocalDate? due = null, string customer = "C-1") => new()
    {
        Id = InvoiceId.From(id),
        CustomerId = CustomerId.From(customer),
        Period = ChargeFixtures.April,
        Currency = Currency.FromCode(currency),
        Lines = [Line(total, currency)],
        Subtotal = Money.Of(total, currency),
        Tax = Money.Zero(Currency.FromCode(currency)),
        Total = Money.Of(total, currency),
        DueDate = due ?? new LocalDate(2026, 5, 30),
        Status = InvoiceStatus.Draft,
        AmountPaid = Money.Zero(Currency.FromCode(currency)),
        Version = 0,
    };

    public static Invoice Draft(string id, decimal total, string currency = "GBP", LocalDate? due = null, string customer = "C-1")
        => Invoice.Restore(DraftSnapshot(id, total, currency, due, customer));

    /// <summary>A draft issued as <paramref name="number"/>, with <paramref name="paid"/> applied when it is more than zero.</summary>
    public static Invoice Issued(
        string number, decimal total, LocalDate due, decimal paid = 0m, string currency = "GBP", LocalDate? issuedOn = null, string? id = null, string customer = "C-1")
    {
        var invoice = Draft(id ?? "ID-" + number, total, currency, due, customer).Issue(Issuer, number, issuedOn ?? IssueDay);
        return paid > 0m ? invoice.ApplyPayment(Money.Of(paid, currency)) : invoice;
    }
}
