using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.ExchangeRates;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage;
using NodaTime;

namespace Billing.Core.Payments;

/// <summary>
/// Payments against invoices, from stored data (see docs/billing-run.md, "Payments and suspension"): a payment is recorded in the
/// customer's ledger and allocated to its unpaid invoices oldest first (<see cref="PaymentAllocation"/>); the suspension rule
/// (<see cref="SuspensionPolicy"/>) reads the stored invoices and the class's grace period.
/// </summary>
/// <remarks>
/// <para><b>Nothing lost, nothing doubled.</b> What invoices are owed is decided from the ledger, not from the call: the
/// payments received (the customer ledger's <see cref="TransactionKind.Payment"/> transactions) minus what the invoices already
/// record as paid is what is still to allocate. So a payment sent twice with its key is recorded and allocated once, a crash
/// between recording and allocating is made good by the next <see cref="PayAsync"/> or <see cref="SettleAsync"/>, and credit left
/// over pays the next invoices when they are settled.</para>
/// <para>A scoped service (registered by <c>AddBillingCore</c>). Concurrent payments of one customer are safe: a conflicting
/// invoice write is retried from a fresh read.</para>
/// </remarks>
public sealed class InvoicePayments
{
    private const int Attempts = 5;

    private readonly ICustomerRepository _customers;
    private readonly ICustomerClassRepository _classes;
    private readonly IInvoiceRepository _invoices;
    private readonly ILedgerStore _ledgers;

    /// <summary>Creates the service over the host's stores.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="classes">Their classes (grace period).</param>
    /// <param name="invoices">Their invoices.</param>
    /// <param name="ledgers">Their ledgers.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InvoicePayments(ICustomerRepository customers, ICustomerClassRepository classes, IInvoiceRepository invoices, ILedgerStore ledgers)
    {
        _customers = Guard.NotNull(customers);
        _classes = Guard.NotNull(classes);
        _invoices = Guard.NotNull(invoices);
        _ledgers = Guard.NotNull(ledgers);
    }

    /// <summary>Records a payment from a customer in its ledger and allocates what is unallocated to its unpaid invoices, oldest
    /// first.</summary>
    /// <param name="customerId">The customer paying.</param>
    /// <param name="amount">The amount, greater than zero, in the customer's currency or one <paramref name="rates"/> converts.</param>
    /// <param name="idempotencyKey">Identifies the payment: sending it again records and allocates nothing new.</param>
    /// <param name="at">When the payment was received.</param>
    /// <param name="reference">The payer's reference, or null.</param>
    /// <param name="rates">Exchange rates, when the amount is in another currency.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The payment recorded and what it paid.</returns>
    /// <exception cref="ArgumentException"><paramref name="amount"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The customer does not exist, or the payment breaks a rule (amount, key, currency).</exception>
    /// <exception cref="ConcurrencyConflictException">Invoices kept changing under the allocation; the payment is recorded, and the
    /// next call allocates it.</exception>
    public async ValueTask<PaymentReceipt> PayAsync(
        CustomerId customerId,
        Money amount,
        string idempotencyKey,
        Instant at,
        string? reference = null,
        ExchangeRateTable? rates = null,
        CancellationToken cancellationToken = default)
    {
        var customer = await CustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        var request = new TransactionRequest(TransactionId.New(), TransactionKind.Payment, amount, at, idempotencyKey, "Payment", reference);
        var outcome = await _ledgers.AppendAsync(LedgerOwner.ForCustomer(customerId), customer.Currency, request, rates, cancellationToken).ConfigureAwait(false);
        var settlement = await SettleAsync(customerId, cancellationToken).ConfigureAwait(false);
        return new PaymentReceipt(outcome.Transaction, outcome.IsReplay, settlement.Allocations, settlement.Unallocated);
    }

    /// <summary>Allocates the customer's payments that no invoice records yet to its unpaid invoices, oldest first. The billing run
    /// does not do this; call it after a run to apply credit to the new invoices.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was applied now, and the credit left.</returns>
    /// <exception cref="BillingRuleException">The customer does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">Invoices kept changing under the allocation.</exception>
    public async ValueTask<PaymentSettlement> SettleAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        var customer = await CustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SettleOnceAsync(customer, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // Another payment changed an invoice: read again; what it applied is now recorded on the invoice.
            }
        }
    }

    /// <summary>Whether the customer is due for suspension today: its oldest unpaid invoice is past its due date plus its class's
    /// grace period (no grace without a class).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="today">Today, in the customer's billing time zone.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The assessment, naming the oldest unpaid invoice and the day suspension is due from.</returns>
    /// <exception cref="BillingRuleException">The customer or its class does not exist.</exception>
    public async ValueTask<SuspensionAssessment> AssessSuspensionAsync(CustomerId customerId, LocalDate today, CancellationToken cancellationToken = default)
    {
        var customer = await CustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        var customerClass = await _classes.ClassOfAsync(customer, cancellationToken).ConfigureAwait(false);
        var grace = customerClass?.GracePeriodDays ?? 0;

        var invoices = await _invoices.ListByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        var unpaid = invoices.Where(i => i.IsUnpaid).Select(i => i.ToUnpaidInvoice()).ToArray();
        return SuspensionPolicy.Assess(unpaid, grace, today);
    }

    private async ValueTask<PaymentSettlement> SettleOnceAsync(Customer customer, CancellationToken cancellationToken)
    {
        var currency = customer.Currency;
        var received = Money.Zero(currency);
        foreach (var transaction in await _ledgers.GetTransactionsAsync(LedgerOwner.ForCustomer(customer.Id), cancellationToken).ConfigureAwait(false))
        {
            if (transaction.Kind == TransactionKind.Payment)
            {
                received += transaction.LedgerAmount;
            }
        }

        var invoices = await _invoices.ListByCustomerAsync(customer.Id, cancellationToken).ConfigureAwait(false);
        var applied = Money.Zero(currency);
        foreach (var invoice in invoices)
        {
            applied += invoice.AmountPaid;
        }

        // A payment converted from another currency can hold fractions of a minor unit: only whole ones are applied to invoices.
        var unallocated = (received - applied).Round(MidpointRounding.ToZero);
        if (!unallocated.IsPositive || !invoices.Any(i => i.IsUnpaid))
        {
            return new PaymentSettlement([], unallocated.IsPositive ? unallocated : Money.Zero(currency));
        }

        var allocation = PaymentAllocation.Allocate(unallocated, invoices.Where(i => i.IsUnpaid));
        var written = new List<InvoiceAllocation>(allocation.Allocations.Length);
        foreach (var part in allocation.Allocations)
        {
            await _invoices.UpdateAsync(part.Invoice, cancellationToken).ConfigureAwait(false);
            written.Add(part);
        }

        return new PaymentSettlement(written, allocation.Remainder);
    }

    private async ValueTask<Customer> CustomerAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var customer = await _customers.FindAsync(customerId, cancellationToken).ConfigureAwait(false);
        Guard.Rule(customer is not null, "CustomerId", customerId.Value, "no such customer");
        return customer;
    }
}
