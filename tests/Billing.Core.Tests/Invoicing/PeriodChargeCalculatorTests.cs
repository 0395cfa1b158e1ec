using System.Globalization;
using Billing.Core.Accounts;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Invoicing.ChargeFixtures;

namespace Billing.Core.Tests.Invoicing;

/// <summary>The charges engine: the worked examples of docs/period-charges.md (each exactly as written there), the rules one by one,
/// and the properties that hold for all inputs.</summary>
public class PeriodChargeCalculatorTests
{
    private static readonly LocalDate April10 = new(2026, 4, 10);

    // ---- Worked examples (docs/period-charges.md, "Worked examples") ----

    [Fact]
    public void Example1_LineRentalOnANumberSoldOnThe10th_Charges21Of30Days()
    {
        var vat = Class(20m);
        var customer = Customer("GBP", vat);
        var number = Number(customer, April10).AttachFeature(Feature.Recurring(FeatureId.From("LINE-RENTAL"), "Line rental", Money.Of(12.00m, "GBP"), April10));

        var charges = Charge(Terms(customer, vat), April, numbers: [number]);

        var line = charges.Lines.ShouldHaveSingleItem();
        line.Owner.ShouldBe(ChargeOwner.ForNumber(NumberId.From("N-1")));
        line.Name.ShouldBe("Line rental");
        line.Quantity.ShouldBe(1);
        line.UnitAmount.ShouldBe(Money.Of(12.00m, "GBP"));
        line.ActiveDays.ShouldBe(21);
        line.PeriodDays.ShouldBe(30);
        line.Amount.ShouldBe(Money.Of(8.40m, "GBP"));
        charges.Subtotal.ShouldBe(Money.Of(8.40m, "GBP"));
        charges.Tax.ShouldBe(Money.Of(1.68m, "GBP"));
        charges.Total.ShouldBe(Money.Of(10.08m, "GBP"));
        charges.DueDate.ShouldBe(new LocalDate(2026, 5, 30));
    }

    [Fact]
    public void Example2_AServiceEndingMidPeriod_ChargesByDayUpToItsEndAndNothingAfter()
    {
        var customer = Customer("GBP");
        var service = Service(customer, Anchor)
            .AttachFeature(Feature.Recurring(FeatureId.From("HOSTING"), "Hosting", Money.Of(45.00m, "GBP"), Anchor))
            .AttachFeature(Feature.Recurring(FeatureId.From("SUPPORT"), "Support", Money.Of(20.00m, "GBP"), Anchor, proration: Proration.None))
            .End(new LocalDate(2026, 4, 17));
        var terms = Terms(customer);

        var april = Charge(terms, April, services: [service]);
        april.Lines.Select(l => (l.Name, l.ActiveDays, l.Amount)).ShouldBe(
        [
            ("Hosting", 17, Money.Of(25.50m, "GBP")),
            ("Support", 17, Money.Of(20.00m, "GBP")),
        ]);
        april.Subtotal.ShouldBe(Money.Of(45.50m, "GBP"));
        april.Tax.ShouldBe(Money.Of(0m, "GBP"));
        april.Total.ShouldBe(Money.Of(45.50m, "GBP"));

        var may = Charge(terms, May, services: [service]);
        may.Lines.ShouldBeEmpty();
        may.Total.ShouldBe(Money.Of(0m, "GBP"));
        may.DueDate.ShouldBe(new LocalDate(2026, 6, 30));
    }

    [Fact]
    public void Example3_AOneOffOnThePeriodsLastDay_IsChargedInThatPeriodOnly()
    {
        var vat = Class(20m);
        var customer = Customer("GBP", vat);
        var number = Number(customer, Anchor)
            .AttachFeature(Feature.Recurring(FeatureId.From("LINE-RENTAL"), "Line rental", Money.Of(12.00m, "GBP"), Anchor))
            .AttachFeature(Feature.OneOff(FeatureId.From("INSTALL"), "Installation", Money.Of(99.99m, "GBP"), new LocalDate(2026, 4, 30)));
        var terms = Terms(customer, vat);

        var april = Charge(terms, April, numbers: [number]);
        april.Lines.Select(l => (l.Name, l.Kind, l.ActiveDays, l.Amount)).ShouldBe(
        [
            ("Line rental", FeatureKind.Recurring, 30, Money.Of(12.00m, "GBP")),
            ("Installation", FeatureKind.OneOff, 1, Money.Of(99.99m, "GBP")),
        ]);
        april.Subtotal.ShouldBe(Money.Of(111.99m, "GBP"));
        april.Tax.ShouldBe(Money.Of(22.40m, "GBP")); // 22.398
        april.Total.ShouldBe(Money.Of(134.39m, "GBP"));

        var may = Charge(terms, May, numbers: [number]);
        may.Lines.ShouldHaveSingleItem().Name.ShouldBe("Line rental");
        may.Total.ShouldBe(Money.Of(14.40m, "GBP"));
    }

