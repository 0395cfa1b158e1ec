using Billing.Core.Numbers;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.TimeZones;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Customers;

public class CustomerTests
{
    private static Customer Prepaid()
    {
        var (h, _, reseller, _) = Tree();
        return Factory().Create(Request("Prepaid", reseller.Id, "PRE") with { BalanceModel = BalanceModel.Prepaid }, h, null, CreatedAt).Customer;
    }

    [Fact]
    public void Changes_KeepTheVersionAndTheFixedFields()
    {
        var c = EndCustomer().WithVersion(7);
        var changed = c.WithEmail("new@example.com").WithPaymentTerms(30).WithLanguage("fr").WithCreditLimit(Gbp(10m)).Suspend().Activate()
            .WithBillingAddress(Address("FR")).Rename("Renamed", []);

        changed.Version.ShouldBe(7);
        changed.Id.ShouldBe(c.Id);
        changed.Currency.ShouldBe(c.Currency);
        changed.BillingCycleAnchor.ShouldBe(c.BillingCycleAnchor);
        changed.ShouldNotBeSameAs(c);
        c.Email.ShouldBe("billing@example.co.uk");
        changed.Email.ShouldBe("new@example.com");
    }

    [Fact]
    public void WithVersion_Negative_Throws() => Should.Throw<BillingRuleException>(() => EndCustomer().WithVersion(-1));

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public void WithPaymentTerms_OutOfRange_Throws(int days)
        => Should.Throw<BillingRuleException>(() => EndCustomer().WithPaymentTerms(days)).Field.ShouldBe("Customer.PaymentTermsDays");

    [Theory]
    [InlineData(0)]
    [InlineData(365)]
    public void WithPaymentTerms_Bounds_AreAllowed(int days) => EndCustomer().WithPaymentTerms(days).PaymentTermsDays.ShouldBe(days);

    [Fact]
    public void WithCreditLimit_OnPrepaid_Throws()
        => Should.Throw<BillingRuleException>(() => Prepaid().WithCreditLimit(Gbp(1m))).Message.ShouldContain("PRE is prepaid");

    [Fact]
    public void WithCreditLimit_Negative_Throws() => Should.Throw<BillingRuleException>(() => EndCustomer().WithCreditLimit(Gbp(-0.01m)));

    [Fact]
    public void WithCreditLimit_OtherCurrency_Throws() => Should.Throw<BillingRuleException>(() => EndCustomer().WithCreditLimit(Money.Of(1m, "EUR")));

    [Fact]
    public void WithCreditLimit_ZeroOrNull_AreAllowed()
    {
        EndCustomer().WithCreditLimit(Gbp(0m)).CreditLimit.ShouldBe(Gbp(0m));
        EndCustomer().WithCreditLimit(Gbp(5m)).WithCreditLimit(null).CreditLimit.ShouldBeNull();
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN-gb", "en-GB")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("es-419", "es-419")]
    [InlineData("sl-rozaj-biske", "sl-rozaj-biske")]
    [InlineData("de-CH-1996", "de-CH-1996")]
    [InlineData("en-US-u-ca-gregory", "en-US-u-ca-gregory")]
    [InlineData("x-whatever", "x-whatever")]
    [InlineData("i-klingon", "i-klingon")]
    public void WithLanguage_WellFormedTag_IsCanonicalised(string tag, string expected) => EndCustomer().WithLanguage(tag).Language.ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("e")]
    [InlineData("englishlanguage")]
    [InlineData("en_GB")]
    [InlineData("en-")]
    [InlineData("en--GB")]
    [InlineData("en-GB-")]
    [InlineData("123")]
    [InlineData("en-a")]
    [InlineData("\u212Aa")]
    public void WithLanguage_MalformedTag_Throws(string tag)
        => Should.Throw<BillingRuleException>(() => EndCustomer().WithLanguage(tag)).Field.ShouldBe("Customer.Language");

    [Theory]
    [InlineData("a@b.co")]
    [InlineData("first.last+tag@mail.example.org")]
    [InlineData("o'brien@example.ie")]
    public void WithEmail_ValidSyntax_IsAccepted(string email) => EndCustomer().WithEmail(email).Email.ShouldBe(email);

