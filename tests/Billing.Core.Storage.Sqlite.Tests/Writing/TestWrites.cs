using Billing.Core.Storage.Sqlite.Writing;

namespace Billing.Core.Storage.Sqlite.Tests.Writing;

/// <summary>Holds the writer inside its batch until released, so that writes queued meanwhile share the next batch.</summary>
internal sealed class HoldWrite() : SqliteWrite<int>("Hold", CancellationToken.None)
{
    private readonly ManualResetEventSlim _release = new();
    private readonly ManualResetEventSlim _holding = new();

    public static async Task<HoldWrite> HoldAsync(SqliteWriter writer)
    {
        var hold = new HoldWrite();
        _ = writer.WriteAsync(hold);
        (await Task.Run(() => hold._holding.Wait(TimeSpan.FromSeconds(10)))).ShouldBeTrue("the writer never took the hold");
        return hold;
    }

    public override void Apply(WriteBatch context)
    {
        _holding.Set();
        _release.Wait(TimeSpan.FromSeconds(30));
        Stage(0);
    }

    public void Release() => _release.Set();
}

/// <summary>A write that fails for the storage's sake (an SQLite error), failing its whole batch.</summary>
internal sealed class BrokenWrite() : SqliteWrite<int>("Broken", CancellationToken.None)
{
    public override void Apply(WriteBatch context) => context.Connection.Execute("INSERT INTO no_such_table VALUES (1)");
}