    [Fact]
    public void Example4_AQuantity3FeatureWithoutProration_IsChargedInFullForPartOfAPeriod()
    {
        var customer = Customer("GBP");
        var account = Account(customer).AttachFeature(
            Feature.Recurring(FeatureId.From("CHANNELS"), "Extra channels", Money.Of(2.50m, "GBP"), new LocalDate(2026, 4, 20), quantity: 3, proration: Proration.None));

        var charges = Charge(Terms(customer), April, accounts: [account]);

        var line = charges.Lines.ShouldHaveSingleItem();
        line.Owner.ShouldBe(ChargeOwner.ForAccount(AccountId.From("A-1")));
        line.AccountId.ShouldBe(AccountId.From("A-1"));
        line.Quantity.ShouldBe(3);
        line.Proration.ShouldBe(Proration.None);
        line.ActiveDays.ShouldBe(11);
        line.Amount.ShouldBe(Money.Of(7.50m, "GBP"));
        charges.Total.ShouldBe(Money.Of(7.50m, "GBP"));
    }

    [Fact]
    public void Example5_Yen_RoundsLinesAndTaxToWholeYen()
    {
        var tax = Class(10m, "JPY");
        var customer = Customer("JPY", tax);
        var sold = new LocalDate(2026, 4, 20);
        var number = Number(customer, sold).AttachFeature(Feature.Recurring(FeatureId.From("LINE-RENTAL"), "Line rental", Money.Of(1000m, "JPY"), sold));

        var charges = Charge(Terms(customer, tax), April, numbers: [number]);

        var line = charges.Lines.ShouldHaveSingleItem();
        line.ActiveDays.ShouldBe(11);
        line.Amount.ShouldBe(Money.Of(367m, "JPY")); // 366.67
        charges.Tax.ShouldBe(Money.Of(37m, "JPY")); // 36.7
        charges.Total.ShouldBe(Money.Of(404m, "JPY"));
    }

    [Fact]
    public void Example6_BahrainiDinar_RoundsLinesAndTaxToThreeDecimals()
    {
        var vat = Class(10m, "BHD");
        var customer = Customer("BHD", vat);
        var sold = new LocalDate(2026, 4, 18);
        var number = Number(customer, sold).AttachFeature(Feature.Recurring(FeatureId.From("LINE-RENTAL"), "Line rental", Money.Of(7.000m, "BHD"), sold));

        var charges = Charge(Terms(customer, vat), April, numbers: [number]);

        var line = charges.Lines.ShouldHaveSingleItem();
        line.ActiveDays.ShouldBe(13);
        line.Amount.ShouldBe(Money.Of(3.033m, "BHD")); // 3.0333…
        charges.Tax.ShouldBe(Money.Of(0.303m, "BHD")); // 0.3033
        charges.Total.ShouldBe(Money.Of(3.336m, "BHD"));
    }

    [Fact]
    public void Example7_AHalfPennyLine_RoundsAwayFromZeroUnlessTheTermsSayOtherwise()
    {
        var customer = Customer("GBP");
        var sold = new LocalDate(2026, 4, 16);
        var number = Number(customer, sold).AttachFeature(Feature.Recurring(FeatureId.From("CLI"), "Caller display", Money.Of(0.05m, "GBP"), sold));
        var terms = Terms(customer);

        Charge(terms, April, numbers: [number]).Lines.ShouldHaveSingleItem().Amount.ShouldBe(Money.Of(0.03m, "GBP")); // 0.025
        Charge(terms.WithRounding(MidpointRounding.ToEven), April, numbers: [number]).Lines.ShouldHaveSingleItem().Amount.ShouldBe(Money.Of(0.02m, "GBP"));
    }

    // ---- Rules ----

    [Fact]
    public void Calculate_TaxOnTheSubtotal_IsRoundedOnceNotPerLine()
    {
        var vat = Class(20m);
        var customer = Customer("GBP", vat);

        // Three lines of 0.02: 20 % of each is 0.004 (0.00 rounded), 20 % of their 0.06 is 0.012 → 0.01.
        var numbers = Enumerable.Range(1, 3)
            .Select(i => Number(customer, Anchor, id: $"N-{i}").AttachFeature(Recurring("F", 0.02m, "GBP", Anchor)))
            .ToList();
        var charges = Charge(Terms(customer, vat), April, numbers: numbers);

        charges.Subtotal.ShouldBe(Money.Of(0.06m, "GBP"));
        charges.Tax.ShouldBe(Money.Of(0.01m, "GBP"));
    }

    [Fact]
    public void Calculate_TaxMidpoint_FollowsTheTermsRounding()
    {
        var vat = Class(10m);
        var customer = Customer("GBP", vat);
        var number = Number(customer, Anchor).AttachFeature(Recurring("F", 0.25m, "GBP", Anchor));
        var terms = Terms(customer, vat);

        Charge(terms, April, numbers: [number]).Tax.ShouldBe(Money.Of(0.03m, "GBP")); // 0.025
        Charge(terms.WithRounding(MidpointRounding.ToEven), April, numbers: [number]).Tax.ShouldBe(Money.Of(0.02m, "GBP"));
    }

    [Fact]
    public void Calculate_LinesFollowAccountsThenNumbersThenServices_EachOwnersFeaturesInOrder()
    {
        var customer = Customer();
        var account = Account(customer).AttachFeature(Recurring("A2", 1m, "GBP", Anchor)).AttachFeature(Recurring("A1", 1m, "GBP", Anchor));
        var n1 = Number(customer, Anchor, id: "N-B").AttachFeature(Recurring("N", 1m, "GBP", Anchor));
        var n2 = Number(customer, Anchor, id: "N-A").AttachFeature(Recurring("N", 1m, "GBP", Anchor));
        var service = Service(customer, Anchor).AttachFeature(Recurring("S", 1m, "GBP", Anchor));

        var charges = Charge(Terms(customer), April, [account], [n1, n2], [service]);

        charges.Lines.Select(l => $"{l.Owner.Id}/{l.FeatureId}").ShouldBe(["A-1/A2", "A-1/A1", "N-B/N", "N-A/N", "S-1/S"]);
    }

