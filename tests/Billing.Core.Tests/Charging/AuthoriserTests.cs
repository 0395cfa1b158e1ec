using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Billing.Core.Tests.Ledgers.LedgerTestData;

namespace Billing.Core.Tests.Charging;

public class AuthoriserTests
{
    private static BalanceLevel Prepaid(LedgerOwner owner, decimal funds, BillingStatus status = BillingStatus.Active)
        => new(owner, BalanceModel.Prepaid, Gbp(funds), null, status);

    private static BalanceLevel Postpaid(LedgerOwner owner, decimal owed, decimal? limit, BillingStatus status = BillingStatus.Active)
        => new(owner, BalanceModel.Postpaid, Gbp(owed), limit is { } l ? Gbp(l) : null, status);

    // Account → customer → reseller → top reseller (the root is not part of the chain).
    private static BalanceLevel[] ResellerChain(decimal middleOwed) =>
    [
        Postpaid(Account("ACC-1"), 0m, null),
        Postpaid(Customer("CUST"), 10m, 100m),
        Postpaid(Customer("RESELLER"), middleOwed, 500m),
        Postpaid(Customer("TOP-RESELLER"), 0m, 10_000m),
    ];

    [Fact]
    public void Authorise_FourLevelResellerChain_MiddleLevelsLimitDeclines()
    {
        var decision = Authoriser.Authorise(Gbp(10m), ResellerChain(middleOwed: 495m));

        decision.IsApproved.ShouldBeFalse();
        decision.Reason.ShouldBe(DeclineReason.CreditLimitExceeded);
        decision.DecliningLevelIndex.ShouldBe(2);
        decision.DecliningOwner.ShouldBe(Customer("RESELLER"));
        Authoriser.Headroom(Currency.GBP, ResellerChain(middleOwed: 495m)).ShouldBe(Gbp(5m));
        Authoriser.Authorise(Gbp(5m), ResellerChain(middleOwed: 495m)).IsApproved.ShouldBeTrue();
    }

    [Fact]
    public void Authorise_PrepaidAtExactlyZero_DeclinesAnyChargeWithHeadroomZero()
    {
        BalanceLevel[] chain = [Prepaid(Account(), 0m), Prepaid(Customer(), 100m)];

        var decision = Authoriser.Authorise(Gbp(0.01m), chain);

        decision.Reason.ShouldBe(DeclineReason.InsufficientFunds);
        decision.DecliningLevelIndex.ShouldBe(0);
        decision.DecliningOwner.ShouldBe(Account());
        Authoriser.Headroom(Currency.GBP, chain).ShouldBe(Gbp(0m));
    }

    [Fact]
    public void Authorise_PrepaidChargeOfExactlyTheFunds_PassesAndLeavesZero()
    {
        BalanceLevel[] chain = [Prepaid(Account(), 12.34m)];

        Authoriser.Authorise(Gbp(12.34m), chain).ShouldBe(AuthorisationDecision.Approved);
        Authoriser.Authorise(Gbp(12.3400001m), chain).Reason.ShouldBe(DeclineReason.InsufficientFunds);
    }

    [Fact]
    public void Authorise_PostpaidCustomerExactlyAtItsLimit_DeclinesAnyCharge()
    {
        BalanceLevel[] chain = [Postpaid(Account(), 0m, null), Postpaid(Customer(), 100m, 100m)];

        var decision = Authoriser.Authorise(Gbp(0.01m), chain);

        decision.Reason.ShouldBe(DeclineReason.CreditLimitExceeded);
        decision.DecliningLevelIndex.ShouldBe(1);
        decision.DecliningOwner.ShouldBe(Customer());
        Authoriser.Headroom(Currency.GBP, chain).ShouldBe(Gbp(0m));
    }

    [Fact]
    public void Authorise_PostpaidChargeReachingExactlyTheLimit_Passes()
    {
        BalanceLevel[] chain = [Postpaid(Customer(), 99.99m, 100m)];

        Authoriser.Authorise(Gbp(0.01m), chain).IsApproved.ShouldBeTrue();
        Authoriser.Authorise(Gbp(0.02m), chain).IsApproved.ShouldBeFalse();
    }

