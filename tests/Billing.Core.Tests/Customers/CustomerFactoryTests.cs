using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using FsCheck.Fluent;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Customers;

public class CustomerFactoryTests
{
    [Fact]
    public void Create_NothingExplicit_TakesEveryHostDefault()
    {
        var (h, _, reseller, _) = Tree();
        var c = Factory().Create(Request("Fresh", reseller.Id), h, null, CreatedAt).Customer;

        c.Currency.ShouldBe(Currency.GBP);
        c.BillingCycle.ShouldBe(BillingCycle.Monthly);
        c.BillingTimeZone.Id.ShouldBe("Europe/London");
        c.PaymentTermsDays.ShouldBe(14);
        c.BalanceModel.ShouldBe(BalanceModel.Postpaid);
        c.Language.ShouldBe("en-GB");
        c.Status.ShouldBe(BillingStatus.Active);
        c.Version.ShouldBe(0);
        c.ParentId.ShouldBe(reseller.Id);
    }

    [Fact]
    public void Create_ExplicitValues_WinOverDefaults()
    {
        var (h, _, reseller, _) = Tree();
        var request = Request("Fresh", reseller.Id) with
        {
            Currency = Currency.EUR,
            BillingCycle = BillingCycle.Weekly,
            BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"],
            PaymentTermsDays = 0,
            BalanceModel = BalanceModel.Prepaid,
            Language = "de-de",
        };

        var c = Factory().Create(request, h, null, CreatedAt).Customer;

        c.Currency.ShouldBe(Currency.EUR);
        c.BillingCycle.ShouldBe(BillingCycle.Weekly);
        c.BillingTimeZone.Id.ShouldBe("Europe/Berlin");
        c.PaymentTermsDays.ShouldBe(0);
        c.BalanceModel.ShouldBe(BalanceModel.Prepaid);
        c.Language.ShouldBe("de-DE");
    }

    [Fact]
    public void Create_ClassWithCurrency_OverridesTheDefaultCurrency()
    {
        var (h, root, _, _) = Tree();
        var usdClass = AdminClass(Currency.USD);

        var c = Factory().Create(Request("Yankee", root.Id), h, usdClass, CreatedAt).Customer;

        c.Currency.ShouldBe(Currency.USD);
        c.ClassId.ShouldBe(usdClass.Id);
    }

    [Fact]
    public void Create_ExplicitCurrencyDifferentFromClass_Throws()
    {
        var (h, root, _, _) = Tree();
        var ex = Should.Throw<BillingRuleException>(() =>
            Factory().Create(Request("Yankee", root.Id) with { Currency = Currency.EUR }, h, AdminClass(Currency.USD), CreatedAt));
        ex.Field.ShouldBe("Customer.Class");
        ex.Message.ShouldContain("USD");
    }

    [Fact]
    public void Create_NoCurrencyAnywhere_Throws()
    {
        var options = Options();
        options.Currency = null;
        var factory = new CustomerFactory(options);
        var root = factory.CreateRoot(Request("Root") with { Currency = Currency.GBP }, CustomerHierarchy.Empty(), CreatedAt);

        Should.Throw<BillingRuleException>(() => factory.Create(Request("X", root.Id), CustomerHierarchy.From([root]), null, CreatedAt))
            .Field.ShouldBe("Customer.Currency");
    }

    [Fact]
    public void Create_AnchorIsTheCreationDateInTheBillingZone()
    {
        var (h, _, reseller, _) = Tree();
        var lateEvening = Instant.FromUtc(2026, 3, 31, 23, 30); // 00:30 on 1 April in London (BST)

        var london = Factory().Create(Request("London", reseller.Id), h, null, lateEvening).Customer;
        var utc = Factory().Create(Request("Utc", reseller.Id) with { BillingTimeZone = DateTimeZone.Utc }, h, null, lateEvening).Customer;

        london.BillingCycleAnchor.ShouldBe(new LocalDate(2026, 4, 1));
        utc.BillingCycleAnchor.ShouldBe(new LocalDate(2026, 3, 31));
    }