    [Fact]
    public void Calculate_AccountOfTheLine_IsTheAccountTheNumbersAccountOrNoneForTheDefault()
    {
        var customer = Customer();
        var account = Account(customer).AttachFeature(Recurring("A", 1m, "GBP", Anchor));
        var billedToAccount = Number(customer, Anchor, id: "N-1", account: account).AttachFeature(Recurring("N", 1m, "GBP", Anchor));
        var billedToCustomer = Number(customer, Anchor, id: "N-2").AttachFeature(Recurring("N", 1m, "GBP", Anchor));
        var service = Service(customer, Anchor).AttachFeature(Recurring("S", 1m, "GBP", Anchor));

        var lines = Charge(Terms(customer), April, [account], [billedToAccount, billedToCustomer], [service]).Lines;

        lines.Select(l => l.AccountId).ShouldBe([account.Id, account.Id, null, null]);
        lines.Select(l => l.Owner.Kind).ShouldBe([ChargeOwnerKind.Account, ChargeOwnerKind.Number, ChargeOwnerKind.Number, ChargeOwnerKind.Service]);
    }

    [Fact]
    public void Calculate_ClosedAccount_IsNotCharged_SuspendedAccountIs()
    {
        var customer = Customer();
        var closed = Account(customer, "A-CLOSED").AttachFeature(Recurring("F", 5m, "GBP", Anchor)).Close();
        var suspended = Account(customer, "A-SUSPENDED").AttachFeature(Recurring("F", 7m, "GBP", Anchor)).Suspend();

        var charges = Charge(Terms(customer), April, accounts: [closed, suspended]);

        charges.Lines.ShouldHaveSingleItem().Owner.Id.ShouldBe("A-SUSPENDED");
        charges.Total.ShouldBe(Money.Of(7m, "GBP"));
    }

    [Fact]
    public void Calculate_NumberCeasedMidPeriod_ChargesUpToItsDateCeasedInclusive()
    {
        var customer = Customer();
        var number = Number(customer, Anchor).AttachFeature(Recurring("F", 30m, "GBP", Anchor)).Cease(new LocalDate(2026, 4, 5));

        var line = Charge(Terms(customer), April, numbers: [number]).Lines.ShouldHaveSingleItem();

        line.ActiveDays.ShouldBe(5);
        line.Amount.ShouldBe(Money.Of(5m, "GBP"));
    }

    [Fact]
    public void Calculate_FeatureEndingMidPeriod_CountsItsEndDate()
    {
        var customer = Customer();
        var number = Number(customer, Anchor).AttachFeature(Recurring("F", 30m, "GBP", new LocalDate(2026, 4, 3), new LocalDate(2026, 4, 12)));

        var line = Charge(Terms(customer), April, numbers: [number]).Lines.ShouldHaveSingleItem();

        line.ActiveDays.ShouldBe(10);
        line.Amount.ShouldBe(Money.Of(10m, "GBP"));
    }

    [Fact]
    public void Calculate_FeatureStartingAfterOrEndingBeforeThePeriod_GivesNoLine()
    {
        var customer = Customer();
        var number = Number(customer, Anchor)
            .AttachFeature(Recurring("LATER", 1m, "GBP", new LocalDate(2026, 5, 1)))
            .AttachFeature(Recurring("EARLIER", 1m, "GBP", Anchor, new LocalDate(2026, 3, 31)))
            .AttachFeature(OneOff("BEFORE", 1m, "GBP", new LocalDate(2026, 3, 31)))
            .AttachFeature(OneOff("AFTER", 1m, "GBP", new LocalDate(2026, 5, 1)))
            .AttachFeature(OneOff("FIRST-DAY", 1m, "GBP", new LocalDate(2026, 4, 1)));

        Charge(Terms(customer), April, numbers: [number]).Lines.Select(l => l.FeatureId.Value).ShouldBe(["FIRST-DAY"]);
    }

    [Fact]
    public void Calculate_OneOff_IsChargedInFullWithItsQuantity()
    {
        var customer = Customer();
        var number = Number(customer, Anchor).AttachFeature(OneOff("SIMS", 4.99m, "GBP", new LocalDate(2026, 4, 12), quantity: 3));

        var line = Charge(Terms(customer), April, numbers: [number]).Lines.ShouldHaveSingleItem();

        line.ActiveDays.ShouldBe(1);
        line.Amount.ShouldBe(Money.Of(14.97m, "GBP"));
    }

    [Fact]
    public void Calculate_RecurringByDayWithQuantity_MultipliesBeforeRoundingOnce()
    {
        var customer = Customer();
        var number = Number(customer, April10).AttachFeature(Recurring("F", 0.10m, "GBP", April10, quantity: 7));

        // 0.10 × 7 × 21 / 30 = 0.49.
        Charge(Terms(customer), April, numbers: [number]).Lines[0].Amount.ShouldBe(Money.Of(0.49m, "GBP"));
        // 0.01 × 7 × 21 / 30 = 0.049 → 0.05 (rounding a unit's share first would give 7 × 0.01 = 0.07).
        var small = Number(customer, April10).AttachFeature(Recurring("F", 0.01m, "GBP", April10, quantity: 7));
        Charge(Terms(customer), April, numbers: [small]).Lines[0].Amount.ShouldBe(Money.Of(0.05m, "GBP"));
    }

