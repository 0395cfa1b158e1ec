using Billing.Core.Balances;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Invoicing.InvoiceFixtures;

namespace Billing.Core.Tests.Invoicing;

/// <summary>Allocating a payment to a customer's unpaid invoices, oldest first: examples, refusals, the properties that hold for all
/// inputs, and the suspension rule working from the invoices end to end.</summary>
public class PaymentAllocationTests
{
    private static readonly LocalDate March1 = new(2026, 3, 1);
    private static readonly LocalDate April1 = new(2026, 4, 1);

    private static Money Gbp(decimal amount) => Money.Of(amount, "GBP");

    // ---- Examples ----

    [Fact]
    public void Allocate_PaysTheOldestDueDateFirst_WhateverTheOrderGiven()
    {
        var april = Issued("2026-0002", 30m, April1);
        var march = Issued("2026-0001", 50m, March1, paid: 10m);

        var result = PaymentAllocation.Allocate(Gbp(60m), [april, march]);

        result.Allocations.Select(a => (a.Invoice.Number, a.Amount, a.Invoice.Status)).ShouldBe(
        [
            ("2026-0001", Gbp(40m), InvoiceStatus.Paid),
            ("2026-0002", Gbp(20m), InvoiceStatus.PartlyPaid),
        ]);
        result.Allocations[1].Invoice.Outstanding.ShouldBe(Gbp(10m));
        result.Remainder.ShouldBe(Gbp(0m));
        result.Applied.ShouldBe(Gbp(60m));
        result.Payment.ShouldBe(Gbp(60m));
    }

    [Fact]
    public void Allocate_MoreThanIsOwed_PaysEverythingAndLeavesTheRestAsCredit()
    {
        var result = PaymentAllocation.Allocate(Gbp(100m), [Issued("N-1", 30m, March1), Issued("N-2", 20.5m, April1, paid: 0.5m)]);

        result.Allocations.Select(a => a.Amount).ShouldBe([Gbp(30m), Gbp(20m)]);
        result.Allocations.ShouldAllBe(a => a.Invoice.Status == InvoiceStatus.Paid);
        result.Remainder.ShouldBe(Gbp(50m));
        result.Applied.ShouldBe(Gbp(50m));
    }

    [Fact]
    public void Allocate_SkipsDraftsVoidAndPaidInvoices()
    {
        var draft = Draft("D-1", 10m, due: new LocalDate(2026, 1, 1));
        var voided = Issued("N-1", 10m, new LocalDate(2026, 1, 2)).Void();
        var paid = Issued("N-2", 10m, new LocalDate(2026, 1, 3), paid: 10m);
        var unpaid = Issued("N-3", 10m, April1);

        var result = PaymentAllocation.Allocate(Gbp(4m), [draft, voided, paid, unpaid]);

        result.Allocations.ShouldHaveSingleItem().Invoice.Number.ShouldBe("N-3");
        result.Allocations[0].Amount.ShouldBe(Gbp(4m));
    }

    [Fact]
    public void Allocate_NothingUnpaid_LeavesTheWholePaymentAsCredit()
    {
        var result = PaymentAllocation.Allocate(Gbp(7m), [Draft("D-1", 10m)]);

        result.Allocations.ShouldBeEmpty();
        result.Remainder.ShouldBe(Gbp(7m));
        result.Applied.ShouldBe(Gbp(0m));
        PaymentAllocation.Allocate(Gbp(7m), []).Remainder.ShouldBe(Gbp(7m));
    }

    [Fact]
    public void Allocate_TiesOnTheDueDate_GoByIssueDateThenNumberThenId()
    {
        var due = April1;
        var issuedLater = Issued("A-1", 1m, due, issuedOn: new LocalDate(2026, 3, 5), id: "I-1");
        var inv10 = Issued("INV-10", 1m, due, issuedOn: new LocalDate(2026, 3, 2), id: "I-2");
        var inv9 = Issued("INV-9", 1m, due, issuedOn: new LocalDate(2026, 3, 2), id: "I-3");
        var sameNumberB = Issued("INV-1", 1m, due, issuedOn: new LocalDate(2026, 3, 2), id: "I-B");
        var sameNumberA = Issued("INV-1", 1m, due, issuedOn: new LocalDate(2026, 3, 2), id: "I-A");
        var issuedFirst = Issued("Z-9", 1m, due, issuedOn: new LocalDate(2026, 3, 1), id: "I-4");

        var result = PaymentAllocation.Allocate(Gbp(6m), [issuedLater, inv10, inv9, sameNumberB, sameNumberA, issuedFirst]);

        result.Allocations.Select(a => a.Invoice.Id.Value).ShouldBe(["I-4", "I-A", "I-B", "I-3", "I-2", "I-1"]);
    }

