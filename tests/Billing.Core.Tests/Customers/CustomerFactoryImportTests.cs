using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Billing.Core.Periods;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Customers;

/// <summary>
/// <see cref="CustomerFactory"/> importing a customer that already exists on another platform: its creation instant
/// (<see cref="NewCustomer.CreatedAt"/>), its anchor (<see cref="NewCustomer.BillingCycleAnchor"/>) and its opening balance,
/// with the factory's <c>now</c> (the clock) only bounding them.
/// </summary>
public class CustomerFactoryImportTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 15, 10, 0);

    private static CustomerCreation Import(NewCustomer changes, Instant? now = null)
    {
        var (h, _, reseller, _) = Tree();
        return Factory().Create(changes with { ParentId = reseller.Id }, h, null, now ?? Now);
    }

    private static NewCustomer Imported => Request("Imported Ltd", id: "IMP-1");

    private static Instant London(int year, int month, int day, int hour = 9)
        => new LocalDateTime(year, month, day, hour, 0).InZoneLeniently(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant();

    [Fact]
    public void Create_WithCreatedAt_AnchorsOnItsDateInTheBillingZone()
    {
        var createdAt = Instant.FromUtc(2024, 1, 30, 23, 30);

        Import(Imported with { CreatedAt = createdAt, BillingTimeZone = DateTimeZoneProviders.Tzdb["Asia/Tokyo"] }).Customer.BillingCycleAnchor.ShouldBe(new LocalDate(2024, 1, 31));
        Import(Imported with { CreatedAt = createdAt, BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"] }).Customer.BillingCycleAnchor.ShouldBe(new LocalDate(2024, 1, 30));
    }

    [Fact]
    public void Create_WithoutImportFields_AnchorsOnTodayInTheBillingZone()
        => Import(Imported with { BillingTimeZone = DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"] }).Customer.BillingCycleAnchor.ShouldBe(Now.InZone(DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"]).Date);

    [Fact]
    public void Create_AnchorOnOrAfterTheCreationDate_IsKept()
    {
        var anchor = new LocalDate(2024, 1, 31);

        Import(Imported with { CreatedAt = London(2024, 1, 12), BillingCycleAnchor = anchor }).Customer.BillingCycleAnchor.ShouldBe(anchor);
        Import(Imported with { CreatedAt = London(2024, 1, 31), BillingCycleAnchor = anchor }).Customer.BillingCycleAnchor.ShouldBe(anchor);
        Import(Imported with { BillingCycleAnchor = anchor }).Customer.BillingCycleAnchor.ShouldBe(anchor);
    }

    [Fact]
    public void Create_Anchor31JanuaryMonthlyAnniversary_CurrentPeriodRunsFromThe28thToThe27th()
    {
        var customer = Import(Imported with { CreatedAt = London(2024, 1, 31), BillingCycle = BillingCycle.MonthlyAnniversary }).Customer;
        var calendar = new BillingCalendar(customer.BillingCycle, customer.BillingCycleAnchor, customer.BillingTimeZone);

        customer.BillingCycleAnchor.ShouldBe(new LocalDate(2024, 1, 31));
        calendar.First.ShouldBe(new BillingPeriod(new LocalDate(2024, 1, 31), new LocalDate(2024, 2, 28)));
        calendar.PeriodContaining(Now).ShouldBe(new BillingPeriod(new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 28)));
    }

    [Fact]
    public void Create_CreatedAtAfterNow_ThrowsNamingIt()
        => Should.Throw<BillingRuleException>(() => Import(Imported with { CreatedAt = Now + Duration.FromTicks(1) })).Field.ShouldBe("Customer.CreatedAt");

    [Fact]
    public void Create_CreatedAtExactlyNow_IsAllowed()
        => Import(Imported with { CreatedAt = Now }).Customer.BillingCycleAnchor.ShouldBe(new LocalDate(2026, 3, 15));

    [Fact]
    public void Create_AnchorAfterTodayInTheBillingZone_Throws()
    {
        // 23:30 UTC on 31 March is already 1 April in London (BST) but still 31 March in UTC.
        var now = Instant.FromUtc(2026, 3, 31, 23, 30);
        var april1 = new LocalDate(2026, 4, 1);

        Import(Imported with { BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"], BillingCycleAnchor = april1 }, now).Customer.BillingCycleAnchor.ShouldBe(april1);
        Should.Throw<BillingRuleException>(() => Import(Imported with { BillingTimeZone = DateTimeZone.Utc, BillingCycleAnchor = april1 }, now))
            .Field.ShouldBe("Customer.BillingCycleAnchor");
    }

    [Fact]
    public void Create_AnchorBeforeTheCreationDate_ThrowsNamingTheAnchor()
    {
        var error = Should.Throw<BillingRuleException>(() => Import(Imported with { CreatedAt = London(2024, 2, 1), BillingCycleAnchor = new LocalDate(2024, 1, 31) }));
        error.Field.ShouldBe("Customer.BillingCycleAnchor");
        error.Rule.ShouldContain("2024-02-01");
    }

    [Fact]
    public void Create_BeforeTheSupportedRange_Throws()
    {
        Should.Throw<BillingRuleException>(() => Import(Imported with { CreatedAt = Instant.FromUtc(1899, 12, 31, 23, 59) })).Field.ShouldBe("Customer.CreatedAt");
        Should.Throw<BillingRuleException>(() => Import(Imported with { CreatedAt = Instant.MinValue })).Field.ShouldBe("Customer.CreatedAt");
        Should.Throw<BillingRuleException>(() => Import(Imported with { BillingCycleAnchor = new LocalDate(1899, 12, 31) })).Field.ShouldBe("Customer.BillingCycleAnchor");
        Import(Imported with { CreatedAt = Instant.FromUtc(1900, 1, 1, 0, 0), BillingTimeZone = DateTimeZone.Utc }).Customer.BillingCycleAnchor.ShouldBe(new LocalDate(1900, 1, 1));
    }

    [Fact]
    public void CreateRoot_WithCreatedAt_AnchorsOnItsDate()
        => Factory().CreateRoot(Request("Old Root") with { CreatedAt = London(2019, 6, 1) }, CustomerHierarchy.Empty(), Now).BillingCycleAnchor.ShouldBe(new LocalDate(2019, 6, 1));

    [Fact]
    public void Create_PostpaidWithOpeningAmountOwed_ReturnsItBesideTheCreditLimit()
    {
        var created = Import(Imported with { OpeningAmountOwed = new Money(1250.75m, Currency.GBP), CreditLimit = new Money(1000m, Currency.GBP) });

        created.OpeningAmountOwed.ShouldBe(Gbp(1250.75m));
        created.Customer.CreditLimit.ShouldBe(Gbp(1000m));
        created.OpeningFunds.ShouldBe(Gbp(0m));
        created.HasOpeningTopUp.ShouldBeFalse();
    }

    [Fact]
    public void Create_OpeningAmountOwedOnPrepaidOrNegative_Throws()
    {
        Should.Throw<BillingRuleException>(() => Import(Imported with { BalanceModel = BalanceModel.Prepaid, OpeningAmountOwed = new Money(1m, Currency.GBP) })).Field.ShouldBe("Customer.OpeningAmountOwed");
        Should.Throw<BillingRuleException>(() => Import(Imported with { OpeningAmountOwed = new Money(-0.01m, Currency.GBP) })).Field.ShouldBe("Customer.OpeningAmountOwed");
        Should.Throw<BillingRuleException>(() => Factory().CreateRoot(Request("R") with { OpeningAmountOwed = new Money(1m, Currency.GBP) }, CustomerHierarchy.Empty(), Now))
            .Field.ShouldBe("Customer.OpeningAmountOwed");
    }

    [Fact]
    public void Create_PrepaidWithOpeningFunds_OwesNothing()
        => Import(Imported with { BalanceModel = BalanceModel.Prepaid, OpeningFunds = new Money(50m, Currency.GBP) }).OpeningAmountOwed.ShouldBe(Gbp(0m));
}
