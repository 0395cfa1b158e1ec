using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Tests.Customers;
using FsCheck.Fluent;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Numbers;

public class NumberTests
{
    private static readonly LocalDate Sold = new(2026, 1, 10);

    /// <summary>The tests' numbers lie in Ofcom's drama ranges, never in service.</summary>
    private static readonly NumberingOptions Drama = NumberingOptions.Default with { AllowDramaNumbers = true };

    private static Number Line(string input = "01632 960123", string id = "N-1") => Number.Create(NumberId.From(id), EndCustomer(), input, "UK-STD", Sold, numbering: Drama);

    private static Feature Rental(LocalDate? start = null, LocalDate? end = null)
        => Feature.Recurring(FeatureId.From("RENT"), "Line rental", Gbp(12m), start ?? Sold, end);

    [Fact]
    public void Create_NormalisesAndAutoDetects()
    {
        var n = Line("01632 960123");
        n.Value.Value.ShouldBe("+441632960123");
        n.Type.ShouldBe(NumberType.Geographic);
        n.Currency.ShouldBe(Currency.GBP);
        n.Tariff.ShouldBe("UK-STD");
        n.DateCeased.ShouldBeNull();
    }

    [Theory]
    [InlineData("+33 6 12 34 56 78", NumberType.Mobile)]
    [InlineData("0049 800 1234567", NumberType.Freephone)]
    [InlineData("+61 1900 123 456", NumberType.PremiumRate)]
    [InlineData("0800 123 4567", NumberType.Freephone)]
    public void Create_AnyCountryWithoutType_DetectsIt(string input, NumberType expected)
        => Number.Create(NumberId.From("N"), EndCustomer(), input, "T", Sold).Type.ShouldBe(expected);

    [Fact]
    public void Create_NationalInputOfTheDefaultCountry_IsReadInThatCountry()
    {
        var french = NumberingOptions.Default with { DefaultCountry = CountryCode.From("FR") };
        var n = Number.Create(NumberId.From("N"), EndCustomer(), "08 00 12 34 56", "FR-STD", Sold, numbering: french);
        (n.Value.Value, n.Type).ShouldBe(("+33800123456", NumberType.Freephone));

        // The same digits without options are UK national input: 0800 12 34 56 is a UK freephone number.
        Number.Create(NumberId.From("N"), EndCustomer(), "08 00 12 34 56", "T", Sold).Value.Value.ShouldBe("+44800123456");
    }

