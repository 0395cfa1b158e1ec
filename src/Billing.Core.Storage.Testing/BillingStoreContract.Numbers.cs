using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using NodaTime;
using Xunit;

namespace Billing.Core.Storage.Testing;

// Numbers: the round trip, one customer at a time per active number, and listing by phone number.
public abstract partial class BillingStoreContract
{
    /// <summary>A number with account, features and both dates comes back field by field.</summary>
    [Fact]
    public async Task Number_RoundTripWithEveryField_ReadsBackIdenticalAndVersions()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var owner = await store.Customers.AddAsync(CustomerRecord("CUST-01", "Owner", root.Id));
        var account = await store.Accounts.AddAsync(Account.Create(AccountId.From("ACC-0001"), owner, "Lines"));
        var number = Number.Restore(new NumberSnapshot
        {
            Id = NumberId.From("NUM-0001"),
            OwnerId = owner.Id,
            AccountId = account.Id,
            Value = PhoneNumber.Parse("+1 201 555 0123"),
            Type = NumberType.Geographic,
            Tariff = "UK-GEO-STANDARD",
            Currency = Currency.GBP,
            DateSold = RepoDay,
            DateCeased = new LocalDate(2026, 12, 31),
            Features =
            [
                Feature.Recurring(FeatureId.From("FEAT-01"), "Line rental", Money.Of(12.50m, "GBP"), RepoDay, new LocalDate(2026, 6, 30), quantity: 2, proration: Proration.None).ToSnapshot(),
                Feature.OneOff(FeatureId.From("FEAT-02"), "Connection", Money.Of(30m, "GBP"), RepoDay).ToSnapshot(),
            ],
            Version = 0,
        });
        Assert.Equal("+12015550123", number.Value.Value);

        var added = await store.Numbers.AddAsync(number);
        Assert.Equal(1, added.Version);
        AssertSameNumber(number, added);

        var found = await store.Numbers.FindAsync(number.Id);
        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        AssertSameNumber(number, found);

        var changed = found
            .WithTariff("UK-GEO-BUSINESS")
            .WithType(NumberType.Mobile)
            .AssignToAccount(null)
            .Cease(new LocalDate(2026, 5, 31))
            .AttachFeature(Feature.Recurring(FeatureId.From("FEAT-03"), "Call recording", Money.Of(3m, "GBP"), RepoDay.PlusDays(1), new LocalDate(2026, 5, 1)));
        Assert.Equal(2, (await store.Numbers.UpdateAsync(changed)).Version);

        var reread = await store.Numbers.FindAsync(number.Id);
        Assert.NotNull(reread);
        Assert.Equal(2, reread.Version);
        AssertSameNumber(changed, reread);
    }

    /// <summary>An active number belongs to one customer at a time: overlapping dates are refused, adjacent ones allowed.</summary>
    [Fact]
    public async Task Number_ActiveForTwoCustomersAtOverlappingDates_IsRefused()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Customer B", root.Id));
        var held = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0001"), a, "+441632960123", "T1", new LocalDate(2026, 1, 1), dateCeased: new LocalDate(2026, 1, 31), numbering: DramaAllowed));

        // Same number in another format, overlapping by one day.
        var e = await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0002"), b, "01632 960123", "T1", new LocalDate(2026, 1, 31), numbering: DramaAllowed)));
        Assert.Equal("Number", e.Field);
        Assert.Null(await store.Numbers.FindAsync(NumberId.From("NUM-0002")));

        // Entirely containing the held period.
        await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0003"), b, "00441632960123", "T1", new LocalDate(2025, 12, 1), numbering: DramaAllowed)));

        // Adjacent (the day after the last day) is fine; a different number is fine.
        var next = await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0004"), b, "+44 1632 960123", "T1", new LocalDate(2026, 2, 1), numbering: DramaAllowed));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0005"), b, "+441632960124", "T1", new LocalDate(2026, 1, 1), numbering: DramaAllowed));

        // Extending the first holder's period into the second's is refused and changes nothing.
        await Assert.ThrowsAsync<BillingRuleException>(async () => await store.Numbers.UpdateAsync(held.Cease(new LocalDate(2026, 2, 1))));
        var unchanged = await store.Numbers.FindAsync(held.Id);
        Assert.Equal((new LocalDate(2026, 1, 31), 1L), (unchanged?.DateCeased, unchanged?.Version ?? -1));

        // A record does not clash with itself.
        Assert.Equal(2, (await store.Numbers.UpdateAsync(next.WithTariff("T2"))).Version);
    }

    /// <summary>ListByPhoneNumberAsync returns every record of one E.164 number (past and current owners), ordered by id, and no other number.</summary>
    [Fact]
    public async Task Number_ListByPhoneNumber_ReturnsEveryRecordOfThatNumberInIdOrder()
    {
        await using var store = NewStore();
        var root = await AddRootRecordAsync(store, "ROOT-01");
        var a = await store.Customers.AddAsync(CustomerRecord("CUST-0A", "Customer A", root.Id));
        var b = await store.Customers.AddAsync(CustomerRecord("CUST-0B", "Customer B", root.Id));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0003"), b, "01632 960123", "T1", new LocalDate(2026, 3, 1), numbering: DramaAllowed));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0001"), a, "+441632960123", "T1", new LocalDate(2025, 1, 1), dateCeased: new LocalDate(2025, 12, 31), numbering: DramaAllowed));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0002"), a, "+441632960124", "T1", new LocalDate(2025, 1, 1), numbering: DramaAllowed));
        await store.Numbers.AddAsync(Number.Create(NumberId.From("NUM-0000"), b, "0044 1632 960123", "T1", new LocalDate(2026, 1, 1), dateCeased: new LocalDate(2026, 2, 28), numbering: DramaAllowed));

        Assert.Equal(["NUM-0000", "NUM-0001", "NUM-0003"], Ids(await store.Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse("+44 1632 960123"))));
        Assert.Equal(["NUM-0002"], Ids(await store.Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse("01632960124"))));
        Assert.Empty(await store.Numbers.ListByPhoneNumberAsync(PhoneNumber.Parse("+441632960125")));
    }
}
