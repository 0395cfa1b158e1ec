using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.QuickStart;

/// <summary>Tops up a prepaid account, charges it until a charge is declined, and shows why.</summary>
internal static class BalancesDemo
{
    public static void Run()
    {
        var gbp = Currency.GBP;
        var now = Instant.FromUtc(2026, 3, 19, 9, 0);
        var account = Ledger.Create(LedgerOwner.ForAccount(AccountId.From("ACC-CARD-7")), BalanceModel.Prepaid, gbp);
        var customer = Ledger.Create(LedgerOwner.ForCustomer(CustomerId.From("ACME-001")), BalanceModel.Postpaid, gbp);
        const decimal customerLimit = 50m;

        account = account.Append(new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(10m, "GBP"), now, "topup-1", "card payment")).Ledger;
        Console.WriteLine($"Topped up: {account.Balance} available");

        // A replayed top-up (same idempotency key) changes nothing.
        var replay = account.Append(new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(10m, "GBP"), now, "topup-1"));
        Console.WriteLine($"Replayed top-up: replay={replay.IsReplay}, still {replay.Ledger.Balance} available");

        var call = Money.Of(3.40m, "GBP");
        for (var n = 1; ; n++)
        {
            BalanceLevel[] chain =
            [
                BalanceLevel.FromLedger(account, BillingStatus.Active),
                BalanceLevel.FromLedger(customer, BillingStatus.Active, customerLimit),
            ];
            var headroom = Authoriser.Headroom(gbp, chain);
            var decision = Authoriser.Authorise(call, chain);
            if (!decision.IsApproved)
            {
                Console.WriteLine($"Call {n} for {call}: declined, {decision.Reason} at level {decision.DecliningLevelIndex} ({decision.DecliningOwner}); headroom {headroom} GBP");
                break;
            }

            var key = $"call-{n}";
            account = account.Append(new TransactionRequest(TransactionId.New(), TransactionKind.Charge, call, now + Duration.FromMinutes(n), key, "outbound call")).Ledger;
            customer = customer.Append(new TransactionRequest(TransactionId.New(), TransactionKind.Charge, call, now + Duration.FromMinutes(n), key, "outbound call")).Ledger;
            Console.WriteLine($"Call {n} for {call}: approved; account has {account.Balance} left, customer owes {customer.Balance}");
        }
    }
}