    [Fact]
    public void Create_FixedLineOrMobileWithoutType_ThrowsAskingForIt_WithGeographicOrMobileIsAccepted()
    {
        var owner = EndCustomer();
        var ex = Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), owner, "+1 650 253 0000", "US", Sold));
        ex.Field.ShouldBe("Number.Type");
        ex.Message.ShouldContain("+16502530000");
        ex.Rule.ShouldContain("Geographic or Mobile");
        Number.Create(NumberId.From("N"), owner, "+1 650 253 0000", "US", Sold, NumberType.Geographic).Type.ShouldBe(NumberType.Geographic);
        Number.Create(NumberId.From("N"), owner, "+1 650 253 0000", "US", Sold, NumberType.Mobile).Type.ShouldBe(NumberType.Mobile);
        Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), owner, "+1 650 253 0000", "US", Sold, NumberType.Freephone)).Field.ShouldBe("Number.Type");
    }

    [Theory]
    [InlineData("0113 234 5678", NumberType.Mobile, NumberType.Geographic)]
    [InlineData("07700 123456", NumberType.Geographic, NumberType.Mobile)]
    [InlineData("0845 600 0000", NumberType.PremiumRate, NumberType.SpecialServices)]   // the UK platform's category, not the metadata's
    [InlineData("+33 6 12 34 56 78", NumberType.Geographic, NumberType.Mobile)]
    [InlineData("+1 800 234 5678", NumberType.Mobile, NumberType.Freephone)]
    [InlineData("+49 30 1234567", NumberType.Other, NumberType.Geographic)]
    public void Create_ExplicitTypeContradictingDetection_ThrowsNamingNumberGivenAndDetected(string input, NumberType given, NumberType detected)
    {
        var number = PhoneNumber.Parse(input);
        var ex = Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), EndCustomer(), input, "T", Sold, given));
        ex.Field.ShouldBe("Number.Type");
        ex.Value.ShouldBe(given.ToString());
        ex.Rule.ShouldContain(number.Value);
        ex.Rule.ShouldContain($"detected as {detected}");
        Number.Create(NumberId.From("N"), EndCustomer(), input, "T", Sold, detected).Type.ShouldBe(detected);
    }

    [Fact]
    public void Create_DramaNumber_RefusedUnlessAllowed()
    {
        var owner = EndCustomer();
        foreach (var type in new NumberType?[] { null, NumberType.Geographic })
        {
            var ex = Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), owner, "01632 960123", "T", Sold, type));
            (ex.Field, ex.Value).ShouldBe(("Number", "+441632960123"));
            ex.Rule.ShouldContain("AllowDramaNumbers");
        }

        Number.Create(NumberId.From("N"), owner, "07700 900123", "T", Sold, numbering: Drama).Type.ShouldBe(NumberType.Mobile);
        Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), owner, "07700 900123", "T", Sold, NumberType.Paging, numbering: Drama)).Field.ShouldBe("Number.Type");
    }

    [Fact]
    public void Create_ImpossibleUkNumber_ThrowsNamingIt()
    {
        var ex = Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), EndCustomer(), "07700 12345", "T", Sold, NumberType.Mobile));
        (ex.Field, ex.Value).ShouldBe(("Number", "+44770012345"));
        ex.Rule.ShouldContain("has 10 digits after the 0, this one has 9");
    }

    [Fact]
    public void WithType_MustAgreeWithDetection()
    {
        Line().WithType(NumberType.Geographic).Type.ShouldBe(NumberType.Geographic);
        var ex = Should.Throw<BillingRuleException>(() => Line().WithType(NumberType.NonGeographic));
        ex.Field.ShouldBe("Number.Type");
        ex.Rule.ShouldContain("+441632960123 is detected as Geographic");

        var us = Number.Create(NumberId.From("N"), EndCustomer(), "+1 650 253 0000", "US", Sold, NumberType.Geographic);
        us.WithType(NumberType.Mobile).Type.ShouldBe(NumberType.Mobile);
        Should.Throw<BillingRuleException>(() => us.WithType(NumberType.Paging)).Rule.ShouldContain("Geographic or Mobile, not Paging");
    }

    [Fact]
    public void Create_CeasedBeforeSold_Throws()
        => Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), EndCustomer(), "01632 960123", "T", Sold, dateCeased: Sold.PlusDays(-1), numbering: Drama))
            .Field.ShouldBe("Number.DateCeased");

    [Fact]
    public void Create_ForAnotherCustomersAccount_Throws()
    {
        var (h, _, reseller, end) = Tree();
        var foreign = AccountOf(reseller);
        Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), end, "01632 960123", "T", Sold, account: foreign)).Field.ShouldBe("Number.Account");
        h.ShouldNotBeNull();
    }

    [Fact]
    public void Create_ForARoot_Throws() => Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), Tree().Root, "01632 960123", "T", Sold));

    [Fact]
    public void Currency_IsTheAccountsWhenBilledToOne()
    {
        var owner = EndCustomer();
        var eur = Account.Create(AccountId.From("EUR"), owner, "Euro", currency: Currency.EUR);
        var n = Number.Create(NumberId.From("N"), owner, "01632 960123", "T", Sold, account: eur, numbering: Drama);
        n.Currency.ShouldBe(Currency.EUR);
        Should.Throw<BillingRuleException>(() => n.AttachFeature(Rental())).Rule.ShouldContain("EUR");
        Should.Throw<BillingRuleException>(() => n.AssignToAccount(AccountOf(owner))).Field.ShouldBe("Number.Account");
    }

    [Fact]
    public void Features_MustLieWithinTheNumbersDates()
    {
        var n = Line();
        Should.Throw<BillingRuleException>(() => n.AttachFeature(Rental(Sold.PlusDays(-1)))).Rule.ShouldContain("before");
        var ceased = n.Cease(Sold.PlusDays(30));
        Should.Throw<BillingRuleException>(() => ceased.AttachFeature(Rental())).Rule.ShouldContain("past");
        ceased.AttachFeature(Rental(end: Sold.PlusDays(30))).Features.Count.ShouldBe(1);
        Should.Throw<BillingRuleException>(() => n.AttachFeature(Rental(Sold.PlusDays(5))).WithDateSold(Sold.PlusDays(6)));
    }

    [Fact]
    public void Cease_EndsRunningFeaturesOnTheLastDay()
    {
        var n = Line().AttachFeature(Rental()).AttachFeature(Feature.OneOff(FeatureId.From("SETUP"), "Connection", Gbp(30m), Sold));
        var ceased = n.Cease(Sold.PlusDays(45));
        ceased.DateCeased.ShouldBe(Sold.PlusDays(45));
        ceased.Features.Single(f => f.Id == FeatureId.From("RENT")).EndDate.ShouldBe(Sold.PlusDays(45));
        ceased.IsActiveOn(Sold.PlusDays(45)).ShouldBeTrue();
        ceased.IsActiveOn(Sold.PlusDays(46)).ShouldBeFalse();
        n.DateCeased.ShouldBeNull();
    }

    [Fact]
    public void Cease_BeforeSoldOrBeforeAFeatureStarts_Throws()
    {
        Should.Throw<BillingRuleException>(() => Line().Cease(Sold.PlusDays(-1)));
        Should.Throw<BillingRuleException>(() => Line().AttachFeature(Rental(Sold.PlusDays(10))).Cease(Sold.PlusDays(5))).Rule.ShouldContain("detach");
    }

    [Fact]
    public void EnsureNotActiveElsewhere_OverlappingRecordOfTheSameNumber_Throws()
    {
        var first = Line(id: "N-1").Cease(Sold.PlusDays(10));
        var overlapping = Number.Create(NumberId.From("N-2"), EndCustomer(), "+44 1632 960123", "T", Sold.PlusDays(10), numbering: Drama);
        var after = Number.Create(NumberId.From("N-3"), EndCustomer(), "+44 1632 960123", "T", Sold.PlusDays(11), numbering: Drama);
        var otherNumber = Number.Create(NumberId.From("N-4"), EndCustomer(), "01632 960124", "T", Sold, numbering: Drama);

        Should.Throw<BillingRuleException>(() => overlapping.EnsureNotActiveElsewhere([first])).Message.ShouldContain("+441632960123");
        Should.NotThrow(() => after.EnsureNotActiveElsewhere([first, otherNumber]));
        Should.NotThrow(() => first.EnsureNotActiveElsewhere([first]));
    }

    [Fact]
    public void Changes_KeepVersionAndFixedFields()
    {
        var n = Line().WithVersion(9);
        var m = n.WithTariff("NEW").WithType(NumberType.Geographic).AttachFeature(Rental()).ReplaceFeature(Rental().WithQuantity(2)).DetachFeature(FeatureId.From("RENT"));
        m.Version.ShouldBe(9);
        m.Value.ShouldBe(n.Value);
        m.Currency.ShouldBe(n.Currency);
        m.Tariff.ShouldBe("NEW");
        n.Tariff.ShouldBe("UK-STD");
    }

    [Fact]
    public void Methods_FuzzedInput_ThrowOnlyDocumentedExceptions()
    {
        var owner = EndCustomer();
        var n = Line();
        var gen = from s in Fuzz.Strings from d in Fuzz.Dates from o in Fuzz.OptionalDates from m in Fuzz.Monies from i in Fuzz.Ints select (s, d, o, m, i);
        Fuzz.Check(gen, x =>
        {
            Fuzz.OnlyDocumentedExceptions(() => Number.Create(NumberId.From("N"), owner, x.s!, x.s!, x.d, (x.i & 1) == 0 ? null : (NumberType)(x.i & 31), null, x.o, (x.i & 2) == 0 ? null : Drama));
            Fuzz.OnlyDocumentedExceptions(() => n.WithTariff(x.s!));
            Fuzz.OnlyDocumentedExceptions(() => n.WithDateSold(x.d));
            Fuzz.OnlyDocumentedExceptions(() => n.Cease(x.d));
            Fuzz.OnlyDocumentedExceptions(() => n.WithType((NumberType)x.i));
            Fuzz.OnlyDocumentedExceptions(() => n.AttachFeature(Feature.Recurring(FeatureId.From("F"), "f", x.m, x.d, x.o)));
            Fuzz.OnlyDocumentedExceptions(() => Number.Restore(new NumberSnapshot
            {
                Id = NumberId.From("N"), OwnerId = owner.Id, Value = PhoneNumber.TryParse(x.s, out var p) ? p : default, Type = (NumberType)(x.i & 15),
                Tariff = x.s!, Currency = x.m.Currency, DateSold = x.d, DateCeased = x.o, Version = x.i,
            }));
        });
    }

    [Fact]
    public void FeatureAndAccountMethods_FuzzedInput_ThrowOnlyDocumentedExceptions()
    {
        var owner = EndCustomer();
        var accounts = new[] { AccountOf(owner, "A1"), Account.Create(AccountId.From("A2"), owner, "Euro", currency: Currency.EUR), AccountOf(Tree().Reseller, "A3"), AccountOf(owner, "A4").Close() };
        var n = Line().AttachFeature(Rental());
        var gen = from m in Fuzz.Monies from d in Fuzz.Dates from o in Fuzz.OptionalDates from i in Gen.Choose(-1, 4) from q in Fuzz.Ints select (m, d, o, i, q);
        Fuzz.Check(gen, x =>
        {
            Fuzz.OnlyDocumentedExceptions(() => n.AssignToAccount(x.i < 0 ? null : accounts[x.i % accounts.Length]));
            Fuzz.OnlyDocumentedExceptions(() => n.ReplaceFeature(Feature.Recurring(FeatureId.From(x.i == 0 ? "RENT" : "OTHER"), "r", x.m, x.d, x.o, x.q)));
            Fuzz.OnlyDocumentedExceptions(() => n.DetachFeature(FeatureId.From(x.i == 0 ? "RENT" : "OTHER")));
            Fuzz.OnlyDocumentedExceptions(() => accounts[0].ReplaceFeature(Feature.OneOff(FeatureId.From("X"), "x", x.m, x.d, x.q)));
        });
    }

    [Fact]
    public void WithType_Undefined_Throws() => Should.Throw<BillingRuleException>(() => Line().WithType((NumberType)99)).Field.ShouldBe("Number.Type");

    [Fact]
    public void Create_ForAClosedCustomerOrAccount_Throws()
    {
        var owner = EndCustomer();
        Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), owner.Close(), "01632 960123", "T", Sold)).Rule.ShouldContain("closed");
        Should.Throw<BillingRuleException>(() => Number.Create(NumberId.From("N"), owner, "01632 960123", "T", Sold, account: AccountOf(owner).Close()))
            .Rule.ShouldContain("closed");
    }

    [Fact]
    public void Cease_BeforeSoldWithFeatures_NamesTheCeaseDate()
        => Should.Throw<BillingRuleException>(() => Line().AttachFeature(Rental()).Cease(Sold.PlusDays(-1))).Field.ShouldBe("Number.DateCeased");
}