    [Fact]
    public void Authorise_PostpaidWithoutLimit_AlwaysPassesAndHeadroomIsUnbounded()
    {
        BalanceLevel[] chain = [Postpaid(Account(), 1_000_000m, null), Postpaid(Customer(), 5_000_000m, null)];

        Authoriser.Authorise(Gbp(1_000_000_000m), chain).IsApproved.ShouldBeTrue();
        Authoriser.Headroom(Currency.GBP, chain).ShouldBeNull();
    }

    [Fact]
    public void Headroom_IsTheMinimumOverTheChain()
    {
        BalanceLevel[] chain =
        [
            Prepaid(Account(), 40m),
            Postpaid(Customer("C"), 70m, 100m),   // 30 left
            Postpaid(Customer("R"), 0m, null),    // unbounded
            Prepaid(Customer("T"), 55m),
        ];

        Authoriser.Headroom(Currency.GBP, chain).ShouldBe(Gbp(30m));
    }

    [Fact]
    public void Authorise_CreditLimitLoweredBelowWhatIsOwed_BlocksOnlyFurtherCharges()
    {
        // Lowering the limit to 100 while 150 is owed is allowed: the level is valid, nothing is taken back.
        var ledger = Ledger.Create(Customer(), BalanceModel.Postpaid, Currency.GBP)
            .Append(Request(TransactionKind.Charge, Gbp(150m), "c1")).Ledger;
        var over = BalanceLevel.FromLedger(ledger, BillingStatus.Active, creditLimit: Gbp(100m));

        over.Balance.Amount.ShouldBe(Gbp(150m));
        Authoriser.Authorise(Gbp(0.01m), [over]).Reason.ShouldBe(DeclineReason.CreditLimitExceeded);
        Authoriser.Headroom(Currency.GBP, [over]).ShouldBe(Gbp(0m));

        var paid = ledger.Append(Request(TransactionKind.Payment, Gbp(60m), "p1")).Ledger;
        var after = BalanceLevel.FromLedger(paid, BillingStatus.Active, creditLimit: Gbp(100m));
        Authoriser.Authorise(Gbp(10m), [after]).IsApproved.ShouldBeTrue();
        Authoriser.Authorise(Gbp(10.01m), [after]).IsApproved.ShouldBeFalse();
    }

    [Theory]
    [InlineData(BillingStatus.Suspended, DeclineReason.Suspended, 0)]
    [InlineData(BillingStatus.Closed, DeclineReason.Closed, 0)]
    [InlineData(BillingStatus.Suspended, DeclineReason.Suspended, 1)]
    [InlineData(BillingStatus.Closed, DeclineReason.Closed, 3)]
    public void Authorise_SuspendedOrClosedLevel_DeclinesEverything(BillingStatus status, DeclineReason reason, int index)
    {
        var chain = new[]
        {
            Prepaid(Account(), 1000m),
            Postpaid(Customer("C"), 0m, null),
            Postpaid(Customer("R"), 0m, 1000m),
            Prepaid(Customer("T"), 1000m),
        };
        var level = chain[index];
        chain[index] = new BalanceLevel(level.Owner, level.Balance, level.CreditLimit, status);

        var decision = Authoriser.Authorise(Gbp(0.01m), chain);

        decision.Reason.ShouldBe(reason);
        decision.DecliningLevelIndex.ShouldBe(index);
        decision.DecliningOwner.ShouldBe(level.Owner);
        Authoriser.Headroom(Currency.GBP, chain).ShouldBe(Gbp(0m));
    }

    [Fact]
    public void Authorise_SeveralLevelsDecline_ReportsTheOneNearestTheAccount()
    {
        BalanceLevel[] chain =
        [
            Prepaid(Account(), 100m),
            Prepaid(Customer("C"), 1m),
            Postpaid(Customer("R"), 0m, 0m, BillingStatus.Suspended),
        ];

        var decision = Authoriser.Authorise(Gbp(5m), chain);

        decision.Reason.ShouldBe(DeclineReason.InsufficientFunds);
        decision.DecliningLevelIndex.ShouldBe(1);
    }

    [Fact]
    public void Authorise_LevelInAnotherCurrency_DeclinesWithCurrencyMismatch()
    {
        BalanceLevel[] chain = [Prepaid(Account(), 100m), new(Customer(), BalanceModel.Prepaid, Money.Of(100m, "EUR"), null, BillingStatus.Active)];

        var decision = Authoriser.Authorise(Gbp(1m), chain);

        decision.Reason.ShouldBe(DeclineReason.CurrencyMismatch);
        decision.DecliningLevelIndex.ShouldBe(1);
        Authoriser.Headroom(Currency.GBP, chain).ShouldBe(Gbp(0m));
    }

