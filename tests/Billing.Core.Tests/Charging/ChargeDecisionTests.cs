using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Billing.Core.Tests.Ledgers.LedgerTestData;

namespace Billing.Core.Tests.Charging;

public class ChargeDecisionTests
{
    private static ChargeLevel Level(LedgerOwner owner, BalanceModel model, decimal? limit = null, BillingStatus status = BillingStatus.Active)
        => new(owner, model, Currency.GBP, limit is { } l ? Gbp(l) : null, status);

    private static LedgerRead Read(LedgerOwner owner, decimal funds, long count, bool holdsKey = false)
        => new(new LedgerHead(owner, Gbp(funds), count), holdsKey);

    private static TransactionRequest Charge(decimal amount, string key = "k") => Request(TransactionKind.Charge, Gbp(amount), key);

    private static readonly ChargeLevel[] Chain =
    [
        Level(Account(), BalanceModel.Prepaid),
        Level(Customer("C"), BalanceModel.Postpaid, limit: 100m),
        Level(Customer("R"), BalanceModel.Postpaid),
    ];

    [Fact]
    public void Decide_ApprovedCharge_WritesOneEntryPerLevelWithItsNewHead()
    {
        var entries = new ChargeEntry[3];
        LedgerRead[] reads = [Read(Account(), 10m, 4), Read(Customer("C"), -60m, 9), default];

        var decision = ChargeDecision.Decide(Charge(2.5m), Chain, reads, entries);

        decision.Kind.ShouldBe(ChargeDecisionKind.Append);
        decision.Authorisation.IsApproved.ShouldBeTrue();
        decision.Refusal.ShouldBeNull();
        entries.Select(e => e.Owner).ShouldBe(Chain.Select(l => l.Owner));
        entries.Select(e => e.LedgerAmount).ShouldAllBe(a => a == Gbp(2.5m));
        entries[0].NewHead.ShouldBe(new LedgerHead(Account(), Gbp(7.5m), 5));
        entries[1].NewHead.ShouldBe(new LedgerHead(Customer("C"), Gbp(-62.5m), 10));
        entries[2].NewHead.ShouldBe(new LedgerHead(Customer("R"), Gbp(-2.5m), 1)); // a ledger that held nothing starts at zero
    }

    [Fact]
    public void Decide_ApprovedCharge_EntryBecomesTheLedgersTransaction()
    {
        var entries = new ChargeEntry[1];
        var charge = Request(TransactionKind.Charge, Gbp(1.25m), "cdr-9", notes: "call", reference: "CDR-9");
        ChargeDecision.Decide(charge, [Level(Customer("C"), BalanceModel.Postpaid)], [default], entries);

        var transaction = entries[0].ToTransaction();

        transaction.ShouldBe(LedgerTransaction.Record(charge, Customer("C"), Currency.GBP));
        transaction.FundsEffect.Amount.ShouldBe(-1.25m);
        Should.Throw<InvalidOperationException>(() => default(ChargeEntry).ToTransaction());
    }

    [Fact]
    public void Decide_Declined_NamesTheLevelAndWritesNoEntry()
    {
        var entries = new ChargeEntry[3];
        LedgerRead[] reads = [Read(Account(), 10m, 4), Read(Customer("C"), -99m, 9), default];

        var decision = ChargeDecision.Decide(Charge(2m), Chain, reads, entries);

        decision.Kind.ShouldBe(ChargeDecisionKind.Decline);
        decision.Authorisation.Reason.ShouldBe(DeclineReason.CreditLimitExceeded);
        decision.Authorisation.DecliningLevelIndex.ShouldBe(1);
        decision.Authorisation.DecliningOwner.ShouldBe(Customer("C"));
        entries.ShouldAllBe(e => e.Charge == null);
    }

    [Fact]
    public void Decide_KeyInTheAccountsLedger_ReplaysEvenWhenALevelWouldNowDecline()
    {
        var suspended = Chain.ToArray();
        suspended[2] = Level(Customer("R"), BalanceModel.Postpaid, status: BillingStatus.Suspended);
        LedgerRead[] reads = [Read(Account(), 0m, 4, holdsKey: true), Read(Customer("C"), -100m, 9, holdsKey: true), default];

        var decision = ChargeDecision.Decide(Charge(2m), suspended, reads, new ChargeEntry[3]);

        decision.Kind.ShouldBe(ChargeDecisionKind.Replay);
        decision.Authorisation.IsApproved.ShouldBeTrue();
    }

