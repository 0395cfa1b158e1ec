using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Tests.Charging;

public class ChargeOutcomeTests
{
    private static readonly LedgerOwner Account = LedgerOwner.ForAccount(AccountId.From("ACC-1"));
    private static readonly Instant At = Instant.FromUtc(2026, 5, 1, 9, 30);

    private static TransactionRequest Charge() => new(TransactionId.New(), TransactionKind.Charge, Money.Of(0.42m, "GBP"), At, "cdr-1", "call", "CDR-1");

    [Fact]
    public void AppendedFromRequest_IsAnApprovedNewChargeWhoseTransactionIsTheRequestOnTheAccount()
    {
        var charge = Charge();
        var outcome = ChargeOutcome.Appended(charge, Account);

        outcome.IsApproved.ShouldBeTrue();
        outcome.IsReplay.ShouldBeFalse();
        var transaction = outcome.Transaction.ShouldNotBeNull();
        transaction.ShouldBe(LedgerTransaction.Record(charge, Account, Currency.GBP));
        (transaction.Id, transaction.Owner, transaction.LedgerAmount, transaction.FundsEffect)
            .ShouldBe((charge.Id, Account, Money.Of(0.42m, "GBP"), Money.Of(-0.42m, "GBP")));
        outcome.Transaction.ShouldBeSameAs(transaction);
        outcome.ToString().ShouldContain("cdr-1");
    }

    [Fact]
    public async Task AppendedFromRequest_RacingFirstReads_AllSeeOneObject()
    {
        for (var round = 0; round < 50; round++)
        {
            var outcome = ChargeOutcome.Appended(Charge(), Account);
            using var start = new ManualResetEventSlim();
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return outcome.Transaction;
            })).ToArray();
            start.Set();
            var seen = await Task.WhenAll(readers);
            seen.ShouldAllBe(t => ReferenceEquals(t, outcome.Transaction));
        }
    }

    [Fact]
    public void AppendedFromRequest_BadArguments_AreRefused()
    {
        Should.Throw<ArgumentNullException>(() => ChargeOutcome.Appended(null!, Account));
        Should.Throw<ArgumentException>(() => ChargeOutcome.Appended(Charge(), default));
        var topUp = new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Money.Of(1m, "GBP"), At, "t");
        Should.Throw<ArgumentException>(() => ChargeOutcome.Appended(topUp, Account)).ParamName.ShouldBe("charge");
    }
}