    [Theory]
    [InlineData("End Customer")]
    [InlineData("end customer")]
    [InlineData("  END   CUSTOMER ")]
    [InlineData("End-Customer Ltd.")]
    [InlineData("End Customer Limited")]
    [InlineData("End, Customer, Inc")]
    [InlineData("End Customer LLC")]
    [InlineData("End Customer GmbH")]
    public void Create_NormalisedNameOfASibling_Throws(string name)
    {
        var (h, _, reseller, _) = Tree();
        var ex = Should.Throw<BillingRuleException>(() => Factory().Create(Request(name, reseller.Id), h, null, CreatedAt));
        ex.Field.ShouldBe("Customer.Name");
        ex.Message.ShouldContain("END");
    }

    [Fact]
    public void Create_SameNameUnderAnotherParent_IsAllowed()
    {
        var (h, root, _, _) = Tree();
        Factory().Create(Request("End Customer", root.Id), h, null, CreatedAt).Customer.Name.ShouldBe("End Customer");
    }

    [Fact]
    public void Create_PrepaidWithOpeningFunds_ReturnsThemAsTheOpeningTopUp()
    {
        var (h, _, reseller, _) = Tree();
        var created = Factory().Create(Request("Prepaid", reseller.Id) with { BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(25.50m, Currency.GBP) }, h, null, CreatedAt);

        created.OpeningFunds.ShouldBe(Gbp(25.50m));
        created.HasOpeningTopUp.ShouldBeTrue();
    }

    [Fact]
    public void Create_PostpaidWithoutFunds_HasNoOpeningTopUp()
    {
        var (h, _, reseller, _) = Tree();
        var created = Factory().Create(Request("Postpaid", reseller.Id), h, null, CreatedAt);
        created.OpeningFunds.ShouldBe(Gbp(0m));
        created.HasOpeningTopUp.ShouldBeFalse();
    }