    [Fact]
    public void Authorise_BadArguments_Throw()
    {
        BalanceLevel[] chain = [Prepaid(Account(), 100m)];
        Should.Throw<BillingRuleException>(() => Authoriser.Authorise(Gbp(-1m), chain)).Value.ShouldBe("-1 GBP");
        Should.Throw<ArgumentException>(() => Authoriser.Authorise(Gbp(1m), [])).ParamName.ShouldBe("chain");
        Should.Throw<ArgumentException>(() => Authoriser.Headroom(Currency.GBP, [])).ParamName.ShouldBe("chain");
    }

    [Fact]
    public void Authorise_ZeroCharge_IsARuleErrorNamingTheChargeAndTheRule()
    {
        var error = Should.Throw<BillingRuleException>(() => Authoriser.Authorise(Gbp(0m), [Prepaid(Account(), 100m)]));

        error.Field.ShouldBe("Charge");
        error.Value.ShouldBe("0 GBP");
        error.Rule.ShouldContain("greater than zero");
    }

    [Fact]
    public void Authorise_DefaultCharge_IsAnArgumentErrorNamingTheCharge()
    {
        var error = Should.Throw<ArgumentException>(() => Authoriser.Authorise(default, [Prepaid(Account(), 100m)]));

        error.ParamName.ShouldBe("charge");
        error.Message.ShouldContain("default(Money)");
    }

    [Fact]
    public void AuthoriseAndHeadroom_EmptyChain_AreArgumentErrorsNamingTheChain()
    {
        Should.Throw<ArgumentException>(() => Authoriser.Authorise(Gbp(1m), [])).Message.ShouldContain("at least one level");
        Should.Throw<ArgumentException>(() => Authoriser.Headroom(Currency.GBP, [])).Message.ShouldContain("at least one level");
    }

    [Fact]
    public void Headroom_DefaultCurrency_IsAnArgumentErrorNamingIt()
    {
        Should.Throw<ArgumentException>(() => Authoriser.Headroom(default, [Prepaid(Account(), 100m)])).ParamName.ShouldBe("currency");
        var unbounded = Should.Throw<ArgumentException>(() => Authoriser.Headroom(default, [Postpaid(Account(), 0m, null)]));
        unbounded.ParamName.ShouldBe("currency");
        unbounded.Message.ShouldContain("must not be default(Currency)");   // Headroom's own check, not Money.Zero's
    }

    [Fact]
    public void Headroom_OfOneLevel_IsItsFundsOrWhatIsLeftUnderItsLimit()
    {
        Authoriser.Headroom(Currency.GBP, [Prepaid(Account(), 12.34m)]).ShouldBe(Gbp(12.34m));
        Authoriser.Headroom(Currency.GBP, [Postpaid(Account(), 30m, 100m)]).ShouldBe(Gbp(70m));
        Authoriser.Headroom(Currency.GBP, [Postpaid(Account(), -20m, 100m)]).ShouldBe(Gbp(120m));   // in credit: the limit and the credit
        Authoriser.Headroom(Currency.GBP, [Prepaid(Account(), -5m)]).ShouldBe(Gbp(0m));             // overdrawn: never below zero
    }

    [Fact]
    public void BalanceLevel_DefaultBalanceOrNullLedger_AreArgumentErrorsNamingThem()
    {
        Should.Throw<ArgumentException>(() => new BalanceLevel(Customer(), BalanceModel.Postpaid, default, null, BillingStatus.Active))
            .ParamName.ShouldBe("balance");
        Should.Throw<ArgumentNullException>(() => BalanceLevel.FromLedger(null!, BillingStatus.Active)).ParamName.ShouldBe("ledger");
    }

    [Fact]
    public void BalanceLevel_ToString_ShowsOwnerModelStatusBalanceAndAnyLimit()
    {
        var limited = Postpaid(Customer("C"), 70m, 100m, BillingStatus.Suspended).ToString();
        var unlimited = Postpaid(Customer("C"), 70m, null, BillingStatus.Suspended).ToString();
        var prepaid = Prepaid(Account("ACC-9"), 5.5m).ToString();

        limited.ShouldContain("Customer C");
        limited.ShouldContain("Postpaid");
        limited.ShouldContain("Suspended");
        limited.ShouldContain("70 GBP");
        limited.ShouldBe(unlimited + ", limit 100 GBP");
        prepaid.ShouldContain("Account ACC-9");
        prepaid.ShouldContain("Prepaid");
        prepaid.ShouldContain("Active");
        prepaid.ShouldContain("5.5 GBP");
        prepaid.ShouldNotContain("limit");
    }

