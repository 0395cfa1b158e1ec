namespace Billing.Core.QuickStart.Tests.Support;

/// <summary>One run of the sample's <c>Main</c> in this process, with what it wrote to the console.</summary>
/// <param name="ExitCode">What <c>Main</c> returned.</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Error">Its standard error.</param>
internal sealed record SampleRun(int ExitCode, string Output, string Error)
{
    // The console is the process's: one run at a time (the assembly also runs its tests one at a time).
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The lines of the output.</summary>
    public string[] Lines => Output.Split(Environment.NewLine);

    /// <summary>Runs the sample with <paramref name="args"/>, capturing its console.</summary>
    public static async Task<SampleRun> StartAsync(params string[] args)
    {
        await OneAtATime.WaitAsync();
        var (output, error) = (new StringWriter(), new StringWriter());
        var (consoleOut, consoleError) = (Console.Out, Console.Error);
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            var exitCode = await Program.Main(args);
            return new SampleRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(consoleOut);
            Console.SetError(consoleError);
            OneAtATime.Release();
        }
    }

    /// <summary>The one output line that starts with <paramref name="start"/> (after its indentation).</summary>
    public string Line(string start) => Lines.Single(l => l.TrimStart().StartsWith(start, StringComparison.Ordinal));
}