    [Fact]
    public void Decide_KeyOnlyInAParentsLedger_IsRefusedNamingThatLedger()
    {
        LedgerRead[] reads = [Read(Account(), 10m, 4), default, Read(Customer("R"), 0m, 2, holdsKey: true)];

        var decision = ChargeDecision.Decide(Charge(2m), Chain, reads, new ChargeEntry[3]);

        decision.Kind.ShouldBe(ChargeDecisionKind.Refuse);
        decision.Refusal!.Field.ShouldBe("TransactionRequest.IdempotencyKey");
        decision.Refusal.Message.ShouldContain("Customer R");
    }

    [Fact]
    public void Decide_SameLedgerTwice_IsRefusedBeforeAnythingElse()
    {
        ChargeLevel[] chain = [Level(Account(), BalanceModel.Postpaid), Level(Customer("C"), BalanceModel.Postpaid), Level(Account(), BalanceModel.Postpaid)];

        var decision = ChargeDecision.Decide(Charge(2m), chain, [Read(Account(), 0m, 1, holdsKey: true), default, Read(Account(), 0m, 1, holdsKey: true)], new ChargeEntry[3]);

        decision.Kind.ShouldBe(ChargeDecisionKind.Refuse);
        decision.Refusal!.Field.ShouldBe("ChargeLevel.Owner");
        decision.Refusal.Value.ShouldBe("Account ACC-1");
        decision.Refusal.Rule.ShouldContain("twice");
    }

    [Fact]
    public void Decide_NotACharge_IsRefused()
    {
        var decision = ChargeDecision.Decide(Request(TransactionKind.Debit, Gbp(1m), "d"), Chain, new LedgerRead[3], new ChargeEntry[3]);

        decision.Kind.ShouldBe(ChargeDecisionKind.Refuse);
        decision.Refusal!.Field.ShouldBe("TransactionRequest.Kind");
        decision.Refusal.Value.ShouldBe("Debit");
        decision.Refusal.Rule.ShouldContain("only charges");
    }

    [Fact]
    public void Decide_LedgerKeptInAnotherCurrency_IsRefused()
    {
        LedgerRead[] reads = [Read(Account(), 10m, 4), new(new LedgerHead(Customer("C"), Money.Of(0m, "EUR"), 1), false), default];

        var decision = ChargeDecision.Decide(Charge(2m), Chain, reads, new ChargeEntry[3]);

        decision.Kind.ShouldBe(ChargeDecisionKind.Refuse);
        decision.Refusal!.Field.ShouldBe("Ledger.Currency");
        decision.Refusal.Rule.ShouldContain("EUR");
    }

    [Fact]
    public void Decide_UnlimitedPostpaidOwedBeyondTheBound_DeclinesWithBalanceOutOfRange()
    {
        ChargeLevel[] chain = [Level(Customer("C"), BalanceModel.Postpaid)];
        LedgerRead[] reads = [Read(Customer("C"), -(Money.MaxAmount - 1m), 3)];

        ChargeDecision.Decide(Charge(1m), chain, reads, new ChargeEntry[1]).Kind.ShouldBe(ChargeDecisionKind.Append);
        var over = ChargeDecision.Decide(Charge(1.01m), chain, reads, new ChargeEntry[1]);

        over.Kind.ShouldBe(ChargeDecisionKind.Decline);
        over.Authorisation.Reason.ShouldBe(DeclineReason.BalanceOutOfRange);
    }

