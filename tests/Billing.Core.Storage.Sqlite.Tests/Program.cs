namespace Billing.Core.Storage.Sqlite.Tests;

/// <summary>
/// The entry point of the test assembly when it is started as a process of its own (the test runner loads it as a library and
/// never calls this): the fault tests start it as a child that charges in a loop until it is killed.
/// </summary>
public static class Program
{
    /// <summary>Runs the child named by the first argument.</summary>
    /// <param name="args"><c>fault-child</c> and its arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == Faults.FaultChild.Command)
        {
            return await Faults.FaultChild.RunAsync(args[1..]);
        }

        await Console.Error.WriteLineAsync($"Usage: dotnet Billing.Core.Storage.Sqlite.Tests.dll {Faults.FaultChild.Command} <database> <seed>");
        return 2;
    }
}