    [Fact]
    public void Calculate_ByDayShareBelowHalfAMinorUnit_GivesAZeroLine()
    {
        var customer = Customer();
        var lastDay = new LocalDate(2026, 4, 30);
        var number = Number(customer, lastDay).AttachFeature(Recurring("F", 0.10m, "GBP", lastDay));

        var charges = Charge(Terms(customer), April, numbers: [number]);

        var line = charges.Lines.ShouldHaveSingleItem();
        line.ActiveDays.ShouldBe(1);
        line.Amount.ShouldBe(Money.Of(0m, "GBP"));
        charges.Total.ShouldBe(Money.Of(0m, "GBP"));
    }

    [Fact]
    public void Calculate_FreeFeature_GivesAZeroLine()
    {
        var customer = Customer();
        var number = Number(customer, Anchor).AttachFeature(Recurring("FREE", 0m, "GBP", Anchor));

        Charge(Terms(customer), April, numbers: [number]).Lines.ShouldHaveSingleItem().Amount.ShouldBe(Money.Of(0m, "GBP"));
    }

    [Fact]
    public void Calculate_SubMinorUnitPrice_IsRoundedAtTheLine()
    {
        var customer = Customer();
        var number = Number(customer, Anchor).AttachFeature(Recurring("F", 0.125m, "GBP", Anchor, quantity: 3));

        // 0.375 → 0.38 away from zero.
        Charge(Terms(customer), April, numbers: [number]).Lines[0].Amount.ShouldBe(Money.Of(0.38m, "GBP"));
    }

    [Fact]
    public void Calculate_NothingBilled_GivesNoLinesAndZeroTotals()
    {
        var customer = Customer(paymentTermsDays: 0);

        var charges = Charge(Terms(customer), April);

        charges.Lines.IsEmpty.ShouldBeTrue();
        charges.Subtotal.ShouldBe(Money.Of(0m, "GBP"));
        charges.Tax.ShouldBe(Money.Of(0m, "GBP"));
        charges.Total.ShouldBe(Money.Of(0m, "GBP"));
        charges.DueDate.ShouldBe(new LocalDate(2026, 4, 30));
        charges.CustomerId.ShouldBe(customer.Id);
        charges.Period.ShouldBe(April);
        charges.Currency.ShouldBe(Currency.GBP);
        charges.Taxation.ShouldBe(Billing.Core.CustomerClasses.Taxation.None);
    }

    [Theory]
    [InlineData("GBP", 12, "8.40", "0.00")]
    [InlineData("JPY", 1200, "840", "0")]
    [InlineData("BHD", 12, "8.400", "0.000")]
    public void Calculate_Amounts_AreWrittenWithTheCurrencysDigits(string currency, int unit, string line, string zero)
    {
        var customer = Customer(currency);
        var number = Number(customer, April10).AttachFeature(Recurring("F", unit, currency, April10));
        var terms = Terms(customer);

        var charges = Charge(terms, April, numbers: [number]);
        var empty = Charge(terms, April);

        charges.Lines[0].Amount.ToString().ShouldBe($"{line} {currency}");
        (charges.Subtotal.ToString(), charges.Tax.ToString(), charges.Total.ToString()).ShouldBe(($"{line} {currency}", $"{zero} {currency}", $"{line} {currency}"));
        (empty.Subtotal.ToString(), empty.Tax.ToString(), empty.Total.ToString()).ShouldBe(($"{zero} {currency}", $"{zero} {currency}", $"{zero} {currency}"));
    }

    [Fact]
    public void ToString_SummarisesTheCharges()
    {
        var vat = Class(20m);
        var customer = Customer("GBP", vat);
        var number = Number(customer, April10).AttachFeature(Recurring("F", 12m, "GBP", April10));

        Charge(Terms(customer, vat), April, numbers: [number]).ToString()
            .ShouldBe("Charges of C-1 for [2026-04-01, 2026-05-01): 1 line(s), subtotal 8.40 GBP, tax 1.68 GBP, total 10.08 GBP, due 2026-05-30");
    }

    [Fact]
    public void Calculate_ResultRecordsTheTermsTaxation()
    {
        var vat = Class(20m);
        var customer = Customer("GBP", vat);

        Charge(Terms(customer, vat), April).Taxation.ShouldBe(Billing.Core.CustomerClasses.Taxation.FlatPercentage(20m));
    }

    [Fact]
    public void Calculate_SameInput_GivesEqualLines()
    {
        var customer = Customer();
        var number = Number(customer, April10).AttachFeature(Recurring("F", 12m, "GBP", April10)).AttachFeature(OneOff("O", 3m, "GBP", April10));
        var items = new BilledItems(customer.Id, numbers: [number]);
        var terms = Terms(customer);

        var first = PeriodChargeCalculator.Calculate(terms, items, April);
        var second = PeriodChargeCalculator.Calculate(terms, items, April);

        first.Lines.ShouldBe(second.Lines);
        first.Total.ShouldBe(second.Total);
        first.Lines[0].ShouldNotBe(first.Lines[1]);
    }