    [Fact]
    public void BalanceLevel_CreditLimitOnPrepaidOrNegative_IsRefusedNamingTheOwner()
    {
        Should.Throw<BillingRuleException>(() => new BalanceLevel(Customer("ACME-001"), BalanceModel.Prepaid, Gbp(0m), Gbp(10m), BillingStatus.Active))
            .Message.ShouldContain("ACME-001 is prepaid");
        Should.Throw<BillingRuleException>(() => new BalanceLevel(Customer(), BalanceModel.Postpaid, Gbp(0m), Gbp(-1m), BillingStatus.Active));
        Should.Throw<ArgumentException>(() => new BalanceLevel(default, BalanceModel.Postpaid, Gbp(0m), null, BillingStatus.Active));
        Should.Throw<ArgumentOutOfRangeException>(() => new BalanceLevel(Customer(), BalanceModel.Postpaid, Gbp(0m), null, (BillingStatus)0));
        new BalanceLevel(Customer(), BalanceModel.Postpaid, Gbp(0m), Gbp(0m), BillingStatus.Active).CreditLimit.ShouldBe(Gbp(0m));
    }

    [Fact]
    public void AuthorisationDecision_Approved_HasNoReasonOrLevel()
    {
        AuthorisationDecision.Approved.IsApproved.ShouldBeTrue();
        AuthorisationDecision.Approved.Reason.ShouldBe(DeclineReason.None);
        AuthorisationDecision.Approved.DecliningLevelIndex.ShouldBe(-1);
        Should.Throw<ArgumentOutOfRangeException>(() => AuthorisationDecision.Declined(DeclineReason.None, 0, Account()));
    }

    // ---- Properties -------------------------------------------------------------------------------------------

    /// <summary>A generated level: model, balance (in pennies), limit (in pennies, or none) and status.</summary>
    public sealed record LevelSpec(BalanceModel Model, long BalancePence, long? LimitPence, BillingStatus Status);

    private static Gen<LevelSpec> LevelGen =>
        from model in Gen.Elements(BalanceModel.Prepaid, BalanceModel.Postpaid)
        from balance in Gen.Choose(-2_000, 20_000)
        from limit in Gen.Frequency((3, Gen.Choose(0, 20_000).Select(l => (long?)l)), (1, Gen.Constant<long?>(null)))
        from status in Gen.Frequency((8, Gen.Constant(BillingStatus.Active)), (1, Gen.Constant(BillingStatus.Suspended)), (1, Gen.Constant(BillingStatus.Closed)))
        select new LevelSpec(model, balance, model == BalanceModel.Postpaid ? limit : null, status);

    private static IEnumerable<LevelSpec> ShrinkLevel(LevelSpec level)
    {
        if (level.Status != BillingStatus.Active)
        {
            yield return level with { Status = BillingStatus.Active };
        }

        if (level.BalancePence != 0)
        {
            yield return level with { BalancePence = 0 };
            yield return level with { BalancePence = level.BalancePence / 2 };
        }

        if (level.LimitPence is { } limit and > 0)
        {
            yield return level with { LimitPence = limit / 2 };
        }
    }

    private static Arbitrary<LevelSpec[]> Chains => Arb.From(
        Gen.Choose(1, 6).SelectMany(n => LevelGen.ArrayOf(n)),
        chain => ShrinkList(chain, ShrinkLevel).Where(c => c.Length > 0));

    private static BalanceLevel ToLevel(LevelSpec spec, int index)
        => new(Customer("L" + index), spec.Model, Gbp(spec.BalancePence / 100m), spec.LimitPence is { } l ? Gbp(l / 100m) : null, spec.Status);