    [Fact]
    public void Allocate_LeavesTheInvoicesGivenUnchanged()
    {
        var invoice = Issued("N-1", 30m, March1);

        PaymentAllocation.Allocate(Gbp(30m), [invoice]);

        invoice.Status.ShouldBe(InvoiceStatus.Issued);
        invoice.AmountPaid.ShouldBe(Gbp(0m));
    }

    // ---- Refusals ----

    [Theory]
    [InlineData(0, "must be greater than zero")]
    [InlineData(-5, "must be greater than zero")]
    [InlineData(0.001, "must be a whole number of minor units of GBP")]
    public void Allocate_AnInvalidPayment_IsRefusedNamingThePayment(decimal amount, string rule)
    {
        var thrown = Should.Throw<BillingRuleException>(() => PaymentAllocation.Allocate(Gbp(amount), [Issued("N-1", 10m, March1)]));

        thrown.Field.ShouldBe("PaymentAllocation.Payment");
        thrown.Value.ShouldBe(Gbp(amount).ToString());
        thrown.Rule.ShouldContain(rule);
    }

    [Fact]
    public void Allocate_AnInvoiceInAnotherCurrency_IsRefusedNamingIt()
    {
        var euro = Draft("I-EUR", 10m, "EUR");

        var thrown = Should.Throw<BillingRuleException>(() => PaymentAllocation.Allocate(Gbp(5m), [Issued("N-1", 10m, March1), euro]));

        thrown.Field.ShouldBe("PaymentAllocation.Invoices");
        thrown.Value.ShouldBe("I-EUR");
        thrown.Rule.ShouldContain("invoice I-EUR () is in EUR; the payment is in GBP");
    }

    [Fact]
    public void Allocate_BadArguments_AreArgumentErrors()
    {
        var invoice = Issued("N-1", 10m, March1);
        Should.Throw<ArgumentException>(() => PaymentAllocation.Allocate(default, [invoice])).ParamName.ShouldBe("payment");
        Should.Throw<ArgumentNullException>(() => PaymentAllocation.Allocate(Gbp(1m), null!)).ParamName.ShouldBe("invoices");
        Should.Throw<ArgumentException>(() => PaymentAllocation.Allocate(Gbp(1m), [invoice, null!])).ParamName.ShouldBe("invoices");
        Should.Throw<ArgumentException>(() => PaymentAllocation.Allocate(Gbp(1m), [invoice, invoice.ApplyPayment(Gbp(1m))])).ParamName.ShouldBe("invoices");
        Should.Throw<ArgumentException>(() => PaymentAllocation.Allocate(Gbp(1m), [invoice, Issued("N-2", 10m, March1, customer: "C-2")])).ParamName.ShouldBe("invoices");
    }

    [Fact]
    public void Allocate_BadInvoices_AreNamedInTheMessage()
    {
        var invoice = Issued("N-1", 10m, March1, id: "I-1");
        var draft = Draft("I-2", 10m);

        // The position of a null counts every invoice before it, unpaid or not.
        Should.Throw<ArgumentException>(() => PaymentAllocation.Allocate(Gbp(1m), [invoice, draft, null!])).Message.ShouldContain("invoices[2] is null");
        Should.Throw<ArgumentException>(() => PaymentAllocation.Allocate(Gbp(1m), [draft, invoice, invoice.ApplyPayment(Gbp(1m))]))
            .Message.ShouldContain("Invoice I-1 is given twice");
        Should.Throw<ArgumentException>(() => PaymentAllocation.Allocate(Gbp(1m), [invoice, Issued("N-2", 10m, March1, id: "I-3", customer: "C-2")]))
            .Message.ShouldContain("Invoice I-3 is of customer C-2, an earlier one of customer C-1");
    }

