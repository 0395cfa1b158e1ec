namespace Billing.Core.Storage.Sqlite.Tests.Faults;

/// <summary>Placeholder.</summary>
public static class FaultChild
{
    public const string Command = "fault-child";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}