    [Fact]
    public void Create_OpeningFundsOnPostpaid_Throws()
    {
        var (h, _, reseller, _) = Tree();
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("P", reseller.Id) with { OpeningFunds = new Money(10m, Currency.GBP) }, h, null, CreatedAt))
            .Field.ShouldBe("Customer.OpeningFunds");
    }

    [Fact]
    public void Create_NegativeOpeningFunds_Throws()
    {
        var (h, _, reseller, _) = Tree();
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("P", reseller.Id) with { BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(-1m, Currency.GBP) }, h, null, CreatedAt))
            .Rule.ShouldContain("negative");
    }

    [Fact]
    public void Create_CreditLimitOnPrepaid_ThrowsNamingTheCustomer()
    {
        var (h, _, reseller, _) = Tree();
        var ex = Should.Throw<BillingRuleException>(() =>
            Factory().Create(Request("P", reseller.Id, "PRE-1") with { BalanceModel = BalanceModel.Prepaid, CreditLimit = new Money(100m, Currency.GBP) }, h, null, CreatedAt));
        ex.Field.ShouldBe("Customer.CreditLimit");
        ex.Message.ShouldContain("PRE-1 is prepaid");
    }

    [Fact]
    public void Create_CreatesTheDefaultAccountInTheCustomersCurrency()
    {
        var (h, _, reseller, _) = Tree();
        var created = Factory().Create(Request("Acc", reseller.Id) with { Currency = Currency.EUR, DefaultAccountId = AccountId.From("A-1") }, h, null, CreatedAt);

        created.DefaultAccount.Id.ShouldBe(AccountId.From("A-1"));
        created.DefaultAccount.OwnerId.ShouldBe(created.Customer.Id);
        created.DefaultAccount.Currency.ShouldBe(Currency.EUR);
        created.DefaultAccount.Name.ShouldBe("Default");
        created.DefaultAccount.BalanceModel.ShouldBe(BalanceModel.Postpaid);
        created.DefaultAccount.CreditLimit.ShouldBeNull();
    }

    [Fact]
    public void Create_UnknownParent_Throws()
        => Should.Throw<BillingRuleException>(() => Factory().Create(Request("X", CustomerId.From("NOPE")), Tree().Hierarchy, null, CreatedAt))
            .Field.ShouldBe("Customer.Parent");

    [Fact]
    public void Create_WithoutParent_Throws()
        => Should.Throw<BillingRuleException>(() => Factory().Create(Request("X"), Tree().Hierarchy, null, CreatedAt))
            .Field.ShouldBe("Customer.Parent");

    [Fact]
    public void Create_ClosedParent_Throws()
    {
        var (h, _, reseller, _) = Tree();
        h = h.With(reseller.Close());
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("X", reseller.Id), h, null, CreatedAt)).Rule.ShouldContain("closed");
    }

    [Fact]
    public void Create_IdAlreadyInUse_Throws()
    {
        var (h, _, reseller, _) = Tree();
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("X", reseller.Id, "END"), h, null, CreatedAt)).Field.ShouldBe("Customer.Id");
    }

    [Fact]
    public void Create_BeyondTheDepthLimit_Throws()
    {
        var options = Options();
        options.MaxHierarchyDepth = 2;
        var factory = new CustomerFactory(options);
        var (h, _, _, end) = Tree(); // END has depth 2

        Should.Throw<BillingRuleException>(() => factory.Create(Request("Too deep", end.Id), h, null, CreatedAt)).Rule.ShouldContain("limit is 2");
        Factory().Create(Request("Fine", end.Id), h, null, CreatedAt).Customer.ParentId.ShouldBe(end.Id);
    }

    [Fact]
    public void Create_DefaultDepthLimit_IsEight()
    {
        var factory = Factory();
        var root = Root(factory);
        var h = CustomerHierarchy.From([root]);
        var parent = root.Id;
        for (var i = 1; i <= 8; i++)
        {
            var c = factory.Create(Request("Level " + i, parent, "L" + i), h, null, CreatedAt).Customer;
            h = h.With(c);
            parent = c.Id;
        }

        h.DepthOf(parent).ShouldBe(8);
        Should.Throw<BillingRuleException>(() => factory.Create(Request("Level 9", parent), h, null, CreatedAt));
    }

    [Fact]
    public void Create_AdministratorClassBelowAReseller_Throws()
    {
        var (h, _, reseller, _) = Tree();
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("X", reseller.Id), h, AdminClass(), CreatedAt))
            .Rule.ShouldContain("root's direct customers");
    }

    [Fact]
    public void Create_ResellerClass_OnlyBelowThatReseller()
    {
        var (h, root, reseller, end) = Tree();
        var cls = CustomerClass.Create(CustomerClassId.From("RES-GOLD"), "Gold", ClassManager.Reseller(reseller.Id));

        Factory().Create(Request("Direct", reseller.Id), h, cls, CreatedAt).Customer.ClassId.ShouldBe(cls.Id);
        Factory().Create(Request("Indirect", end.Id), h, cls, CreatedAt).Customer.ClassId.ShouldBe(cls.Id);
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("Beside", root.Id), h, cls, CreatedAt))
            .Rule.ShouldContain("below that reseller");
    }

    [Fact]
    public void Create_MandatoryCustomFieldMissing_Throws()
    {
        var (h, root, _, _) = Tree();
        var cls = AdminClass(null, CustomFieldDefinition.Create("VAT number", CustomFieldType.Text, mandatory: true));
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("X", root.Id), h, cls, CreatedAt)).Field.ShouldBe("CustomData.VAT number");
    }

    [Fact]
    public void Create_CustomFieldOfTheWrongType_Throws()
    {
        var (h, root, _, _) = Tree();
        var cls = AdminClass(null, CustomFieldDefinition.Create("Seats", CustomFieldType.Number, mandatory: true));
        var data = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Text("ten") };
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("X", root.Id) with { CustomData = data }, h, cls, CreatedAt))
            .Rule.ShouldContain("Number");
    }

    [Fact]
    public void Create_CustomDataWithoutAClass_Throws()
    {
        var (h, root, _, _) = Tree();
        var data = new Dictionary<string, CustomFieldValue> { ["Seats"] = CustomFieldValue.Number(3) };
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("X", root.Id) with { CustomData = data }, h, null, CreatedAt));
    }

    [Fact]
    public void Create_ValidCustomData_IsKeptUnderTheDefinitionsSpelling()
    {
        var (h, root, _, _) = Tree();
        var cls = AdminClass(
            null,
            CustomFieldDefinition.Create("Seats", CustomFieldType.Number, mandatory: true),
            CustomFieldDefinition.Create("Tier", CustomFieldType.Choice, choices: ["Bronze", "Gold"]));
        var data = new Dictionary<string, CustomFieldValue> { ["seats"] = CustomFieldValue.Number(3), ["TIER"] = CustomFieldValue.Choice("gold") };

        var c = Factory().Create(Request("X", root.Id) with { CustomData = data }, h, cls, CreatedAt).Customer;

        c.CustomData["Seats"].AsNumber.ShouldBe(3m);
        c.CustomData["Tier"].AsText.ShouldBe("Gold");
    }

    [Fact]
    public void CreateRoot_WithCreditLimitOrFundsOrParent_Throws()
    {
        var f = Factory();
        Should.Throw<BillingRuleException>(() => f.CreateRoot(Request("R") with { CreditLimit = new Money(1m, Currency.GBP) }, CustomerHierarchy.Empty(), CreatedAt));
        Should.Throw<BillingRuleException>(() => f.CreateRoot(Request("R") with { OpeningFunds = new Money(1m, Currency.GBP) }, CustomerHierarchy.Empty(), CreatedAt));
        Should.Throw<BillingRuleException>(() => f.CreateRoot(Request("R", CustomerId.From("P")), CustomerHierarchy.Empty(), CreatedAt));
    }

    [Fact]
    public void CreateRoot_DuplicateRootName_Throws()
    {
        var root = Root();
        Should.Throw<BillingRuleException>(() => Factory().CreateRoot(Request("platform owner ltd"), CustomerHierarchy.From([root]), CreatedAt));
    }

    [Fact]
    public void Factory_InvalidOptions_ThrowsOneMessageListingEveryProblem()
    {
        var options = new CustomerCreationOptions { Currency = default(Currency), BillingTimeZone = null!, PaymentTermsDays = 400, Language = "not a tag", MaxHierarchyDepth = 0 };
        var ex = Should.Throw<ArgumentException>(() => new CustomerFactory(options));
        ex.Message.ShouldContain("Currency is default");
        ex.Message.ShouldContain("BillingTimeZone is null");
        ex.Message.ShouldContain("400");
        ex.Message.ShouldContain("not a tag");
        ex.Message.ShouldContain("MaxHierarchyDepth");
    }

    [Fact]
    public void Create_NullArguments_ThrowArgumentNull()
    {
        var (h, root, _, _) = Tree();
        Should.Throw<ArgumentNullException>(() => Factory().Create(null!, h, null, CreatedAt));
        Should.Throw<ArgumentNullException>(() => Factory().Create(Request("X", root.Id), null!, null, CreatedAt));
        Should.Throw<ArgumentNullException>(() => Factory().Create(Request("X", root.Id) with { Name = null! }, h, null, CreatedAt));
        Should.Throw<ArgumentNullException>(() => Factory().Create(Request("X", root.Id) with { Email = null! }, h, null, CreatedAt));
        Should.Throw<ArgumentNullException>(() => Factory().Create(Request("X", root.Id) with { BillingAddress = null! }, h, null, CreatedAt));
    }

    [Fact]
    public void Create_FuzzedRequests_ThrowOnlyDocumentedExceptions()
    {
        var (h, root, reseller, _) = Tree();
        var factory = Factory();
        var cls = AdminClass(null, CustomFieldDefinition.Create("Seats", CustomFieldType.Number));
        var gen =
            from name in Fuzz.Strings
            from email in Fuzz.Strings
            from zone in Fuzz.Strings
            from language in Fuzz.Strings
            from currency in Fuzz.Currencies
            from credit in Fuzz.Decimals
            from funds in Fuzz.Decimals
            from terms in Fuzz.Ints
            from model in FsCheck.Fluent.Gen.Elements(BalanceModel.Prepaid, BalanceModel.Postpaid, (BalanceModel)0, (BalanceModel)9)
            from cycle in FsCheck.Fluent.Gen.Elements(Enum.GetValues<BillingCycle>().Append((BillingCycle)99).ToArray())
            from when in Fuzz.Instants
            from flags in FsCheck.Fluent.Gen.Choose(0, 1023)
            from created in Fuzz.Instants
            from anchor in Fuzz.OptionalDates
            from owed in Fuzz.Decimals
            select (name, email, zone, language, currency, credit, funds, terms, model, cycle, when, flags, created, anchor, owed);
        Fuzz.Check(gen, x =>
        {
            var request = new NewCustomer
            {
                Name = x.name!,
                Email = x.email!,
                BillingAddress = Address(),
                ParentId = (x.flags & 1) == 0 ? root.Id : reseller.Id,
                BillingTimeZone = (x.flags & 2) == 0 || x.zone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(x.zone) ?? DateTimeZone.ForOffset(Offset.FromHoursAndMinutes(5, 45)),
                Language = (x.flags & 4) == 0 ? null : x.language,
                Currency = (x.flags & 8) == 0 ? null : x.currency,
                CreditLimit = (x.flags & 16) == 0 ? null : new Money(x.credit, Currency.GBP),
                OpeningFunds = (x.flags & 32) == 0 ? null : new Money(x.funds, Currency.GBP),
                PaymentTermsDays = x.terms,
                BalanceModel = x.model,
                BillingCycle = x.cycle,
                CreatedAt = (x.flags & 128) == 0 ? null : x.created,
                BillingCycleAnchor = (x.flags & 256) == 0 ? null : x.anchor,
                OpeningAmountOwed = (x.flags & 512) == 0 ? null : new Money(x.owed, Currency.GBP),
            };
            factory.Create(request, h, (x.flags & 64) == 0 ? null : cls, x.when);
        });
    }

    [Fact]
    public void CreateRoot_WithCustomData_Throws()
        => Should.Throw<BillingRuleException>(() => Factory().CreateRoot(
            Request("R") with { CustomData = new Dictionary<string, CustomFieldValue> { ["X"] = CustomFieldValue.Boolean(true) } }, CustomerHierarchy.Empty(), CreatedAt))
            .Field.ShouldBe("Customer.CustomData");

    [Fact]
    public void CreateRoot_NoCurrencyAnywhere_Throws()
    {
        var options = Options();
        options.Currency = null;
        Should.Throw<BillingRuleException>(() => new CustomerFactory(options).CreateRoot(Request("R"), CustomerHierarchy.Empty(), CreatedAt))
            .Field.ShouldBe("Customer.Currency");
    }

    [Theory]
    [InlineData("Customer.CreditLimit")]
    [InlineData("Customer.OpeningFunds")]
    [InlineData("Customer.OpeningAmountOwed")]
    public void Create_AmountInAnotherCurrency_IsRefusedNamingTheField(string field)
    {
        var (h, _, reseller, _) = Tree();
        var euros = new Money(10m, Currency.EUR);
        var request = field switch
        {
            "Customer.CreditLimit" => Request("Euro", reseller.Id) with { CreditLimit = euros },
            "Customer.OpeningFunds" => Request("Euro", reseller.Id) with { BalanceModel = BalanceModel.Prepaid, OpeningFunds = euros },
            _ => Request("Euro", reseller.Id) with { OpeningAmountOwed = euros },
        };

        var ex = Should.Throw<BillingRuleException>(() => Factory().Create(request, h, null, CreatedAt));

        ex.Field.ShouldBe(field);
        ex.Rule.ShouldBe("must be in the customer's currency, GBP");
    }

    [Fact]
    public void Create_DefaultMoneyAmount_IsAnArgumentError()
    {
        var (h, _, reseller, _) = Tree();
        Should.Throw<ArgumentException>(() => Factory().Create(Request("D", reseller.Id) with { CreditLimit = default(Money) }, h, null, CreatedAt));
        Should.Throw<ArgumentException>(() => Factory().Create(Request("D", reseller.Id) with { OpeningFunds = default(Money) }, h, null, CreatedAt));
        Should.Throw<ArgumentException>(() => Factory().Create(Request("D", reseller.Id) with { OpeningAmountOwed = default(Money) }, h, null, CreatedAt));
    }

    [Fact]
    public void Create_ZoneFromAnotherProviderWithATzdbId_UsesTheTzdbZone()
    {
        var (h, _, reseller, _) = Tree();
        var bcl = DateTimeZone.ForOffset(Offset.FromHours(2));
        var customer = Factory().Create(Request("Z", reseller.Id) with { BillingTimeZone = bcl }, h, null, CreatedAt).Customer;
        customer.BillingTimeZone.ShouldBeSameAs(DateTimeZoneProviders.Tzdb[bcl.Id]);
    }

    [Fact]
    public void Create_CreditLimitAtTheBound_IsAccepted()
    {
        var (h, _, reseller, _) = Tree();
        Factory().Create(Request("Big", reseller.Id) with { CreditLimit = new Money(Money.MaxAmount, Currency.GBP) }, h, null, CreatedAt).Customer.CreditLimit.ShouldBe(Gbp(Money.MaxAmount));
    }

    public static TheoryData<string, Instant> InstantsOutsideTheSupportedAnchors() => new()
    {
        { "UTC", Instant.MinValue },
        { "UTC", Instant.MaxValue },
        { "Pacific/Kiritimati", Instant.MaxValue - Duration.Epsilon },
        { "Europe/London", Instant.MinValue + Duration.Epsilon },
        { "UTC", Instant.FromUtc(9999, 1, 1, 0, 0) },
        { "Pacific/Kiritimati", Instant.FromUtc(9998, 12, 31, 12, 0) },
        { "Europe/London", Instant.FromUtc(1, 1, 1, 0, 0) },
        { "America/New_York", Instant.FromUtc(-9998, 1, 1, 12, 0) },
    };

    [Theory]
    [MemberData(nameof(InstantsOutsideTheSupportedAnchors))]
    public void Create_CurrentInstantWhoseDateIsOutsideTheSupportedAnchors_IsRefusedNamingIt(string zone, Instant now)
    {
        var (h, root, reseller, _) = Tree();
        var request = Request("Far", reseller.Id) with { BillingTimeZone = DateTimeZoneProviders.Tzdb[zone] };
        Should.Throw<ArgumentOutOfRangeException>(() => Factory().Create(request, h, null, now)).ParamName.ShouldBe("now");
        Should.Throw<ArgumentOutOfRangeException>(() => Factory().CreateRoot(request with { ParentId = null, Name = "Far Root" }, CustomerHierarchy.From([root]), now))
            .ParamName.ShouldBe("now");
    }

    [Theory]
    [InlineData("UTC", 9998, 12, 31)]
    [InlineData("Pacific/Kiritimati", 9998, 12, 30)]
    [InlineData("UTC", 1, 1, 1)]
    [InlineData("Pacific/Kiritimati", 1, 1, 1)]
    public void Create_CreationDatesAtTheEndsOfTheRange_GiveAnAnchorEveryCalendarAccepts(string zone, int year, int month, int day)
    {
        var (h, _, reseller, _) = Tree();
        var createdAt = new LocalDate(year, month, day).At(new LocalTime(12, 0)).InZoneLeniently(DateTimeZoneProviders.Tzdb[zone]).ToInstant();
        var customer = Factory().Create(Request("Edge", reseller.Id) with { BillingTimeZone = DateTimeZoneProviders.Tzdb[zone] }, h, null, createdAt).Customer;
        customer.BillingCycleAnchor.ShouldBe(new LocalDate(year, month, day));
        foreach (var cycle in Enum.GetValues<BillingCycle>())
        {
            var calendar = new BillingCalendar(cycle, customer.BillingCycleAnchor, customer.BillingTimeZone);
            calendar.OpensAt(calendar.First).ShouldBeLessThan(calendar.ClosesAt(calendar.First));
            calendar.PeriodContaining(createdAt).ShouldBe(calendar.First);
        }
    }

    [Fact]
    public void Create_DefaultRequestValues_AreArgumentErrorsNamingThem()
    {
        var (h, _, reseller, _) = Tree();
        var request = Request("D", reseller.Id);
        Should.Throw<ArgumentException>(() => Factory().Create(request with { Id = default(CustomerId) }, h, null, CreatedAt)).ParamName.ShouldBe("request.Id");
        Should.Throw<ArgumentException>(() => Factory().Create(request with { ParentId = default(CustomerId) }, h, null, CreatedAt)).ParamName.ShouldBe("request.ParentId");
        Should.Throw<ArgumentException>(() => Factory().Create(request with { Currency = default(Currency) }, h, null, CreatedAt)).ParamName.ShouldBe("request.Currency");
        Should.Throw<ArgumentException>(() => Factory().Create(request with { DefaultAccountId = default(Billing.Core.Accounts.AccountId) }, h, null, CreatedAt))
            .ParamName.ShouldBe("request.DefaultAccountId");
    }
}