    [Fact]
    public void Allocate_ExactlyWhatIsOwed_PaysEverythingAndLeavesNoCredit()
    {
        var result = PaymentAllocation.Allocate(Gbp(50m), [Issued("N-1", 30m, March1), Issued("N-2", 25m, April1, paid: 5m)]);

        result.Allocations.Select(a => (a.Amount, a.Invoice.Status)).ShouldBe([(Gbp(30m), InvoiceStatus.Paid), (Gbp(20m), InvoiceStatus.Paid)]);
        result.Remainder.ShouldBe(Gbp(0m));
    }

    [Fact]
    public void Allocate_OneMinorUnitShortOfTheOldest_LeavesItPartlyPaidAndTheNextUntouched()
    {
        var result = PaymentAllocation.Allocate(Gbp(29.99m), [Issued("N-2", 25m, April1), Issued("N-1", 30m, March1)]);

        var allocation = result.Allocations.ShouldHaveSingleItem();
        allocation.Invoice.Number.ShouldBe("N-1");
        allocation.Amount.ShouldBe(Gbp(29.99m));
        allocation.Invoice.Status.ShouldBe(InvoiceStatus.PartlyPaid);
        allocation.Invoice.Outstanding.ShouldBe(Gbp(0.01m));
        result.Remainder.ShouldBe(Gbp(0m));
    }

    [Fact]
    public void Allocate_OneMinorUnitMoreThanTheOldest_GivesThatUnitToTheNext()
    {
        var result = PaymentAllocation.Allocate(Gbp(30.01m), [Issued("N-2", 25m, April1), Issued("N-1", 30m, March1)]);

        result.Allocations.Select(a => (a.Invoice.Number, a.Amount, a.Invoice.Status)).ShouldBe(
            [("N-1", Gbp(30m), InvoiceStatus.Paid), ("N-2", Gbp(0.01m), InvoiceStatus.PartlyPaid)]);
    }

    [Fact]
    public void Allocate_PaymentInAnotherCurrencyThanEveryInvoice_IsRefused()
    {
        var thrown = Should.Throw<BillingRuleException>(() => PaymentAllocation.Allocate(Money.Of(5m, "EUR"), [Issued("N-1", 10m, March1, id: "I-1")]));

        thrown.Field.ShouldBe("PaymentAllocation.Invoices");
        thrown.Value.ShouldBe("I-1");
        thrown.Rule.ShouldContain("invoice I-1 (N-1) is in GBP; the payment is in EUR");
    }

    [Fact]
    public void Allocate_APaymentInAnotherMinorUnit_IsCheckedInItsOwnCurrency()
    {
        // 1 JPY has no minor unit; 0.5 JPY is not whole, 0.005 BHD is.
        Should.Throw<BillingRuleException>(() => PaymentAllocation.Allocate(Money.Of(0.5m, "JPY"), []))
            .Rule.ShouldContain("must be a whole number of minor units of JPY");
        PaymentAllocation.Allocate(Money.Of(0.005m, "BHD"), []).Remainder.ShouldBe(Money.Of(0.005m, "BHD"));
    }

    [Fact]
    public void Result_ToString_SaysWhatWasPaidAndWhatIsLeft()
    {
        var result = PaymentAllocation.Allocate(Gbp(60m), [Issued("2026-0001", 50m, March1)]);

        result.ToString().ShouldBe("Payment 60 GBP: 1 invoice(s) paid 50 GBP, remainder 10 GBP");
        result.Allocations[0].ToString().ShouldBe("2026-0001: 50 GBP");
    }

    // ---- End to end with the suspension rule ----

