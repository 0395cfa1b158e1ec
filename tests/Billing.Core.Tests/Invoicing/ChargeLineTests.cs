using Billing.Core.Accounts;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Services;
using NodaTime;
using static Billing.Core.Tests.Invoicing.ChargeFixtures;

namespace Billing.Core.Tests.Invoicing;

public class ChargeLineTests
{
    [Fact]
    public void IdempotencyKey_NamesKindOwnerFeatureAndPeriodStart()
    {
        var customer = Customer();
        var account = Account(customer).AttachFeature(Recurring("FEE", 1m, "GBP", Anchor));
        var number = Number(customer, Anchor).AttachFeature(Recurring("LINE-RENTAL", 1m, "GBP", Anchor));
        var service = Service(customer, Anchor).AttachFeature(Recurring("HOSTING", 1m, "GBP", Anchor));

        var lines = Charge(Terms(customer), April, [account], [number], [service]).Lines;

        lines.Select(l => l.IdempotencyKey()).ShouldBe(
        [
            "charge:account:A-1:FEE:2026-04-01",
            "charge:number:N-1:LINE-RENTAL:2026-04-01",
            "charge:service:S-1:HOSTING:2026-04-01",
        ]);
        Charge(Terms(customer), May, numbers: [number]).Lines[0].IdempotencyKey().ShouldBe("charge:number:N-1:LINE-RENTAL:2026-05-01");
    }

    [Fact]
    public void IdempotencyKey_EscapesColonsAndPercents_SoDifferentIdsNeverShareAKey()
    {
        var customer = Customer();
        var a = Number(customer, Anchor, id: "A:B").AttachFeature(Recurring("C", 1m, "GBP", Anchor));
        var b = Number(customer, Anchor, id: "A").AttachFeature(Recurring("B:C", 1m, "GBP", Anchor));
        var c = Number(customer, Anchor, id: "A%3AB").AttachFeature(Recurring("C", 1m, "GBP", Anchor));

        var keys = Charge(Terms(customer), April, numbers: [a, b, c]).Lines.Select(l => l.IdempotencyKey()).ToList();

        keys.ShouldBe(["charge:number:A%3AB:C:2026-04-01", "charge:number:A:B%3AC:2026-04-01", "charge:number:A%253AB:C:2026-04-01"]);
    }

    [Fact]
    public void IdempotencyKey_TooLongForALedger_IsHashed()
    {
        var customer = Customer();
        var longId = new string('n', 128);
        var number = Number(customer, Anchor, id: longId).AttachFeature(Recurring(new string('f', 128), 1m, "GBP", Anchor));

        var lines = Charge(Terms(customer), April, numbers: [number]).Lines;

        var plain = $"charge:number:{longId}:{new string('f', 128)}:2026-04-01";
        var expected = "charge:sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(plain)));
        lines[0].IdempotencyKey().ShouldBe(expected);
        lines[0].IdempotencyKey().Length.ShouldBe(78);
    }

    [Theory]
    [InlineData(255, false)]
    [InlineData(256, false)]
    [InlineData(257, true)]
    public void IdempotencyKey_IsHashedOnlyBeyondTheLedgersLimit(int plainLength, bool hashed)
    {
        // "charge:number:" (14) + owner + ":F:2026-04-01" (13) = plainLength.
        var customer = Customer();
        var ownerLength = plainLength - 27;
        var owner = new string('n', Math.Min(ownerLength, 128));
        var feature = new string('f', 1 + ownerLength - owner.Length);
        var number = Number(customer, Anchor, id: owner).AttachFeature(Recurring(feature, 1m, "GBP", Anchor));

        var key = Charge(Terms(customer), April, numbers: [number]).Lines[0].IdempotencyKey();

        key.StartsWith("charge:sha256:", StringComparison.Ordinal).ShouldBe(hashed);
        if (!hashed)
        {
            key.Length.ShouldBe(plainLength);
        }
    }

    [Fact]
    public void IdempotencyKey_IsAValidLedgerKey()
    {
        var customer = Customer();
        var number = Number(customer, Anchor, id: new string('9', 128)).AttachFeature(Recurring(new string(':', 128), 1m, "GBP", Anchor));
        var line = Charge(Terms(customer), April, numbers: [number]).Lines[0];

        Should.NotThrow(() => new TransactionRequest(TransactionId.New(), TransactionKind.Charge, line.Amount, Instant.FromUtc(2026, 5, 1, 0, 0), line.IdempotencyKey()));
    }