    [Fact]
    public void WithEmail_LowerCasesTheDomainOnly() => EndCustomer().WithEmail(" Ann@Example.COM ").Email.ShouldBe("Ann@example.com");

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("@example.com")]
    [InlineData("ann@")]
    [InlineData("ann@localhost")]
    [InlineData("ann@example.c")]
    [InlineData("ann@example.123")]
    [InlineData("ann@-example.com")]
    [InlineData("ann@exa_mple.com")]
    [InlineData(".ann@example.com")]
    [InlineData("an..n@example.com")]
    [InlineData("ann smith@example.com")]
    [InlineData("ann@example..com")]
    public void WithEmail_InvalidSyntax_Throws(string email)
        => Should.Throw<BillingRuleException>(() => EndCustomer().WithEmail(email)).Field.ShouldBe("Customer.Email");

    [Fact]
    public void Close_IsFinal()
    {
        var closed = EndCustomer().Close();
        closed.Status.ShouldBe(BillingStatus.Closed);
        Should.Throw<BillingRuleException>(() => closed.Activate());
        Should.Throw<BillingRuleException>(() => closed.Suspend());
    }

    [Fact]
    public void Rename_ToASiblingsNormalisedName_Throws()
    {
        var (h, root, reseller, _) = Tree();
        var other = Sub(h, "OTHER", reseller.Id);
        Should.Throw<BillingRuleException>(() => other.Rename("END CUSTOMER ltd", h.ChildrenOf(reseller.Id)));
        other.Rename("Other Name", h.ChildrenOf(reseller.Id)).Name.ShouldBe("Other Name");
        h.Get(CustomerId.From("END")).Rename("end customer", h.ChildrenOf(reseller.Id)).Name.ShouldBe("end customer"); // itself is ignored
        root.Id.ShouldNotBe(reseller.Id);
    }

    [Fact]
    public void Rename_EmptyOrTooLong_Throws()
    {
        Should.Throw<BillingRuleException>(() => EndCustomer().Rename("   ", []));
        Should.Throw<BillingRuleException>(() => EndCustomer().Rename(new string('x', 201), []));
        EndCustomer().Rename("  " + new string('x', 200) + " ", []).Name.Length.ShouldBe(200);
    }

    [Fact]
    public void WithClass_AssignsAndChecksCustomData()
    {
        var (h, root, _, _) = Tree();
        var direct = Sub(h, "DIRECT", root.Id);
        h = h.With(direct);
        var cls = AdminClass(Currency.GBP, CustomFieldDefinition.Create("Start", CustomFieldType.Date, mandatory: true));

        Should.Throw<BillingRuleException>(() => direct.WithClass(cls, null, h));
        var assigned = direct.WithClass(cls, new Dictionary<string, CustomFieldValue> { ["Start"] = CustomFieldValue.Date(new LocalDate(2026, 1, 1)) }, h);
        assigned.ClassId.ShouldBe(cls.Id);

        var removed = assigned.WithClass(null, null, h);
        removed.ClassId.ShouldBeNull();
        removed.CustomData.ShouldBeEmpty();
    }

    [Fact]
    public void WithClass_ClassInAnotherCurrency_Throws()
    {
        var (h, root, _, _) = Tree();
        var direct = Sub(h, "DIRECT", root.Id);
        h = h.With(direct);
        Should.Throw<BillingRuleException>(() => direct.WithClass(AdminClass(Currency.EUR), null, h)).Message.ShouldContain("EUR");
    }

    [Fact]
    public void WithCustomData_ForAnotherClass_Throws()
        => Should.Throw<BillingRuleException>(() => EndCustomer().WithCustomData(AdminClass(), null));

    [Fact]
    public void Restore_RootWithAClass_Throws()
        => Should.Throw<BillingRuleException>(() => Customer.Restore(Stored("R") with { ClassId = CustomerClassId.From("C") })).Field.ShouldBe("Customer.Class");

    [Fact]
    public void Restore_OwnParent_Throws()
        => Should.Throw<BillingRuleException>(() => Customer.Restore(Stored("R", parent: "R"))).Field.ShouldBe("Customer.Parent");

    [Fact]
    public void Restore_ZoneNotInTheTzdb_Throws()
        => Should.Throw<BillingRuleException>(() => Customer.Restore(Stored("R") with { BillingTimeZone = new AtlantisZone() })).Field.ShouldBe("Customer.BillingTimeZone");

    /// <summary>A zone no tzdb knows, as a host's own provider could produce.</summary>
    private sealed class AtlantisZone() : DateTimeZone("Europe/Atlantis", true, Offset.Zero, Offset.Zero)
    {
        public override ZoneInterval GetZoneInterval(Instant instant) => new("ATL", null, null, Offset.Zero, Offset.Zero);
    }

    [Fact]
    public void ChangeMethods_FuzzedInput_ThrowOnlyDocumentedExceptions()
    {
        var c = EndCustomer();
        var prepaid = Prepaid();
        var gen = from s in Fuzz.Strings from m in Fuzz.Monies from i in Fuzz.Ints from l in Gen.Choose(int.MinValue, int.MaxValue) select (s, m, i, l);
        Fuzz.Check(gen, x =>
        {
            Fuzz.OnlyDocumentedExceptions(() => c.Rename(x.s!, [c, prepaid]));
            Fuzz.OnlyDocumentedExceptions(() => c.WithEmail(x.s!));
            Fuzz.OnlyDocumentedExceptions(() => c.WithLanguage(x.s!));
            Fuzz.OnlyDocumentedExceptions(() => c.WithCreditLimit(x.m));
            Fuzz.OnlyDocumentedExceptions(() => prepaid.WithCreditLimit(x.m));
            Fuzz.OnlyDocumentedExceptions(() => c.WithPaymentTerms(x.i));
            Fuzz.OnlyDocumentedExceptions(() => c.WithVersion(x.l));
            Fuzz.OnlyDocumentedExceptions(() => c.WithBillingAddress(PostalAddress.Create([x.s!], x.s!, x.s!, x.s, x.s)));
        });
    }

    [Fact]
    public void Restore_FuzzedInput_ThrowsOnlyDocumentedExceptions()
    {
        var zones = new[] { DateTimeZoneProviders.Tzdb["Europe/London"], DateTimeZoneProviders.Tzdb["Pacific/Apia"], new AtlantisZone(), null };
        var gen = from s in Fuzz.Strings from m in Fuzz.Monies from d in Fuzz.Dates from i in Fuzz.Ints from z in Gen.Elements(zones) select (s, m, d, i, z);
        Fuzz.Check(gen, x => Customer.Restore(Stored("X", (x.i & 1) == 0 ? null : "P") with
        {
            Name = x.s!, Email = x.s!, Language = x.s!, BillingTimeZone = x.z!, BillingCycle = (BillingCycle)(x.i & 7), BillingCycleAnchor = x.d,
            BalanceModel = (BalanceModel)(x.i & 3), Currency = x.m.Currency, CreditLimit = (x.i & 8) == 0 ? null : x.m, PaymentTermsDays = x.i,
            Status = (BillingStatus)(x.i & 3), Version = x.i,
        }));
    }

    private static Customer RestoreWith(
        BillingCycle cycle = BillingCycle.Monthly,
        BalanceModel model = BalanceModel.Postpaid,
        BillingStatus status = BillingStatus.Active,
        CustomerClassId? classId = null,
        IReadOnlyDictionary<string, CustomFieldValue>? data = null)
        => Customer.Restore(Stored("C", parent: "P") with
        {
            BillingCycle = cycle, BalanceModel = model, Status = status, ClassId = classId, CustomData = data ?? new Dictionary<string, CustomFieldValue>(),
        });

    [Fact]
    public void Restore_UndefinedEnums_Throw()
    {
        Should.Throw<BillingRuleException>(() => RestoreWith(cycle: (BillingCycle)0)).Field.ShouldBe("Customer.BillingCycle");
        Should.Throw<BillingRuleException>(() => RestoreWith(model: (BalanceModel)0)).Field.ShouldBe("Customer.BalanceModel");
        Should.Throw<BillingRuleException>(() => RestoreWith(status: (BillingStatus)0)).Field.ShouldBe("Customer.Status");
    }

    [Fact]
    public void Restore_CustomDataWithoutClass_Throws()
    {
        var data = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(1) };
        Should.Throw<BillingRuleException>(() => RestoreWith(data: data)).Field.ShouldBe("Customer.CustomData");
        RestoreWith(classId: CustomerClassId.From("K"), data: data).CustomData["Seats"].AsNumber.ShouldBe(1m);
    }

    [Fact]
    public void Restore_UntypedCustomValue_Throws()
        => Should.Throw<BillingRuleException>(() => RestoreWith(classId: CustomerClassId.From("K"), data: new Dictionary<string, CustomFieldValue> { ["X"] = default }));

    [Fact]
    public void WithClass_NullClassWithCustomData_Throws()
    {
        var (h, _, _, end) = Tree();
        Should.Throw<BillingRuleException>(() => end.WithClass(null, new Dictionary<string, CustomFieldValue> { ["X"] = CustomFieldValue.Boolean(true) }, h))
            .Field.ShouldBe("Customer.CustomData");
    }

    [Fact]
    public void WithEmail_Empty_SaysItIsRequired()
        => Should.Throw<BillingRuleException>(() => EndCustomer().WithEmail(" ")).Rule.ShouldContain("required");

    [Fact]
    public void WithEmail_TooLongOverallOrBeforeTheAt_Throws()
    {
        var longDomain = string.Join('.', Enumerable.Repeat(new string('d', 63), 4)) + ".com";
        Should.Throw<BillingRuleException>(() => EndCustomer().WithEmail("a@" + longDomain)).Rule.ShouldContain("254");
        Should.Throw<BillingRuleException>(() => EndCustomer().WithEmail(new string('a', 65) + "@example.com")).Rule.ShouldContain("64");
        EndCustomer().WithEmail(new string('a', 64) + "@example.com").Email.Length.ShouldBe(76);
    }

    [Fact]
    public void WithLanguage_LongerThan64_Throws()
    {
        var tag = "en" + string.Concat(Enumerable.Repeat("-abcdefgh", 8));
        Should.Throw<BillingRuleException>(() => EndCustomer().WithLanguage(tag)).Rule.ShouldContain("1..64");
    }

    [Fact]
    public void Rename_ControlCharactersOrBrokenUnicode_Throws()
    {
        Should.Throw<BillingRuleException>(() => EndCustomer().Rename("Acme\tWidgets", [])).Rule.ShouldContain("control");
        Should.Throw<BillingRuleException>(() => EndCustomer().Rename("Acme\u0000", [])).Rule.ShouldContain("control");
        Should.Throw<BillingRuleException>(() => EndCustomer().Rename("Acme \ud800", [])).Rule.ShouldContain("surrogate");
        Should.Throw<BillingRuleException>(() => EndCustomer().Rename("Acme \udc00x", [])).Rule.ShouldContain("surrogate");
        EndCustomer().Rename("Acme \U0001F642", []).Name.ShouldBe("Acme \U0001F642");
    }

    [Fact]
    public void WithCreditLimit_OnARoot_IsRefusedAsTheDocsSayARootHasNone()
    {
        var root = Tree().Root;
        var ex = Should.Throw<BillingRuleException>(() => root.WithCreditLimit(Gbp(100m)));
        ex.Field.ShouldBe("Customer.CreditLimit");
        ex.Rule.ShouldContain("root");
        root.WithCreditLimit(null).CreditLimit.ShouldBeNull();
    }

    [Fact]
    public void Restore_RootWithACreditLimit_IsRefused()
        => Should.Throw<BillingRuleException>(() => Customer.Restore(Root().ToSnapshot() with { CreditLimit = Gbp(0m) }))
            .Field.ShouldBe("Customer.CreditLimit");

    [Theory]
    [MemberData(nameof(OtherCalendars))]
    public void Restore_AnchorInAnotherCalendar_IsARuleErrorNamingIt(CalendarSystem calendar)
    {
        var ex = Should.Throw<BillingRuleException>(() => RestoreAnchoredOn(new LocalDate(2026, 1, 1).WithCalendar(calendar)));
        ex.Field.ShouldBe("Customer.BillingCycleAnchor");
        ex.Rule.ShouldContain("ISO");
    }

    [Theory]
    [InlineData(-9998, 1, 1)]
    [InlineData(0, 12, 31)]
    [InlineData(9999, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void Restore_AnchorOutsideTheSupportedRange_IsRefusedNamingIt(int year, int month, int day)
        => Should.Throw<BillingRuleException>(() => RestoreAnchoredOn(new LocalDate(year, month, day))).Field.ShouldBe("Customer.BillingCycleAnchor");

    [Fact]
    public void Restore_AnchorsAtTheEndsOfTheRange_AreAccepted()
    {
        RestoreAnchoredOn(BillingCalendar.MinAnchor).BillingCycleAnchor.ShouldBe(new LocalDate(1, 1, 1));
        RestoreAnchoredOn(BillingCalendar.MaxAnchor).BillingCycleAnchor.ShouldBe(new LocalDate(9998, 12, 31));
    }

    [Fact]
    public void WithCreditLimit_DefaultMoney_IsAnArgumentErrorNamingIt()
        => Should.Throw<ArgumentException>(() => EndCustomer().WithCreditLimit(default(Money))).ParamName.ShouldBe("creditLimit");

    [Theory]
    [InlineData("￾", "U+FFFE")]
    [InlineData("Acme ￿", "U+FFFF")]
    [InlineData("﷐ Acme", "U+FDD0")]
    [InlineData("Acme ﷯ Ltd", "U+FDEF")]
    [InlineData("Acme 🿾", "U+1FFFE")]
    [InlineData("Acme 􏿿", "U+10FFFF")]
    public void Rename_UnicodeNoncharacter_IsRefusedWithTheUsualRuleMessage(string name, string codePoint)
    {
        var ex = Should.Throw<BillingRuleException>(() => EndCustomer().Rename(name, []));
        ex.Field.ShouldBe("Customer.Name");
        ex.Rule.ShouldContain("noncharacter");
        ex.Rule.ShouldContain(codePoint);
    }

    [Fact]
    public void Owners_RootOrClosedCustomer_AreRefusedInOneWordingForAccountsNumbersAndServices()
    {
        var (_, root, _, end) = Tree();
        var closed = end.Close();
        var day = new LocalDate(2026, 2, 1);
        foreach (var (field, things, create) in new (string, string, Func<Customer, object>)[]
                 {
                     ("Account.Owner", "accounts", c => Billing.Core.Accounts.Account.Create(Billing.Core.Accounts.AccountId.From("A"), c, "A")),
                     ("Number.Owner", "numbers", c => Billing.Core.Numbers.Number.Create(Billing.Core.Numbers.NumberId.From("N"), c, "01632 960123", "T", day, numbering: NumberingOptions.Default with { AllowDramaNumbers = true })),
                     ("Service.Owner", "services", c => Billing.Core.Services.Service.Create(Billing.Core.Services.ServiceId.From("S"), c, "t", "n", day)),
                 })
        {
            var ofRoot = Should.Throw<BillingRuleException>(() => create(root));
            (ofRoot.Field, ofRoot.Value, ofRoot.Rule).ShouldBe((field, root.Id.Value, $"a root customer is never billed and owns no {things}"));
            var ofClosed = Should.Throw<BillingRuleException>(() => create(closed));
            (ofClosed.Field, ofClosed.Value, ofClosed.Rule).ShouldBe((field, closed.Id.Value, $"a closed customer cannot get new {things}"));
        }
    }

    public static TheoryData<CalendarSystem> OtherCalendars() => new(CalendarSystem.Julian, CalendarSystem.Gregorian, CalendarSystem.HebrewCivil, CalendarSystem.IslamicBcl);

    private static Customer RestoreAnchoredOn(LocalDate anchor)
        => Customer.Restore(EndCustomer().ToSnapshot() with { BillingCycleAnchor = anchor });
}
