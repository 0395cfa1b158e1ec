using System.Text.Json;
using Billing.Core.CustomerClasses;
using Billing.Core.Customers;
using Billing.Core.Periods;
using NodaTime;
using static Billing.Core.Tests.Customers.DomainFixtures;

namespace Billing.Core.Tests.Customers;

/// <summary>The billing schedule held by the customer: month-end policy at creation, changes taking effect at the end of the
/// current period, and their storage.</summary>
public class CustomerScheduleTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>A monthly-anniversary customer anchored on 31 January 2026 (imported, created that day).</summary>
    private static Customer OnThe31st(MonthEndPolicy? policy)
    {
        var (h, _, reseller, _) = Tree();
        return Factory().Create(
                Request("Anniversary", reseller.Id) with
                {
                    BillingCycle = BillingCycle.MonthlyAnniversary,
                    MonthEndPolicy = policy,
                    CreatedAt = Instant.FromUtc(2026, 1, 31, 12, 0),
                },
                h,
                null,
                Instant.FromUtc(2026, 6, 1, 0, 0))
            .Customer;
    }

    [Fact]
    public void Create_WithoutAPolicy_TakesTheHostDefault_ClampTo28()
    {
        var customer = OnThe31st(null);

        customer.MonthEndPolicy.ShouldBe(MonthEndPolicy.ClampTo28);
        customer.Schedule.PeriodContaining(new LocalDate(2026, 3, 30)).ShouldBe(new BillingPeriod(new LocalDate(2026, 3, 28), new LocalDate(2026, 4, 28)));
    }

    [Fact]
    public void Create_LastDayOfMonth_KeepsThe31stInLongMonthsAndClampsInShortOnes()
    {
        var customer = OnThe31st(MonthEndPolicy.LastDayOfMonth);

        customer.MonthEndPolicy.ShouldBe(MonthEndPolicy.LastDayOfMonth);
        customer.Schedule.PeriodContaining(new LocalDate(2026, 2, 10)).ShouldBe(new BillingPeriod(new LocalDate(2026, 1, 31), new LocalDate(2026, 2, 28)));
        customer.Schedule.PeriodContaining(new LocalDate(2026, 3, 30)).ShouldBe(new BillingPeriod(new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 31)));
        customer.Schedule.PeriodContaining(new LocalDate(2026, 4, 10)).ShouldBe(new BillingPeriod(new LocalDate(2026, 3, 31), new LocalDate(2026, 4, 30)));
    }

    [Fact]
    public void Create_HostDefaultPolicy_AppliesWhenTheRequestGivesNone()
    {
        var (h, _, reseller, _) = Tree();
        var options = Options();
        options.MonthEndPolicy = MonthEndPolicy.LastDayOfMonth;

        var customer = new CustomerFactory(options).Create(Request("Default", reseller.Id), h, null, CreatedAt).Customer;

        customer.MonthEndPolicy.ShouldBe(MonthEndPolicy.LastDayOfMonth);
        customer.Schedule.Initial.MonthEndPolicy.ShouldBe(MonthEndPolicy.LastDayOfMonth);
    }

    [Fact]
    public void Create_UndefinedPolicy_IsARuleErrorNamingTheField()
    {
        var (h, _, reseller, _) = Tree();
        Should.Throw<BillingRuleException>(() => Factory().Create(Request("Bad", reseller.Id) with { MonthEndPolicy = (MonthEndPolicy)0 }, h, null, CreatedAt))
            .Field.ShouldBe("Customer.MonthEndPolicy");
    }

    [Fact]
    public void NewCustomer_HasNoChanges_AndItsScheduleIsItsCalendar()
    {
        var customer = EndCustomer();

        customer.Schedule.Changes.ShouldBeEmpty();
        customer.Schedule.Initial.Cycle.ShouldBe(customer.BillingCycle);
        customer.Schedule.Anchor.ShouldBe(customer.BillingCycleAnchor);
        customer.Schedule.Zone.ShouldBeSameAs(customer.BillingTimeZone);
    }

    [Fact]
    public void ScheduleBillingChange_TakesEffectWhenTheCurrentPeriodCloses_NoGapNoOverlap()
    {
        // Monthly (calendar months), created 7 January 2026 in London; weekly requested on 10 March.
        var customer = EndCustomer();

        var changed = customer.ScheduleBillingChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly);

        changed.BillingCycle.ShouldBe(BillingCycle.Monthly, "the cycle the customer was created with");
        var change = changed.Schedule.Changes.ShouldHaveSingleItem();
        change.EffectiveFrom.ShouldBe(new LocalDate(2026, 4, 1));
        changed.Schedule.PeriodContaining(new LocalDate(2026, 3, 31)).ShouldBe(new BillingPeriod(new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1)));
        // Weekly periods are calendar weeks from Monday: the first, from Wednesday 1 April, is short.
        changed.Schedule.PeriodContaining(new LocalDate(2026, 4, 1)).ShouldBe(new BillingPeriod(new LocalDate(2026, 4, 1), new LocalDate(2026, 4, 6)));
        changed.Schedule.PeriodContaining(new LocalDate(2026, 4, 6)).ShouldBe(new BillingPeriod(new LocalDate(2026, 4, 6), new LocalDate(2026, 4, 13)));
        changed.Schedule.CycleOn(new LocalDate(2026, 4, 20)).ShouldBe(BillingCycle.Weekly);
        changed.Version.ShouldBe(customer.Version);
        customer.Schedule.Changes.ShouldBeEmpty("the original is unchanged");
    }

    [Fact]
    public void ScheduleBillingChange_OfTheZoneAtADstBoundary_ClosesTheOldPeriodInTheOldZone()
    {
        // Monthly in London; moved to New York on 10 March 2026. March closes at London midnight on 1 April (BST, 23:00 UTC);
        // April opens then, and closes at New York midnight on 1 May (EDT, 04:00 UTC).
        var customer = EndCustomer();

        var changed = customer.ScheduleBillingChange(new LocalDate(2026, 3, 10), zone: DateTimeZoneProviders.Tzdb["America/New_York"]);

        var march = changed.Schedule.PeriodContaining(new LocalDate(2026, 3, 15));
        var april = changed.Schedule.Next(march);
        changed.Schedule.ClosesAt(march).ShouldBe(Instant.FromUtc(2026, 3, 31, 23, 0));
        changed.Schedule.OpensAt(april).ShouldBe(changed.Schedule.ClosesAt(march));
        changed.Schedule.ClosesAt(april).ShouldBe(Instant.FromUtc(2026, 5, 1, 4, 0));
        changed.BillingTimeZone.ShouldBeSameAs(London);
    }

    [Fact]
    public void ScheduleBillingChange_OnAClosedCustomer_IsRefused()
    {
        var ex = Should.Throw<BillingRuleException>(() => EndCustomer().Close().ScheduleBillingChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly));
        ex.Field.ShouldBe("Customer.Status");
    }

    [Fact]
    public void ScheduleBillingChange_WithNothingToChange_IsAnArgumentError()
        => Should.Throw<ArgumentException>(() => EndCustomer().ScheduleBillingChange(new LocalDate(2026, 3, 10)));

    [Fact]
    public void ScheduleBillingChange_ToAZoneTheTzdbDoesNotKnow_IsRefusedNamingTheField()
    {
        var ex = Should.Throw<BillingRuleException>(() => EndCustomer().ScheduleBillingChange(new LocalDate(2026, 3, 10), zone: new MarsZone()));
        (ex.Field, ex.Value).ShouldBe(("Customer.BillingTimeZone", "Mars/Base"));
    }

    [Fact]
    public void ScheduleBillingChange_BeforeThePreviousTookEffect_IsRefused()
    {
        var changed = EndCustomer().ScheduleBillingChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly);

        var ex = Should.Throw<BillingRuleException>(() => changed.ScheduleBillingChange(new LocalDate(2026, 3, 31), BillingCycle.Daily));
        ex.Field.ShouldBe(nameof(BillingScheduleChange.RequestedOn));
        changed.ScheduleBillingChange(new LocalDate(2026, 4, 1), BillingCycle.Daily).Schedule.Changes.Length.ShouldBe(2);
    }

    [Fact]
    public void Snapshot_CarriesThePolicyAndEveryChange_AndRestoresTheSameSchedule()
    {
        var customer = OnThe31st(MonthEndPolicy.LastDayOfMonth)
            .ScheduleBillingChange(new LocalDate(2026, 2, 3), BillingCycle.Quarterly, zone: DateTimeZoneProviders.Tzdb["Asia/Tokyo"])
            .ScheduleBillingChange(new LocalDate(2026, 6, 1), monthEndPolicy: MonthEndPolicy.ClampTo28);

        var snapshot = customer.ToSnapshot();
        snapshot.MonthEndPolicy.ShouldBe(MonthEndPolicy.LastDayOfMonth);
        snapshot.BillingChanges.Count.ShouldBe(2);
        snapshot.BillingChanges[0].EffectiveFrom.ShouldBe(new LocalDate(2026, 2, 28));
        snapshot.BillingChanges[0].BillingCycle.ShouldBe(BillingCycle.Quarterly);
        snapshot.BillingChanges[0].BillingTimeZone.Id.ShouldBe("Asia/Tokyo");
        snapshot.BillingChanges[1].BillingCycleAnchor.ShouldBe(new LocalDate(2026, 2, 28), "a change of policy alone keeps the anchor in force");

        var json = JsonSerializer.Serialize(snapshot);
        var restored = Customer.Restore(JsonSerializer.Deserialize<CustomerSnapshot>(json)!);

        restored.ToSnapshot().ShouldBe(snapshot);
        foreach (var day in new[] { new LocalDate(2026, 1, 31), new LocalDate(2026, 3, 1), new LocalDate(2026, 8, 31), new LocalDate(2027, 12, 31) })
        {
            restored.Schedule.PeriodContaining(day).ShouldBe(customer.Schedule.PeriodContaining(day));
        }
    }

    [Fact]
    public void Restore_SnapshotWithoutPolicyOrChanges_AsStoredBeforeTheyExisted_IsClampTo28WithNoChanges()
    {
        var json = JsonSerializer.Serialize(EndCustomer().ToSnapshot());
        var old = json.Replace("\"MonthEndPolicy\":\"ClampTo28\",", string.Empty, StringComparison.Ordinal).Replace("\"BillingChanges\":[],", string.Empty, StringComparison.Ordinal);
        old.ShouldNotContain("MonthEndPolicy");
        old.ShouldNotContain("BillingChanges");

        var restored = Customer.Restore(JsonSerializer.Deserialize<CustomerSnapshot>(old)!);

        restored.MonthEndPolicy.ShouldBe(MonthEndPolicy.ClampTo28);
        restored.Schedule.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Restore_ChangeWhoseStoredEffectiveDateTheReplayDoesNotGive_IsRefusedNamingIt()
    {
        var snapshot = EndCustomer().ScheduleBillingChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly).ToSnapshot();
        var tampered = snapshot with { BillingChanges = [snapshot.BillingChanges[0] with { EffectiveFrom = new LocalDate(2026, 3, 11) }] };

        var ex = Should.Throw<BillingRuleException>(() => Customer.Restore(tampered));

        ex.Field.ShouldBe("Customer.BillingChanges[0].EffectiveFrom");
        ex.Rule.ShouldContain("takes effect on 2026-04-01");
    }

    [Fact]
    public void Restore_ChangeThatDoesNotApply_IsRefusedNamingIt()
    {
        var snapshot = EndCustomer().ScheduleBillingChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly).ToSnapshot();
        var twice = snapshot with { BillingChanges = [snapshot.BillingChanges[0], snapshot.BillingChanges[0]] };

        Should.Throw<BillingRuleException>(() => Customer.Restore(twice)).Field.ShouldBe("Customer.BillingChanges[1]");
    }

    [Fact]
    public void Restore_ChangeWithAnUndefinedPolicy_IsRefusedNamingIt()
    {
        var snapshot = EndCustomer().ScheduleBillingChange(new LocalDate(2026, 3, 10), BillingCycle.Weekly).ToSnapshot();
        var bad = snapshot with { BillingChanges = [snapshot.BillingChanges[0] with { MonthEndPolicy = (MonthEndPolicy)5 }] };

        Should.Throw<BillingRuleException>(() => Customer.Restore(bad)).Field.ShouldBe("Customer.BillingChanges[0].MonthEndPolicy");
    }

    [Fact]
    public void ClosedForBillingAt_WithTheClassesDelay_IsTheCloseOfThePeriodPlusTheDelay()
    {
        var (h, root, _, _) = Tree();
        var cls = AdminClass(null).WithClosingDelay(Duration.FromHours(6));
        var customer = Factory().Create(Request("Late Usage Ltd", root.Id), h, cls, CreatedAt).Customer;
        var january = customer.Schedule.PeriodContaining(new LocalDate(2026, 1, 20));

        // January closes at midnight on 1 February in London (GMT): 00:00 UTC; six hours later it is closed for billing.
        customer.ClosedForBillingAt(january, cls).ShouldBe(Instant.FromUtc(2026, 2, 1, 6, 0));
    }

    [Fact]
    public void ClosedForBillingAt_WithoutAClass_IsTheCloseOfThePeriod()
    {
        var customer = EndCustomer();
        var period = customer.Schedule.PeriodContaining(new LocalDate(2026, 6, 20));

        customer.ClosedForBillingAt(period, null).ShouldBe(customer.Schedule.ClosesAt(period));
        customer.ClosedForBillingAt(period, null).ShouldBe(Instant.FromUtc(2026, 6, 30, 23, 0), "June closes at London midnight in summer time");
    }

    [Fact]
    public void ClosedForBillingAt_WithAClassThatIsNotTheCustomers_IsRefused()
    {
        var (h, root, _, _) = Tree();
        var cls = AdminClass(null).WithClosingDelay(Duration.FromHours(6));
        var customer = Factory().Create(Request("Classy Ltd", root.Id), h, cls, CreatedAt).Customer;
        var period = customer.Schedule.First;
        var other = CustomerClass.Create(CustomerClassId.From("OTHER"), "Other", ClassManager.Administrator);

        Should.Throw<BillingRuleException>(() => customer.ClosedForBillingAt(period, null)).Field.ShouldBe("Customer.Class");
        Should.Throw<BillingRuleException>(() => customer.ClosedForBillingAt(period, other)).Field.ShouldBe("Customer.Class");
        Should.Throw<BillingRuleException>(() => EndCustomer().ClosedForBillingAt(period, cls)).Field.ShouldBe("Customer.Class");
    }

    [Fact]
    public void ClosedForBillingAt_AfterAZoneChange_UsesTheZoneOfThePeriod()
    {
        var (h, root, _, _) = Tree();
        var cls = AdminClass(null).WithClosingDelay(Duration.FromHours(2));
        var customer = Factory().Create(Request("Moving Ltd", root.Id), h, cls, CreatedAt).Customer
            .ScheduleBillingChange(new LocalDate(2026, 3, 10), zone: DateTimeZoneProviders.Tzdb["Asia/Tokyo"]);
        var april = customer.Schedule.PeriodContaining(new LocalDate(2026, 4, 10));

        // April is billed in Tokyo: it closes at midnight on 1 May there (15:00 UTC on 30 April), two hours later it is closed.
        customer.ClosedForBillingAt(april, cls).ShouldBe(Instant.FromUtc(2026, 4, 30, 17, 0));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(31 * 24 * 3600 + 1)]
    public void ClassClosingDelay_OutsideZeroTo31Days_IsRefusedNamingTheField(long seconds)
    {
        var ex = Should.Throw<BillingRuleException>(() => AdminClass(null).WithClosingDelay(Duration.FromSeconds(seconds)));
        ex.Field.ShouldBe("CustomerClass.ClosingDelay");
        ex.Rule.ShouldBe("must be between zero and 31 days");
    }

    [Fact]
    public void ClassClosingDelay_IsZeroByDefault_AcceptsTheBounds_AndSurvivesTheSnapshotAndJson()
    {
        var cls = AdminClass(null);
        cls.ClosingDelay.ShouldBe(Duration.Zero);
        cls.WithClosingDelay(Duration.Zero).ClosingDelay.ShouldBe(Duration.Zero);
        var longest = cls.WithClosingDelay(CustomerClass.MaxClosingDelay);
        longest.ClosingDelay.ShouldBe(Duration.FromDays(31));

        var delayed = cls.WithClosingDelay(Duration.FromHours(6) + Duration.FromNanoseconds(7));
        var json = JsonSerializer.Serialize(delayed.ToSnapshot());
        json.ShouldContain("\"ClosingDelay\":\"0:06:00:00.000000007\"");
        CustomerClass.Restore(JsonSerializer.Deserialize<CustomerClassSnapshot>(json)!).ClosingDelay.ShouldBe(delayed.ClosingDelay);

        var old = JsonSerializer.Serialize(cls.ToSnapshot()).Replace("\"ClosingDelay\":\"0:00:00:00\",", string.Empty, StringComparison.Ordinal);
        old.ShouldNotContain("ClosingDelay");
        CustomerClass.Restore(JsonSerializer.Deserialize<CustomerClassSnapshot>(old)!).ClosingDelay.ShouldBe(Duration.Zero);
    }

    private sealed class MarsZone() : DateTimeZone("Mars/Base", true, Offset.Zero, Offset.Zero)
    {
        public override NodaTime.TimeZones.ZoneInterval GetZoneInterval(Instant instant) => DateTimeZone.Utc.GetZoneInterval(instant);
    }
}