    [Fact]
    public void Calculate_CycleChanged_BillsTheSchedulesPeriods()
    {
        var original = Customer();
        var customer = original.ScheduleBillingChange(new LocalDate(2026, 4, 10), BillingCycle.Weekly);
        var schedule = customer.Schedule;
        var terms = BillingTerms.For(customer, null);
        var number = Number(customer, Anchor).AttachFeature(Recurring("F", 7m, "GBP", Anchor));
        var items = new BilledItems(customer.Id, numbers: [number]);

        // From 1 May the customer is billed weekly: 1–3 May (Friday–Sunday) is the first, partial, week.
        var week = schedule.PeriodContaining(new LocalDate(2026, 5, 1));
        week.ShouldBe(new BillingPeriod(new LocalDate(2026, 5, 1), new LocalDate(2026, 5, 4)));
        var line = PeriodChargeCalculator.Calculate(terms, items, week).Lines.ShouldHaveSingleItem();
        line.PeriodDays.ShouldBe(3);
        line.Amount.ShouldBe(Money.Of(7m, "GBP"));

        var ex = Should.Throw<ArgumentException>(() => PeriodChargeCalculator.Calculate(terms, items, May));
        ex.ParamName.ShouldBe("period");
        Should.Throw<ArgumentException>(() => PeriodChargeCalculator.Calculate(Terms(original), items, week)).ParamName.ShouldBe("period");
    }

    [Fact]
    public void Calculate_PeriodNotOfTheCalendar_IsAnArgumentError()
    {
        var customer = Customer();
        var items = new BilledItems(customer.Id);
        var terms = Terms(customer);

        foreach (var period in new[]
                 {
                     new BillingPeriod(new LocalDate(2026, 4, 2), new LocalDate(2026, 5, 1)), // starts inside April
                     new BillingPeriod(new LocalDate(2026, 4, 1), new LocalDate(2026, 5, 2)), // ends after April
                     new BillingPeriod(new LocalDate(2025, 12, 1), new LocalDate(2026, 1, 1)), // before the anchor
                     default,
                 })
        {
            var ex = Should.Throw<ArgumentException>(() => PeriodChargeCalculator.Calculate(terms, items, period));
            ex.ParamName.ShouldBe("period");
            ex.Message.ShouldContain("is not a billing period of the customer's calendar");
        }
    }

    [Fact]
    public void Calculate_ItemsOfAnotherCustomer_IsAnArgumentError()
    {
        var customer = Customer();
        var other = Customer(id: "C-2");

        var ex = Should.Throw<ArgumentException>(() => PeriodChargeCalculator.Calculate(Terms(customer), new BilledItems(other.Id), April));

        ex.ParamName.ShouldBe("items");
        ex.Message.ShouldContain("C-2");
    }

    [Fact]
    public void Calculate_Nulls_AreArgumentErrors()
    {
        var customer = Customer();
        Should.Throw<ArgumentNullException>(() => PeriodChargeCalculator.Calculate(null!, new BilledItems(customer.Id), April)).ParamName.ShouldBe("terms");
        Should.Throw<ArgumentNullException>(() => PeriodChargeCalculator.Calculate(Terms(customer), null!, April)).ParamName.ShouldBe("items");
    }

    [Theory]
    [InlineData("account")]
    [InlineData("number")]
    [InlineData("service")]
    public void Calculate_FeatureInAnotherCurrency_IsARuleErrorNamingTheFeature(string owner)
    {
        var customer = Customer("GBP");
        var euroAccount = Account(customer, "A-EUR", "EUR");
        var feature = Recurring("EURO-FEE", 3m, "EUR", new LocalDate(2027, 1, 1)); // not even active in April: the input is wrong
        var items = owner switch
        {
            "account" => new BilledItems(customer.Id, accounts: [euroAccount.AttachFeature(feature)]),
            "number" => new BilledItems(customer.Id, numbers: [Number(customer, Anchor, account: euroAccount).AttachFeature(feature)]),
            _ => new BilledItems(customer.Id, services: [Billing.Core.Services.Service.Restore(Service(customer, Anchor).ToSnapshot() with { Currency = Currency.EUR }).AttachFeature(feature)]),
        };

        var ex = Should.Throw<BillingRuleException>(() => PeriodChargeCalculator.Calculate(Terms(customer), items, April));

        ex.Field.ShouldBe(owner switch { "account" => "Account.Features", "number" => "Number.Features", _ => "Service.Features" });
        ex.Value.ShouldNotBeNull();
        ex.Value.ShouldContain("EURO-FEE");
        ex.Value.ShouldContain("3 EUR");
        ex.Rule.ShouldBe("a billed feature must be in the customer's currency (GBP)");
        if (owner == "account")
        {
            ex.Message.ShouldBe("Account.Features 'account A-EUR EURO-FEE 3 EUR' is invalid: a billed feature must be in the customer's currency (GBP).");
        }
    }

    [Fact]
    public void Calculate_OwnerInAnotherCurrencyWithoutFeatures_IsFine()
    {
        var customer = Customer("GBP");

        Charge(Terms(customer), April, accounts: [Account(customer, "A-EUR", "EUR")]).Lines.ShouldBeEmpty();
    }