    [Fact]
    public void Suspension_OldestUnpaidPastDuePlusGrace_IsDue_AndPayingItClearsIt()
    {
        const int Grace = 7;
        var today = new LocalDate(2026, 3, 9);                 // 1 March + 7 days' grace + 1: due for suspension from today
        Invoice[] invoices = [Issued("2026-0002", 30m, April1), Issued("2026-0001", 50m, March1, issuedOn: new LocalDate(2026, 2, 1))];

        var before = Assess(invoices, Grace, today);
        before.IsDue.ShouldBeTrue();
        before.OldestUnpaidInvoice.ShouldBe("2026-0001");
        before.SuspendFrom.ShouldBe(today);

        // A payment short of the oldest invoice leaves it unpaid: still due.
        var part = Apply(invoices, PaymentAllocation.Allocate(Gbp(49.99m), invoices));
        Assess(part, Grace, today).IsDue.ShouldBeTrue();

        // Paying it in full: the oldest unpaid one is now April's, not past due plus grace until 9 April.
        var after = Apply(part, PaymentAllocation.Allocate(Gbp(0.01m), part));
        var assessment = Assess(after, Grace, today);
        assessment.IsDue.ShouldBeFalse();
        assessment.OldestUnpaidInvoice.ShouldBe("2026-0002");
        assessment.SuspendFrom.ShouldBe(new LocalDate(2026, 4, 9));
        Assess(after, Grace, new LocalDate(2026, 4, 9)).IsDue.ShouldBeTrue();

        // Paying everything: nothing is outstanding.
        var settled = Apply(after, PaymentAllocation.Allocate(Gbp(30m), after));
        Assess(settled, Grace, new LocalDate(2027, 1, 1)).OldestUnpaidInvoice.ShouldBeNull();
    }

    private static SuspensionAssessment Assess(IEnumerable<Invoice> invoices, int grace, LocalDate today)
        => SuspensionPolicy.Assess(invoices.Where(i => i.IsUnpaid).Select(i => i.ToUnpaidInvoice()).ToArray(), grace, today);

    /// <summary>The invoices as a store would keep them after the allocation: each paid one replaced by its new version.</summary>
    private static Invoice[] Apply(IEnumerable<Invoice> invoices, PaymentAllocationResult result)
        => invoices.Select(i => result.Allocations.FirstOrDefault(a => a.Invoice.Id == i.Id)?.Invoice ?? i).ToArray();

    // ---- Properties ----

    [Property(MaxTest = 300)]
    public Property Allocate_ThePartsAddUpExactlyToThePayment()
        => Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var result = PaymentAllocation.Allocate(c.Payment, c.Invoices);

