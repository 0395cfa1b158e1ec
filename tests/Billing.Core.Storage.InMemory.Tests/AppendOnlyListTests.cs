namespace Billing.Core.Storage.InMemory.Tests;

public class AppendOnlyListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(AppendOnlyList<int>.ChunkSize - 1)]
    [InlineData(AppendOnlyList<int>.ChunkSize)]
    [InlineData(AppendOnlyList<int>.ChunkSize + 1)]
    [InlineData((AppendOnlyList<int>.ChunkSize * 5) + 3)]
    public void Add_KeepsEveryItemInOrder(int count)
    {
        var list = new AppendOnlyList<int>();
        for (var i = 0; i < count; i++)
        {
            list.Add(i * 7);
        }

        list.Count.ShouldBe(count);
        for (var i = 0; i < count; i++)
        {
            list[i].ShouldBe(i * 7);
            list.ItemRef(i).ShouldBe(i * 7);
        }

        Should.Throw<ArgumentOutOfRangeException>(() => list[count]);
        Should.Throw<ArgumentOutOfRangeException>(() => list[-1]);
        Should.Throw<ArgumentOutOfRangeException>(() => list.ItemRef(count));
    }

    [Fact]
    public void Add_WhenFull_IsRefusedAndKeepsEveryItem()
    {
        var list = new AppendOnlyList<int>(maxCount: 3);
        list.Add(1);
        list.Add(2);
        list.Add(3);

        Should.Throw<InvalidOperationException>(() => list.Add(4)).Message.ShouldContain("full");
        list.Count.ShouldBe(3);
        list[2].ShouldBe(3);
    }
}