    [Fact]
    public void Calculate_DueDateBeyondNodaTimesRange_IsAnArgumentOutOfRangeError()
    {
        // The last monthly period that fits is November 9999: its last day plus 31 days is 9999-12-31, the last date there is.
        var fits = LateCustomer(31);
        var last = fits.Schedule.Initial.PeriodAt(fits.Schedule.Initial.LastIndex);
        last.ShouldBe(new BillingPeriod(new LocalDate(9999, 11, 1), new LocalDate(9999, 12, 1)));
        PeriodChargeCalculator.Calculate(Terms(fits), new BilledItems(fits.Id), last).DueDate.ShouldBe(LocalDate.MaxIsoValue);

        var beyond = LateCustomer(32);
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => PeriodChargeCalculator.Calculate(Terms(beyond), new BilledItems(beyond.Id), last));
        ex.ParamName.ShouldBe("period");
        ex.Message.ShouldContain("The due date, 32 days after the period's last day, would fall after 9999-12-31");

        static Billing.Core.Customers.Customer LateCustomer(int terms)
            => Billing.Core.Customers.Customer.Restore(Customers.DomainFixtures.Stored("C-LATE", "RES") with
            {
                BillingCycleAnchor = new LocalDate(9998, 12, 1),
                PaymentTermsDays = terms,
            });
    }

    [Fact]
    public void Calculate_SubtotalBeyondMoneysBound_IsARuleError()
    {
        var customer = Customer("GBP");
        var rich = Enumerable.Range(1, 1001)
            .Select(i => Number(customer, Anchor, id: $"N-{i}").AttachFeature(Recurring("F", Feature.MaxUnitAmount, "GBP", Anchor, quantity: Feature.MaxQuantity)))
            .ToList();

        var ex = Should.Throw<BillingRuleException>(() => Charge(Terms(customer), April, numbers: rich));

        ex.Field.ShouldBe("Money.Amount");
    }

    [Fact]
    public void Calculate_MaximalLine_IsExact()
    {
        var customer = Customer("GBP");
        var number = Number(customer, April10).AttachFeature(Recurring("F", Feature.MaxUnitAmount, "GBP", April10, quantity: Feature.MaxQuantity));

        Charge(Terms(customer), April, numbers: [number]).Lines[0].Amount.ShouldBe(Money.Of(700_000_000_000_000m, "GBP"));
    }

    [Fact]
    public void Result_IsNotJson()
    {
        var customer = Customer();
        var charges = Charge(Terms(customer), April, numbers: [Number(customer, Anchor).AttachFeature(Recurring("F", 1m, "GBP", Anchor))]);

        Should.Throw<NotSupportedException>(() => System.Text.Json.JsonSerializer.Serialize(charges)).Message.ShouldContain(nameof(PeriodCharges));
        Should.Throw<NotSupportedException>(() => System.Text.Json.JsonSerializer.Serialize(charges.Lines[0])).Message.ShouldContain(nameof(ChargeLine));
        Should.Throw<NotSupportedException>(() => System.Text.Json.JsonSerializer.Serialize(Terms(customer))).Message.ShouldContain(nameof(BillingTerms));
    }

    [Fact]
    public void Calculate_ZeroAmounts_ArePositiveZerosWithTheCurrencysDigits()
    {
        // Money shows no sign on a zero, but the decimal goes on to stores and serializers that read its bits.
        var customer = Customer("BHD");
        var number = Number(customer, Anchor).AttachFeature(Recurring("FREE", 0m, "BHD", Anchor));
        var terms = Terms(customer);

        var free = Charge(terms, April, numbers: [number]);
        var empty = Charge(terms, April);

        var zeros = new[] { free.Lines[0].Amount, free.Subtotal, free.Tax, free.Total, empty.Subtotal, empty.Tax, empty.Total };
        zeros.Select(m => decimal.GetBits(m.Amount)[3]).ShouldAllBe(flags => flags == 3 << 16); // sign bit clear, scale 3
    }

    // ---- RoundToScale: how every line, the subtotal and the tax get the currency's digits ----

    [Theory]
    [InlineData("8.4", 2, "8.40")]
    [InlineData("8", 2, "8.00")]
    [InlineData("7", 1, "7.0")]
    [InlineData("8.400", 2, "8.40")]
    [InlineData("0", 0, "0")]
    [InlineData("0", 3, "0.000")]
    [InlineData("0.125", 2, "0.13")]
    [InlineData("0.004", 2, "0.00")]
    [InlineData("366.66666666666666666666666667", 0, "367")]
    [InlineData("3.0333333333333333333333333333", 3, "3.033")]
    [InlineData("12.5", 4, "12.5000")]
    [InlineData("1000000000000000000", 4, "1000000000000000000.0000")]
    public void RoundToScale_RoundsOnceAndWritesExactlyTheDigits(string amount, int digits, string expected)
        => PeriodChargeCalculator.RoundToScale(decimal.Parse(amount, CultureInfo.InvariantCulture), digits, MidpointRounding.AwayFromZero)
            .ToString(CultureInfo.InvariantCulture).ShouldBe(expected);

    [Fact]
    public void RoundToScale_UsesTheRoundingGiven()
    {
        PeriodChargeCalculator.RoundToScale(0.125m, 2, MidpointRounding.ToEven).ToString(CultureInfo.InvariantCulture).ShouldBe("0.12");
        PeriodChargeCalculator.RoundToScale(0.135m, 2, MidpointRounding.ToEven).ToString(CultureInfo.InvariantCulture).ShouldBe("0.14");
        PeriodChargeCalculator.RoundToScale(0.129m, 2, MidpointRounding.ToZero).ToString(CultureInfo.InvariantCulture).ShouldBe("0.12");
    }

    [Fact]
    public void RoundToScale_OfZero_IsAPositiveZero()
    {
        for (var digits = 0; digits <= 4; digits++)
        {
            decimal.GetBits(PeriodChargeCalculator.RoundToScale(0m, digits, MidpointRounding.AwayFromZero))[3].ShouldBe(digits << 16);
            decimal.GetBits(PeriodChargeCalculator.RoundToScale(0.000000m, digits, MidpointRounding.AwayFromZero))[3].ShouldBe(digits << 16);
        }
    }

    /// <summary>For any amount below 10^24 at any scale, any digits a currency has and any rounding: the value decimal.Round gives, with a
    /// scale of exactly the digits.</summary>
    [Property(MaxTest = 2000)]
    public Property RoundToScale_IsDecimalRoundWithTheDigitsAsScale()
    {
        var amounts = from lo in Gen.Choose(int.MinValue, int.MaxValue)
                      from mid in Gen.Choose(int.MinValue, int.MaxValue)
                      from hi in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(0, 54_000)))
                      from negative in Gen.Elements(false, true)
                      from scale in Gen.Choose(0, 28)
                      select new decimal(lo, mid, hi, negative, (byte)scale);
        var cases = from amount in amounts
                    from digits in Gen.Choose(0, 4)
                    from rounding in Gen.Elements(Enum.GetValues<MidpointRounding>())
                    select (amount, digits, rounding);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var scaled = PeriodChargeCalculator.RoundToScale(c.amount, c.digits, c.rounding);
            return scaled == decimal.Round(c.amount, c.digits, c.rounding) && scaled.Scale == c.digits;
        });
    }

    /// <summary>The line array is the only allocation that grows with the lines (docs/period-charges.md, "Performance"): a line is
    /// two references, its day count and its amount.</summary>
    [Fact]
    public void ChargeLine_StaysSmall()
        => System.Runtime.CompilerServices.Unsafe.SizeOf<ChargeLine>().ShouldBeLessThanOrEqualTo(40);

    // ---- Properties ----

    /// <summary>A feature active over a whole period is charged exactly unit × quantity, whatever its proration and the period's length.</summary>
    [Property(MaxTest = 300)]
    public Property WholePeriod_IsChargedExactlyUnitTimesQuantity()
        => Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var customer = Customer(c.Currency.Code);
            var number = Number(customer, Anchor).AttachFeature(Feature.Recurring(FeatureId.From("F"), "F", c.Unit, Anchor, quantity: c.Quantity, proration: c.Proration));
            var line = Charge(Terms(customer), c.Period, numbers: [number]).Lines.Single();
            return line.ActiveDays == line.PeriodDays && line.Amount.Amount == c.Unit.Amount * c.Quantity;
        });

    /// <summary>Two consecutive features that share out a feature's active days charge, together, the whole feature within one minor
    /// unit (each of the three lines is rounded once, by at most half a minor unit).</summary>
    [Property(MaxTest = 300)]
    public Property SplitFeature_SumsToTheWholeWithinOneMinorUnit()
        => Prop.ForAll((from c in Cases from offset in Gen.Choose(0, 27) from length in Gen.Choose(1, 27) from cut in Gen.Choose(1, 27) select (c, offset, length, cut)).ToArbitrary(), x =>
        {
            var (c, offset, length, cut) = x;
            var start = c.Period.Start.PlusDays(offset);
            var end = start.PlusDays(length);
            var split = start.PlusDays(Math.Min(cut, length)); // first day of the second feature, within (start, end]
            var customer = Customer(c.Currency.Code);
            var whole = Number(customer, Anchor, id: "WHOLE").AttachFeature(Feature.Recurring(FeatureId.From("F"), "F", c.Unit, start, end, c.Quantity));
            var parts = Number(customer, Anchor, id: "PARTS")
                .AttachFeature(Feature.Recurring(FeatureId.From("F1"), "F1", c.Unit, start, split.PlusDays(-1), c.Quantity))
                .AttachFeature(Feature.Recurring(FeatureId.From("F2"), "F2", c.Unit, split, end, c.Quantity));
            var lines = Charge(Terms(customer), c.Period, numbers: [whole, parts]).Lines;
            var wholeAmount = lines.Where(l => l.Owner.Id == "WHOLE").Sum(l => l.Amount.Amount);
            var partsAmount = lines.Where(l => l.Owner.Id == "PARTS").Sum(l => l.Amount.Amount);
            var partDays = lines.Where(l => l.Owner.Id == "PARTS").Sum(l => l.ActiveDays);
            return Math.Abs(wholeAmount - partsAmount) <= c.Currency.MinorUnit
                   && partDays == lines.Where(l => l.Owner.Id == "WHOLE").Sum(l => l.ActiveDays);
        });

    /// <summary>The subtotal is the sum of the lines, the total the subtotal plus the tax, and the tax is within half a minor unit of
    /// the class's percentage of the subtotal, in whole minor units.</summary>
    [Property(MaxTest = 300)]
    public Property Totals_AreTheSumOfTheLinesPlusTax()
        => Prop.ForAll((from features in Gen.Choose(0, 6) from seed in Gen.Choose(0, int.MaxValue) from percent in Gen.Choose(0, 2500) from c in Cases select (features, seed, percent / 100m, c)).ToArbitrary(), x =>
        {
            var (count, seed, percent, c) = x;
            var taxClass = Class(percent, c.Currency.Code);
            var customer = Customer(c.Currency.Code, taxClass);
            var charges = Charge(Terms(customer, taxClass), c.Period, numbers: [RandomNumber(customer, c, count, new Random(seed))]);
            var sum = charges.Lines.Sum(l => l.Amount.Amount);
            var exactTax = sum * percent / 100m;
            return charges.Subtotal.Amount == sum
                   && charges.Total.Amount == sum + charges.Tax.Amount
                   && Math.Abs(charges.Tax.Amount - exactTax) <= c.Currency.MinorUnit / 2
                   && charges.Tax.IsWholeMinorUnits
                   && charges.Lines.All(l => l.Amount.IsWholeMinorUnits);
        });

    /// <summary>The due date is the period's last day plus the payment terms, counted with NodaTime.</summary>
    [Property(MaxTest = 300)]
    public Property DueDate_IsThePeriodsLastDayPlusTheTerms()
        => Prop.ForAll((from terms in Gen.Choose(0, 365) from c in Cases select (terms, c)).ToArbitrary(), x =>
        {
            var customer = Customer(x.c.Currency.Code, paymentTermsDays: x.terms);
            var due = Charge(Terms(customer), x.c.Period).DueDate;
            return Period.Between(x.c.Period.EndExclusive.PlusDays(-1), due, PeriodUnits.Days).Days == x.terms;
        });

    /// <summary>No line is more than unit × quantity (rounded), and each line's days are exactly the days a walk through the period
    /// finds the feature and its number both active on.</summary>
    [Property(MaxTest = 300)]
    public Property Lines_NeverExceedUnitTimesQuantity_AndCountTheDaysAWalkFinds()
        => Prop.ForAll((from count in Gen.Choose(1, 6) from seed in Gen.Choose(0, int.MaxValue) from c in Cases select (count, seed, c)).ToArbitrary(), x =>
        {
            var (count, seed, c) = x;
            var customer = Customer(c.Currency.Code);
            var number = RandomNumber(customer, c, count, new Random(seed));
            var charges = Charge(Terms(customer), c.Period, numbers: [number]);
            var expected = number.Features
                .Select(f => (f.Id, Days: DayRangeTests.WalkDays(c.Period, number.DateSold, number.DateCeased, f.StartDate, f.LastDay)))
                .Where(f => f.Days > 0)
                .ToList();
            return charges.Lines.Select(l => (l.FeatureId, l.ActiveDays)).SequenceEqual(expected)
                   && charges.Lines.All(l => l.Amount <= (l.UnitAmount * l.Quantity).Round());
        });

    /// <summary>A currency (any minor-unit digits), a price in whole minor units, a quantity, a proration, and a monthly period from
    /// 2026 to 2029 (28 to 31 days).</summary>
    private static Gen<ChargeCase> Cases =>
        from currency in Gen.Elements(Currency.GBP, Currency.JPY, Currency.BHD, Currency.FromCode("CLF"), Currency.FromCode("KWD"))
        from minorUnits in Gen.Choose(0, 100_000_000)
        from quantity in Gen.Frequency((3, Gen.Choose(1, 10)), (1, Gen.Choose(1, Feature.MaxQuantity)))
        from proration in Gen.Elements(Proration.ByDay, Proration.None)
        from month in Gen.Choose(3, 47)
        select new ChargeCase(
            currency,
            new Money(minorUnits * currency.MinorUnit, currency),
            quantity,
            proration,
            new BillingPeriod(Anchor.PlusMonths(month), Anchor.PlusMonths(month + 1)));

    /// <summary>A number sold and perhaps ceased around the period, with recurring and one-off features around it.</summary>
    private static Number RandomNumber(Billing.Core.Customers.Customer customer, ChargeCase c, int features, Random random)
    {
        var sold = c.Period.Start.PlusDays(random.Next(-40, 20));
        LocalDate? ceased = random.Next(3) == 0 ? sold.PlusDays(random.Next(0, 60)) : null;
        var number = Number(customer, sold, ceased);
        for (var i = 0; i < features; i++)
        {
            var last = ceased ?? c.Period.EndExclusive.PlusDays(30);
            var start = sold.PlusDays(random.Next(0, Period.Between(sold, last, PeriodUnits.Days).Days + 1));
            var unit = new Money(random.Next(0, 1_000_000) * c.Currency.MinorUnit, c.Currency);
            var quantity = random.Next(1, 5);
            Feature feature = random.Next(4) switch
            {
                0 => Feature.OneOff(FeatureId.From($"F{i}"), "One-off", unit, start, quantity),
                1 => Feature.Recurring(FeatureId.From($"F{i}"), "Flat", unit, start, ceased, quantity, Proration.None),
                _ => Feature.Recurring(FeatureId.From($"F{i}"), "By day", unit, start, random.Next(2) == 0 ? ceased : start.PlusDays(random.Next(0, Period.Between(start, last, PeriodUnits.Days).Days + 1)), quantity),
            };
            number = number.AttachFeature(feature);
        }

        return number;
    }

    private sealed record ChargeCase(Currency Currency, Money Unit, int Quantity, Proration Proration, BillingPeriod Period);
}