    [Fact]
    public void Decide_MalformedInput_ThrowsArgumentErrors()
    {
        Should.Throw<ArgumentNullException>(() => ChargeDecision.Decide(null!, Chain, new LedgerRead[3], new ChargeEntry[3]));
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), [], [], new ChargeEntry[1])).ParamName.ShouldBe("chain");
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), Chain, new LedgerRead[2], new ChargeEntry[3])).ParamName.ShouldBe("ledgers");
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), Chain, new LedgerRead[3], new ChargeEntry[2])).ParamName.ShouldBe("entries");
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), [default], [default], new ChargeEntry[1])).ParamName.ShouldBe("chain");
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), Chain, [Read(Customer("X"), 0m, 1), default, default], new ChargeEntry[3]))
            .ParamName.ShouldBe("ledgers");
        Should.Throw<ArgumentException>(() => new LedgerRead(null, holdsKey: true));
        Should.Throw<ArgumentException>(() => new LedgerRead(LedgerHead.Empty(Account(), Currency.GBP), holdsKey: true));
    }

    [Fact]
    public void Decide_MalformedInput_MessagesSayWhatDoesNotFit()
    {
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), [], [], new ChargeEntry[1])).Message.ShouldContain("at least one level");
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), Chain, new LedgerRead[2], new ChargeEntry[3])).Message.ShouldContain("3 levels, 2 reads");
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), Chain, new LedgerRead[3], new ChargeEntry[2])).Message.ShouldContain("3 levels, room for 2");
        Should.Throw<ArgumentException>(() => ChargeDecision.Decide(Charge(1m), [Chain[0], default], [default, default], new ChargeEntry[2]))
            .Message.ShouldContain("Level 1 of the chain");
        var wrongHead = Should.Throw<ArgumentException>(
            () => ChargeDecision.Decide(Charge(1m), Chain, [default, Read(Customer("X"), 0m, 1), default], new ChargeEntry[3])).Message;
        wrongHead.ShouldContain("level 1");
        wrongHead.ShouldContain("Customer X");
        wrongHead.ShouldContain("not of Customer C");
    }

    // ---- Properties -------------------------------------------------------------------------------------------

    /// <summary>A generated level and what its ledger holds: model, limit in pence (or none), status, funds in pence, entries.</summary>
    public sealed record LevelSpec(BalanceModel Model, long? LimitPence, BillingStatus Status, long FundsPence, int Count);

    private static Gen<LevelSpec> LevelGen =>
        from model in Gen.Elements(BalanceModel.Prepaid, BalanceModel.Postpaid)
        from limit in Gen.Frequency((3, Gen.Choose(0, 20_000).Select(l => (long?)l)), (1, Gen.Constant<long?>(null)))
        from status in Gen.Frequency((8, Gen.Constant(BillingStatus.Active)), (1, Gen.Constant(BillingStatus.Suspended)), (1, Gen.Constant(BillingStatus.Closed)))
        from funds in Gen.Choose(-20_000, 20_000)
        from count in Gen.Choose(0, 50)
        select new LevelSpec(model, model == BalanceModel.Postpaid ? limit : null, status, count == 0 ? 0 : funds, count);

    /// <summary>
    /// Whatever the chain and its ledgers, the decision agrees with the per-level rule as docs/balances.md states it (written out
    /// here, not taken from the library): it approves exactly when every level passes, a decline names the first level that
    /// fails, an approval leaves every prepaid level at zero or more and every limited postpaid level at or under its limit, and
    /// each level's new head is its old funds minus the charge over one more entry.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property Decide_AgreesWithTheDocumentedRuleAtEveryLevel()
        => Prop.ForAll(
            Arb.From(Gen.Choose(1, 5).SelectMany(n => LevelGen.ArrayOf(n))),
            Arb.From(Gen.Choose(1, 30_000)),
            (specs, pence) =>
            {
                var amount = pence / 100m;
                var chain = specs.Select((s, i) => Level(Customer("L" + i), s.Model, s.LimitPence / 100m, s.Status)).ToArray();
                var reads = specs.Select((s, i) => s.Count == 0 ? default : Read(Customer("L" + i), s.FundsPence / 100m, s.Count)).ToArray();
                var entries = new ChargeEntry[specs.Length];

                var decision = ChargeDecision.Decide(Charge(amount), chain, reads, entries);

                var firstFailing = Array.FindIndex(specs, s => !PassesAsDocumented(s, amount));
                if (firstFailing >= 0)
                {
                    return decision.Kind == ChargeDecisionKind.Decline
                        && decision.Authorisation.DecliningLevelIndex == firstFailing
                        && entries.All(e => e.Charge is null);
                }

                return decision.Kind == ChargeDecisionKind.Append && specs.Select((s, i) =>
                {
                    var head = entries[i].NewHead;
                    var owed = -head.Funds.Amount;
                    return head.Funds.Amount == (s.FundsPence / 100m) - amount
                        && head.Count == s.Count + 1
                        && (s.Model == BalanceModel.Prepaid ? head.Funds.Amount >= 0m : s.LimitPence is not { } limit || owed <= limit / 100m);
                }).All(ok => ok);
            });

    private static bool PassesAsDocumented(LevelSpec level, decimal charge)
    {
        if (level.Status != BillingStatus.Active)
        {
            return false;
        }

        var funds = level.FundsPence / 100m;
        return level.Model == BalanceModel.Prepaid
            ? funds - charge >= 0m
            : level.LimitPence is not { } limit || -funds + charge <= limit / 100m;
    }
}
