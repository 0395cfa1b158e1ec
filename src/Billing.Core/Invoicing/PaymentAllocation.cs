using System.Collections.Immutable;
using Billing.Core.Customers;
using Billing.Core.Monetary;

namespace Billing.Core.Invoicing;

/// <summary>
/// Allocates a payment posted to a customer to its unpaid invoices, oldest first (see docs/period-charges.md, "Invoices and
/// payments"): each invoice in turn gets what is outstanding on it, or what is left of the payment if that is less; what no
/// invoice needed is the unallocated remainder, the customer's credit.
/// </summary>
/// <remarks>
/// <para>"Oldest" is the earliest due date; among equal due dates the earliest issue date, then the invoice number (shorter
/// first, then ordinally, so <c>INV-9</c> comes before <c>INV-10</c>), then the id (ordinally). The order is total, so the same
/// payment and invoices always give the same allocation, whatever order the invoices are given in.</para>
/// <para>Pure and thread-safe: the invoices given are not changed; the result holds the changed copies.</para>
/// </remarks>
public static class PaymentAllocation
{
    private const string PaymentField = "PaymentAllocation.Payment";

    /// <summary>Allocates <paramref name="payment"/> to the unpaid invoices among <paramref name="invoices"/>, oldest first.</summary>
    /// <param name="payment">The payment: more than zero, a whole number of its currency's minor units.</param>
    /// <param name="invoices">Invoices of one customer, all in the payment's currency, each id once. Drafts, void and paid invoices
    /// are skipped (nothing is owed on them); only <see cref="Invoice.IsUnpaid"/> ones receive money.</param>
    /// <returns>What each invoice received and the invoice after it, in allocation order, and the unallocated remainder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="invoices"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="payment"/> is <c>default</c>, or <paramref name="invoices"/> holds a null,
    /// the same invoice id twice, or invoices of more than one customer.</exception>
    /// <exception cref="BillingRuleException">The payment is zero, negative or not whole minor units (<c>PaymentAllocation.Payment</c>),
    /// or an invoice is in another currency than the payment (<c>PaymentAllocation.Invoices</c>, naming the invoice).</exception>
    public static PaymentAllocationResult Allocate(Money payment, IEnumerable<Invoice> invoices)
    {
        Guard.NotDefault(payment);
        ArgumentNullException.ThrowIfNull(invoices);
        Guard.Rule(payment.IsPositive, PaymentField, payment, "must be greater than zero");
        Guard.Rule(payment.IsWholeMinorUnits, PaymentField, payment, $"must be a whole number of minor units of {payment.Currency.Code}");
        var unpaid = Unpaid(payment.Currency, invoices);
        unpaid.Sort(OldestFirst);
        var remaining = payment;
        var allocations = ImmutableArray.CreateBuilder<InvoiceAllocation>();
        foreach (var invoice in unpaid)
        {
            if (remaining.IsZero)
            {
                break;
            }

            // Math.Min rather than a comparison: at equal amounts either is right, so `<` and `<=` would be one mutant apart and
            // equivalent (docs/mutation-testing.md). Both amounts are in the payment's currency (Unpaid checked it).
            var applied = new Money(Math.Min(remaining.Amount, invoice.Outstanding.Amount), payment.Currency);
            allocations.Add(new InvoiceAllocation(invoice.ApplyPayment(applied), applied));
            remaining -= applied;
        }

        return new PaymentAllocationResult(payment, allocations.ToImmutable(), remaining);
    }

    /// <summary>
    /// The allocation order: a negative number when <paramref name="x"/> is older than <paramref name="y"/> (earlier due date, then
    /// issue date, then number — shorter first, then ordinally — then id, ordinally). For unpaid invoices, which always have a
    /// number and an issue date.
    /// </summary>
    internal static int OldestFirst(Invoice x, Invoice y)
    {
        var byDue = x.DueDate.CompareTo(y.DueDate);
        if (byDue != 0)
        {
            return byDue;
        }

        var byIssue = Nullable.Compare(x.IssuedOn, y.IssuedOn);
        if (byIssue != 0)
        {
            return byIssue;
        }

        var byNumber = CompareNumbers(x.Number!, y.Number!);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(x.Id.Value, y.Id.Value);
    }

    private static int CompareNumbers(string x, string y)
    {
        var byLength = x.Length.CompareTo(y.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static List<Invoice> Unpaid(Currency currency, IEnumerable<Invoice> invoices)
    {
        var unpaid = new List<Invoice>();
        var ids = new HashSet<InvoiceId>();
        CustomerId? customer = null;
        var index = 0;
        foreach (var invoice in invoices)
        {
            if (invoice is null)
            {
                throw new ArgumentException($"invoices[{index}] is null.", nameof(invoices));
            }

            if (!ids.Add(invoice.Id))
            {
                throw new ArgumentException($"Invoice {invoice.Id} is given twice; it would be paid twice.", nameof(invoices));
            }

            customer ??= invoice.CustomerId;
            if (customer.Value != invoice.CustomerId)
            {
                throw new ArgumentException(
                    $"Invoice {invoice.Id} is of customer {invoice.CustomerId}, an earlier one of customer {customer}: a payment is allocated to the invoices of one customer.",
                    nameof(invoices));
            }

            Guard.Rule(
                invoice.Currency == currency,
                "PaymentAllocation.Invoices",
                invoice.Id.Value,
                $"invoice {invoice.Id} ({invoice.Number}) is in {invoice.Currency.Code}; the payment is in {currency.Code}");
            if (invoice.IsUnpaid)
            {
                unpaid.Add(invoice);
            }

            index++;
        }

        return unpaid;
    }
}
