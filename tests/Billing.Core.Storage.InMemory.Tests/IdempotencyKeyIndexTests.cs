using Billing.Core.Storage.InMemory;

namespace Billing.Core.Storage.InMemory.Tests;

public class IdempotencyKeyIndexTests
{
    private static int[] Entries(IdempotencyKeyIndex index, int hash)
    {
        var found = new List<int>();
        foreach (var entry in index.Find(hash))
        {
            found.Add(entry);
        }

        return [.. found];
    }

    [Fact]
    public void Find_ReturnsEveryEntryFiledUnderTheHashOldestFirst_AndNothingElse()
    {
        var index = new IdempotencyKeyIndex(maxSlots: 1 << 10);
        index.EnsureRoomForOne();
        index.Add(5, 1);
        index.EnsureRoomForOne();
        index.Add(21, 2);   // same home slot as 5 in a 16-slot table
        index.EnsureRoomForOne();
        index.Add(5, -3);

        Entries(index, 5).ShouldBe([1, -3]);
        Entries(index, 21).ShouldBe([2]);
        Entries(index, 6).ShouldBeEmpty();
        index.Count.ShouldBe(3);
    }

    [Fact]
    public void EnsureRoomForOne_KeepsTheTableAtMostHalfFull_AndGrowingKeepsEveryEntry()
    {
        var index = new IdempotencyKeyIndex(maxSlots: 1 << 12);
        for (var entry = 1; entry <= 1000; entry++)
        {
            index.EnsureRoomForOne();
            index.Add(entry * 7919, entry);
            (index.Count * 2).ShouldBeLessThanOrEqualTo(index.Capacity);
        }

        index.Capacity.ShouldBe(2048);
        for (var entry = 1; entry <= 1000; entry++)
        {
            Entries(index, entry * 7919).ShouldContain(entry);
        }
    }

    [Fact]
    public void EnsureRoomForOne_AtTheLargestTableHalfFull_RefusesBeforeAnyWrite()
    {
        var index = new IdempotencyKeyIndex(maxSlots: 16);
        for (var entry = 1; entry <= 8; entry++)
        {
            index.EnsureRoomForOne();
            index.Add(entry, entry);
        }

        Should.Throw<InvalidOperationException>(index.EnsureRoomForOne).Message.ShouldContain("full");
        index.Count.ShouldBe(8);
        Entries(index, 8).ShouldBe([8]);
    }

    [Fact]
    public void Constructor_AndAdd_RefuseWhatTheTableCannotHold()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new IdempotencyKeyIndex(maxSlots: 8));
        Should.Throw<ArgumentOutOfRangeException>(() => new IdempotencyKeyIndex(maxSlots: 24));
        Should.Throw<ArgumentOutOfRangeException>(() => new IdempotencyKeyIndex(maxSlots: 16).Add(1, 0));
    }

    [Fact]
    public void Hash_IsOrdinal()
    {
        IdempotencyKeyIndex.Hash("Key").ShouldBe(string.GetHashCode("Key", StringComparison.Ordinal));
        IdempotencyKeyIndex.Hash("Key").ShouldNotBe(IdempotencyKeyIndex.Hash("key"));
    }
}
