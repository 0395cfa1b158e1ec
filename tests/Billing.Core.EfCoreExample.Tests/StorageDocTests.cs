using System.Text.RegularExpressions;

namespace Billing.Core.EfCoreExample.Tests;

/// <summary>
/// docs/storage.md, "Hosts on EF Core", quotes the example: every code block introduced by a source path (<c>`samples/….cs`:</c>)
/// must appear in that file as it is, white space aside, so the page cannot drift from the code the contract suite runs.
/// </summary>
public sealed partial class StorageDocTests
{
    [Fact]
    public void HostsOnEfCore_QuotedSnippets_AppearInTheExampleSource()
    {
        var root = RepositoryRoot();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "storage.md"));
        var start = doc.IndexOf("## Hosts on EF Core", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, "docs/storage.md has no section \"Hosts on EF Core\"");
        var end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? doc[start..] : doc[start..end];

        var quotes = QuotedSnippet().Matches(section);

        quotes.Count.ShouldBeGreaterThanOrEqualTo(3, "the section quotes the mapping, the update and the save");
        foreach (Match quote in quotes)
        {
            var (path, snippet) = (quote.Groups["path"].Value, quote.Groups["code"].Value);
            var source = File.ReadAllText(Path.Combine(root, path));
            Flatten(source).ShouldContain(Flatten(snippet), Case.Sensitive, $"docs/storage.md quotes {path}, but the file no longer holds this:\n{snippet}");
        }
    }

    private static string Flatten(string code) => Whitespace().Replace(code, " ").Trim();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Billing.Core.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Billing.Core.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"`(?<path>samples/[^`]+\.cs)`:\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuotedSnippet();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
