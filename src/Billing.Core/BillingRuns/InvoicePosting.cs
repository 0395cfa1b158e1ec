using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.BillingRuns;

/// <summary>
/// Writes an issued invoice to the ledgers (see docs/billing-run.md, "Posting"): each line with an amount to its account's ledger,
/// when it has one, and to the ledgers of the customer and every ancestor below the root; the tax to the customer's and its
/// ancestors'. Every append carries the line's key, derived from (owner, feature, period), so posting again writes nothing new.
/// Recurring fees are owed whatever the balance: nothing is authorised or declined here.
/// </summary>
internal sealed class InvoicePosting(ILedgerStore ledgers, IAccountRepository accounts)
{
    /// <summary>Posts <paramref name="invoice"/> of <paramref name="chain"/>[0].</summary>
    /// <param name="invoice">An issued invoice (not a draft, not void).</param>
    /// <param name="chain">The invoiced customer and its ancestors, root last (the root's ledger is never written).</param>
    /// <param name="billedAccounts">The customer's accounts by id, as gathered for billing; others are read.</param>
    /// <param name="at">The timestamp of the transactions: when the period closed.</param>
    /// <param name="cancellationToken">Cancels between appends.</param>
    /// <returns>How many transactions were written (replays not counted).</returns>
    public async ValueTask<int> PostAsync(
        Invoice invoice, IReadOnlyList<Customer> chain, IReadOnlyDictionary<AccountId, Account> billedAccounts, Instant at, CancellationToken cancellationToken)
    {
        var written = 0;
        var customerLevels = chain.Count - 1;
        foreach (var line in invoice.Lines)
        {
            if (!line.Amount.IsPositive)
            {
                continue;
            }

            // One transaction, written to every level under the same key, as an authorised charge is.
            var request = Charge(line.Amount, line.IdempotencyKey, line.Name, invoice, at);
            if (line.AccountId is { } accountId)
            {
                var account = billedAccounts.GetValueOrDefault(accountId) ?? await accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
                Guard.Rule(account is not null, "InvoiceLine.AccountId", accountId.Value, $"no such account, though invoice {invoice.Id} has a line posting to it");
                written += await AppendAsync(LedgerOwner.ForAccount(accountId), account.Currency, request, cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < customerLevels; i++)
            {
                written += await AppendAsync(LedgerOwner.ForCustomer(chain[i].Id), chain[i].Currency, request, cancellationToken).ConfigureAwait(false);
            }
        }

        if (invoice.Tax.IsPositive)
        {
            var request = Charge(invoice.Tax, ChargeKeys.ForTax(invoice.CustomerId, invoice.Period), "Tax", invoice, at);
            for (var i = 0; i < customerLevels; i++)
            {
                written += await AppendAsync(LedgerOwner.ForCustomer(chain[i].Id), chain[i].Currency, request, cancellationToken).ConfigureAwait(false);
            }
        }

        return written;
    }

    private static TransactionRequest Charge(Money amount, string key, string notes, Invoice invoice, Instant at)
        => new(TransactionId.New(), TransactionKind.Charge, amount, at, key, notes, invoice.Number);

    private async ValueTask<int> AppendAsync(LedgerOwner owner, Currency currency, TransactionRequest request, CancellationToken cancellationToken)
    {
        var outcome = await ledgers.AppendAsync(owner, currency, request, rates: null, cancellationToken).ConfigureAwait(false);
        return outcome.IsReplay ? 0 : 1;
    }
}