    [Fact]
    public void Members_DescribeTheFeatureCharged()
    {
        var customer = Customer();
        var feature = Recurring("F", 2.5m, "GBP", new LocalDate(2026, 4, 21), quantity: 2, proration: Proration.None);
        var number = Number(customer, Anchor).AttachFeature(feature);

        var line = Charge(Terms(customer), April, numbers: [number]).Lines[0];

        line.IsDefault.ShouldBeFalse();
        line.Feature.ShouldBeSameAs(number.Features[0]);
        line.FeatureId.ShouldBe(FeatureId.From("F"));
        line.Name.ShouldBe("F");
        line.Kind.ShouldBe(FeatureKind.Recurring);
        line.Proration.ShouldBe(Proration.None);
        line.Quantity.ShouldBe(2);
        line.UnitAmount.ShouldBe(Money.Of(2.5m, "GBP"));
        line.Period.ShouldBe(April);
        line.ActiveDays.ShouldBe(10);
        line.PeriodDays.ShouldBe(30);
        line.Amount.ShouldBe(Money.Of(5m, "GBP"));
        line.ToString().ShouldBe("number N-1 F: 10/30 days 5.00 GBP");
    }

    [Fact]
    public void Equality_ComparesOwnerAccountFeaturePeriodDaysAndAmount()
    {
        var customer = Customer();
        var number = Number(customer, Anchor).AttachFeature(Recurring("F", 1m, "GBP", Anchor));
        var terms = Terms(customer);
        var items = new BilledItems(customer.Id, numbers: [number]);

        var line = PeriodChargeCalculator.Calculate(terms, items, April).Lines[0];
        var again = PeriodChargeCalculator.Calculate(terms, new BilledItems(customer.Id, numbers: [number]), April).Lines[0];
        var may = PeriodChargeCalculator.Calculate(terms, items, May).Lines[0];
        var otherFeature = Charge(terms, April, numbers: [number.ReplaceFeature(Recurring("F", 1m, "GBP", Anchor))]).Lines[0];
        var otherOwner = Charge(terms, April, numbers: [Number(customer, Anchor, id: "N-2").AttachFeature(number.Features[0])]).Lines[0];
        var otherAccount = Charge(terms, April, numbers: [Number(customer, Anchor, account: Account(customer)).AttachFeature(number.Features[0])]).Lines[0];
        var otherDays = Charge(terms, April, numbers: [Number(customer, April.Start.PlusDays(1)).AttachFeature(number.Features[0].WithStartDate(April.Start.PlusDays(1)))]).Lines[0];
        var otherAmount = Charge(terms.WithRounding(MidpointRounding.ToEven), April, numbers: [number]).Lines[0];

        line.Equals(again).ShouldBeTrue();
        (line == again).ShouldBeTrue();
        (line != again).ShouldBeFalse();
        line.Equals((object)again).ShouldBeTrue();
        line.GetHashCode().ShouldBe(again.GetHashCode());
        foreach (var different in new[] { may, otherFeature, otherOwner, otherAccount, otherDays })
        {
            line.Equals(different).ShouldBeFalse();
            (line != different).ShouldBeTrue();
        }

        line.ShouldBe(otherAmount); // the same amount either way: 1.00
        line.Equals(default).ShouldBeFalse();
        default(ChargeLine).Equals(line).ShouldBeFalse();
        default(ChargeLine).Equals(default).ShouldBeTrue();
        line.Equals("line").ShouldBeFalse();
    }

    [Fact]
    public void Equality_EachPartCounts()
    {
        var feature = Recurring("F", 1m, "GBP", Anchor);
        var owner = ChargeOwner.ForNumber(NumberId.From("N-1"));
        var billed = new BilledFeature(owner, null, feature, DayRange.All);
        var context = new ChargeContext(April, 30, Currency.GBP);
        var line = new ChargeLine(billed, context, 10, 1m);

        line.ShouldBe(new ChargeLine(new BilledFeature(owner, null, feature, DayRange.All), new ChargeContext(April, 30, Currency.GBP), 10, 1.00m));
        line.ShouldNotBe(new ChargeLine(new BilledFeature(ChargeOwner.ForService(ServiceId.From("N-1")), null, feature, DayRange.All), context, 10, 1m));
        line.ShouldNotBe(new ChargeLine(new BilledFeature(owner, AccountId.From("A-1"), feature, DayRange.All), context, 10, 1m));
        line.ShouldNotBe(new ChargeLine(new BilledFeature(owner, null, Recurring("F", 1m, "GBP", Anchor), DayRange.All), context, 10, 1m));
        line.ShouldNotBe(new ChargeLine(billed, new ChargeContext(May, 31, Currency.GBP), 10, 1m));
        line.ShouldNotBe(new ChargeLine(billed, context, 11, 1m));
        line.ShouldNotBe(new ChargeLine(billed, context, 10, 1.01m));
    }