    [Property(MaxTest = 1000)]
    public Property Headroom_IsExactlyTheLargestChargeThatAuthorises()
        => Prop.ForAll(Chains, specs =>
        {
            var chain = specs.Select(ToLevel).ToArray();
            var headroom = Authoriser.Headroom(Currency.GBP, chain);
            if (headroom is null)
            {
                // Unbounded only when every level is an active postpaid level without a limit.
                return specs.All(s => s is { Model: BalanceModel.Postpaid, LimitPence: null, Status: BillingStatus.Active })
                    && Authoriser.Authorise(Gbp(1_000_000_000m), chain).IsApproved;
            }

            var h = headroom.Value.Amount;
            var passesAtHeadroom = h == 0m || Authoriser.Authorise(Gbp(h), chain).IsApproved;
            var failsAboveByAPenny = !Authoriser.Authorise(Gbp(h + 0.01m), chain).IsApproved;
            var failsAboveByATinyFraction = !Authoriser.Authorise(Gbp(h + 0.000001m), chain).IsApproved;
            return h >= 0m && passesAtHeadroom && failsAboveByAPenny && failsAboveByATinyFraction;
        });

    /// <summary>A generated step against a chain: a charge (through the whole chain), a top-up at one level, or a new limit at one level.</summary>
    public sealed record Op(int Type, int Level, long Pence);

    private static Gen<Op> OpGen =>
        from type in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from level in Gen.Choose(0, 3)
        from pence in Gen.Choose(1, 5_000)
        select new Op(type, level, pence);

    private static IEnumerable<Op> ShrinkOp(Op op)
    {
        if (op.Pence > 1)
        {
            yield return op with { Pence = op.Pence / 2 };
        }

        if (op.Type != 0)
        {
            yield return op with { Type = 0 };
        }
    }

    [Property(MaxTest = 1000)]
    public Property ApprovedCharges_NeverTakeAPrepaidLevelBelowZeroNorAPostpaidOneOverItsLimit()
        => Prop.ForAll(
            Arb.From(LevelGen.Select(l => l with { Status = BillingStatus.Active, BalancePence = Math.Abs(l.BalancePence) }).ArrayOf(4), c => ShrinkList(c, ShrinkLevel).Where(x => x.Length == 4).Select(x => x.Select(l => l with { BalancePence = Math.Abs(l.BalancePence) }).ToArray())),
            Arb.From(OpGen.ArrayOf(), ops => ShrinkList(ops, ShrinkOp)),
            (specs, ops) =>
            {
                // Each level keeps a real ledger; prepaid levels start with their funds as a top-up, postpaid ones owe their balance.
                var ledgers = new Ledger[4];
                var limits = new Money?[4];
                for (var i = 0; i < 4; i++)
                {
                    var spec = specs[i];
                    ledgers[i] = Ledger.Create(Customer("L" + i), spec.Model, Currency.GBP);
                    if (spec.BalancePence > 0)
                    {
                        var kind = spec.Model == BalanceModel.Prepaid ? TransactionKind.TopUp : TransactionKind.Charge;
                        ledgers[i] = ledgers[i].Append(Request(kind, Gbp(spec.BalancePence / 100m), "open")).Ledger;
                    }

                    limits[i] = spec.LimitPence is { } l ? Gbp(l / 100m) : null;
                }

                var n = 0;
                foreach (var op in ops)
                {
                    var amount = op.Pence / 100m;
                    n++;
                    switch (op.Type)
                    {
                        case 0:
                            var chain = Enumerable.Range(0, 4).Select(i => BalanceLevel.FromLedger(ledgers[i], BillingStatus.Active, limits[i])).ToArray();
                            if (!Authoriser.Authorise(Gbp(amount), chain).IsApproved)
                            {
                                break;
                            }

                            for (var i = 0; i < 4; i++)
                            {
                                ledgers[i] = ledgers[i].Append(Request(TransactionKind.Charge, Gbp(amount), "op" + n)).Ledger;
                                var funds = ledgers[i].Transactions.Sum(t => DocumentedFundsSign(t.Kind) * t.LedgerAmount.Amount);
                                var ok = ledgers[i].Model == BalanceModel.Prepaid ? funds >= 0m : limits[i] is not { } limit || -funds <= limit.Amount;
                                if (!ok)
                                {
                                    return false;
                                }
                            }

                            break;
                        case 1:
                            ledgers[op.Level] = ledgers[op.Level].Append(Request(TransactionKind.TopUp, Gbp(amount), "op" + n)).Ledger;
                            break;
                        default:
                            if (ledgers[op.Level].Model == BalanceModel.Postpaid)
                            {
                                limits[op.Level] = Gbp(amount); // may be below what is owed: allowed, blocks further charges
                            }

                            break;
                    }
                }

                return true;
            });
}