            result.Remainder.IsNegative.ShouldBeFalse();
            result.Allocations.Aggregate(result.Remainder, (sum, a) => sum + a.Amount).ShouldBe(c.Payment);
            var owed = c.Invoices.Where(i => i.IsUnpaid).Aggregate(Money.Zero(c.Payment.Currency), (sum, i) => sum + i.Outstanding);
            result.Applied.ShouldBe(owed < c.Payment ? owed : c.Payment);
        });

    [Property(MaxTest = 300)]
    public Property Allocate_NoInvoiceGetsMoreThanItsOutstanding_AndItsStatusFollowsItsAmounts()
        => Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var result = PaymentAllocation.Allocate(c.Payment, c.Invoices);

            foreach (var allocation in result.Allocations)
            {
                var before = c.Invoices.Single(i => i.Id == allocation.Invoice.Id);
                before.IsUnpaid.ShouldBeTrue();
                allocation.Amount.IsPositive.ShouldBeTrue();
                allocation.Amount.ShouldBeLessThanOrEqualTo(before.Outstanding);
                allocation.Invoice.AmountPaid.ShouldBe(before.AmountPaid + allocation.Amount);
                allocation.Invoice.Total.ShouldBe(before.Total);
                allocation.Invoice.Status.ShouldBe(allocation.Invoice.Outstanding.IsZero ? InvoiceStatus.Paid : InvoiceStatus.PartlyPaid);
            }

            // Every invoice but the last one paid is paid in full by the payment.
            result.Allocations.SkipLast(1).ShouldAllBe(a => a.Invoice.Status == InvoiceStatus.Paid);
        });

    [Property(MaxTest = 300)]
    public Property Allocate_AnInvoiceGetsSomethingOnlyWhenEveryOlderUnpaidOneIsPaidInFull()
        => Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var result = PaymentAllocation.Allocate(c.Payment, c.Invoices);
            var after = Apply(c.Invoices, result);
            var received = result.Allocations.Select(a => a.Invoice.Id).ToHashSet();

            // Oldest first as docs/period-charges.md states it: due date, issue date, number (shorter first, then ordinal), id.
            var oldestFirst = after.Where(i => c.Invoices.Single(o => o.Id == i.Id).IsUnpaid)
                .OrderBy(i => i.DueDate)
                .ThenBy(i => i.IssuedOn)
                .ThenBy(i => i.Number!.Length)
                .ThenBy(i => i.Number, StringComparer.Ordinal)
                .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
                .ToList();
            for (var k = 0; k < oldestFirst.Count; k++)
            {
                if (received.Contains(oldestFirst[k].Id))
                {
                    oldestFirst.Take(k).ShouldAllBe(older => older.Status == InvoiceStatus.Paid);
                }
            }

            result.Allocations.Select(a => a.Invoice.Id).ShouldBe(oldestFirst.Take(result.Allocations.Length).Select(i => i.Id));
            if (result.Remainder.IsPositive)
            {
                after.ShouldAllBe(i => !i.IsUnpaid);
            }
        });

    [Property(MaxTest = 200)]
    public Property Allocate_DoesNotDependOnTheOrderTheInvoicesAreGiven()
        => Prop.ForAll((from c in Cases from seed in Gen.Choose(0, int.MaxValue) select (c, seed)).ToArbitrary(), x =>
        {
            var shuffled = x.c.Invoices.OrderBy(_ => new Random(x.seed).Next()).Reverse().ToArray();

            var a = PaymentAllocation.Allocate(x.c.Payment, x.c.Invoices);
            var b = PaymentAllocation.Allocate(x.c.Payment, shuffled);

            b.Allocations.Select(p => (p.Invoice.Id, p.Amount)).ShouldBe(a.Allocations.Select(p => (p.Invoice.Id, p.Amount)));
            b.Remainder.ShouldBe(a.Remainder);
        });

    public sealed record Case(Money Payment, Invoice[] Invoices)
    {
        public override string ToString() => $"{Payment} to [{string.Join("; ", Invoices.Select(i => i.ToString()))}]";
    }

    /// <summary>A payment and up to eight invoices of one customer in one currency: mostly issued or partly paid, some drafts, void or
    /// paid ones; due dates, issue dates and numbers drawn from small ranges so that ties are common.</summary>
    private static Gen<Case> Cases =>
        from currency in Gen.Elements(Currency.GBP, Currency.JPY, Currency.BHD)
        from specs in (
            from state in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
            from totalUnits in Gen.Choose(1, 50_000)
            from paidShare in Gen.Choose(0, 99)
            from dueDay in Gen.Choose(0, 4)
            from issueDay in Gen.Choose(0, 2)
            from number in Gen.Choose(1, 30)
            select (state, totalUnits, paidShare, dueDay, issueDay, number)).ListOf()
        from paymentUnits in Gen.Frequency((3, Gen.Choose(1, 60_000)), (1, Gen.Choose(1, 300_000)))
        select Build(currency, specs.Take(8).ToArray(), paymentUnits);

    private static Case Build(Currency currency, (int State, int TotalUnits, int PaidShare, int DueDay, int IssueDay, int Number)[] specs, int paymentUnits)
    {
        var unit = 1m / (decimal)Math.Pow(10, currency.MinorUnitDigits);
        var invoices = new Invoice[specs.Length];
        for (var i = 0; i < specs.Length; i++)
        {
            var s = specs[i];
            var total = s.TotalUnits * unit;
            var due = March1.PlusDays(s.DueDay);
            var number = "N-" + s.Number;
            var issuedOn = new LocalDate(2026, 2, 1).PlusDays(s.IssueDay);
            var id = "I-" + i;
            invoices[i] = s.State switch
            {
                1 => Draft(id, total, currency.Code, due),
                2 => Issued(number, total, due, currency: currency.Code, issuedOn: issuedOn, id: id).Void(),
                3 => Issued(number, total, due, paid: total, currency: currency.Code, issuedOn: issuedOn, id: id),
                _ => Issued(number, total, due, paid: s.TotalUnits * s.PaidShare / 100 * unit, currency: currency.Code, issuedOn: issuedOn, id: id),
            };
        }

        return new Case(new Money(paymentUnits * unit, currency), invoices);
    }
}