    [Fact]
    public void Equality_SameDaysDifferentAmount_AreDifferent()
    {
        var customer = Customer();
        var sold = new LocalDate(2026, 4, 16);
        var number = Number(customer, sold).AttachFeature(Recurring("F", 0.05m, "GBP", sold));
        var terms = Terms(customer);

        Charge(terms, April, numbers: [number]).Lines[0].ShouldNotBe(Charge(terms.WithRounding(MidpointRounding.ToEven), April, numbers: [number]).Lines[0]);
    }

    [Fact]
    public void GetHashCode_TellsDifferentLinesApart()
    {
        var customer = Customer();
        var number = Number(customer, Anchor);
        for (var i = 0; i < 100; i++)
        {
            number = number.AttachFeature(Recurring($"F-{i}", i, "GBP", Anchor));
        }

        var lines = Charge(Terms(customer), April, numbers: [number]).Lines;

        lines.Length.ShouldBe(100);
        lines.Select(l => l.GetHashCode()).Distinct().Count().ShouldBeGreaterThan(lines.Length / 2);
    }

    [Fact]
    public void Default_IsNotALine()
    {
        var line = default(ChargeLine);

        line.IsDefault.ShouldBeTrue();
        line.ToString().ShouldBe("(no line)");
        line.GetHashCode().ShouldBe(0);
        Should.Throw<InvalidOperationException>(() => line.Owner).Message.ShouldBe("default(ChargeLine) is not a charge line; lines come from PeriodChargeCalculator.Calculate.");
        Should.Throw<InvalidOperationException>(() => line.Amount);
        Should.Throw<InvalidOperationException>(() => line.IdempotencyKey());
    }

    [Fact]
    public void ChargeOwner_ComparesKindAndId()
    {
        var number = ChargeOwner.ForNumber(NumberId.From("X"));

        number.Kind.ShouldBe(ChargeOwnerKind.Number);
        number.Id.ShouldBe("X");
        number.IsDefault.ShouldBeFalse();
        number.ShouldBe(ChargeOwner.ForNumber(NumberId.From("X")));
        (number == ChargeOwner.ForNumber(NumberId.From("X"))).ShouldBeTrue();
        (number != ChargeOwner.ForService(ServiceId.From("X"))).ShouldBeTrue();
        number.ShouldNotBe(ChargeOwner.ForAccount(AccountId.From("X")));
        number.ShouldNotBe(ChargeOwner.ForNumber(NumberId.From("x")));
        number.Equals((object)ChargeOwner.ForNumber(NumberId.From("X"))).ShouldBeTrue();
        number.Equals("X").ShouldBeFalse();
        number.GetHashCode().ShouldBe(ChargeOwner.ForNumber(NumberId.From("X")).GetHashCode());
        number.ToString().ShouldBe("number X");
        ChargeOwner.ForAccount(AccountId.From("A")).ToString().ShouldBe("account A");
        ChargeOwner.ForService(ServiceId.From("S")).ToString().ShouldBe("service S");
    }

    [Fact]
    public void ChargeOwner_GetHashCode_TellsOwnersOfOneKindApart()
    {
        var numbers = Enumerable.Range(0, 100).Select(i => ChargeOwner.ForNumber(NumberId.From($"N-{i}"))).ToList();

        numbers.Select(o => o.GetHashCode()).Distinct().Count().ShouldBeGreaterThan(numbers.Count / 2);
    }

    [Fact]
    public void ChargeOwner_Default_NamesNoOwner()
    {
        var none = default(ChargeOwner);

        none.IsDefault.ShouldBeTrue();
        none.Id.ShouldBe(string.Empty);
        none.ToString().ShouldBe("(none)");
        none.GetHashCode().ShouldBe(default(ChargeOwner).GetHashCode());
        Should.Throw<ArgumentException>(() => ChargeOwner.ForAccount(default)).ParamName.ShouldBe("accountId");
        Should.Throw<ArgumentException>(() => ChargeOwner.ForNumber(default)).ParamName.ShouldBe("numberId");
        Should.Throw<ArgumentException>(() => ChargeOwner.ForService(default)).ParamName.ShouldBe("serviceId");
    }
}
