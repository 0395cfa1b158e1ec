using System.Text.RegularExpressions;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Core.QuickStart.Tests;

/// <summary>
/// README.md's "In a host" is the code of <c>samples/Billing.Core.QuickStart/InAHost.cs</c> between its README markers, so the
/// compiler checks it; and that code does what the README says.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 19, 10, 0);

    [Fact]
    public void InAHost_CodeBlock_IsTheCompiledSampleCode()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var section = readme[readme.IndexOf("## In a host", StringComparison.Ordinal)..];
        var block = CodeBlock().Match(section);
        block.Success.ShouldBeTrue("README.md's \"In a host\" has no csharp block");

        var source = File.ReadAllText(Path.Combine(root, "samples", "Billing.Core.QuickStart", "InAHost.cs"));
        var regions = Region().Matches(source).Select(m => m.Groups["code"].Value).ToList();
        regions.Count.ShouldBe(3, "InAHost.cs marks its usings, the registration and the request");

        Flatten(block.Groups["code"].Value).ShouldBe(Flatten(regions[0] + "\n\n" + regions[1] + "\n// in a request scope\n" + regions[2]));
    }

    [Fact]
    public async Task InAHost_Code_ChargesTheNewCustomerAndFindsItsPeriod()
    {
        var services = InAHost.Register(new ServiceCollection()).AddSingleton<IClock>(new FakeClock(Now));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var address = PostalAddress.Create(["1 High Street"], "London", "GB");
        var reseller = await customers.CreateRootAsync(new NewCustomer { Name = "Reseller", Email = "r@example.com", BillingAddress = address });

        var (outcome, current) = await InAHost.ChargeANewCustomerAsync(customers, scope.ServiceProvider.GetRequiredService<ChargeService>(), address, reseller.Id, Now);

        outcome.IsApproved.ShouldBeTrue();
        current.Contains(Now.InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date).ShouldBeTrue();
    }

    /// <summary>The package READMEs (shown on nuget.org, where relative links break) link to the repository's files by absolute
    /// URL; each one must name a file that exists, and a heading anchor must name a heading of that file.</summary>
    [Fact]
    public void PackageReadmes_LinkToDocsThatExist()
    {
        var root = RepositoryRoot();
        var readmes = Directory.GetFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();
        readmes.Length.ShouldBe(5);
        var links = 0;
        foreach (var readme in readmes)
        {
            var text = File.ReadAllText(readme);
            text.ShouldNotContain("](docs/", customMessage: $"{readme} has a relative link, which breaks on nuget.org");
            foreach (Match link in RepositoryLink().Matches(text))
            {
                links++;
                var file = Path.Combine(root, link.Groups["path"].Value);
                File.Exists(file).ShouldBeTrue($"{readme} links to {link.Value}, which does not exist");
                if (link.Groups["anchor"].Success)
                {
                    var headings = File.ReadAllLines(file).Where(l => l.StartsWith('#')).Select(Anchor);
                    headings.ShouldContain(link.Groups["anchor"].Value, $"{readme} links to {link.Value}");
                }
            }
        }

        links.ShouldBeGreaterThanOrEqualTo(12);
    }

    /// <summary>GitHub's anchor of a Markdown heading: lower case, spaces to hyphens, punctuation other than hyphens dropped.</summary>
    private static string Anchor(string heading)
    {
        var text = heading.TrimStart('#').Trim().ToLowerInvariant().Replace(' ', '-');
        return new string(text.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_').ToArray());
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

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"// README: begin [a-z]+\n(?<code>.*?)\n\s*// README: end", RegexOptions.Singleline)]
    private static partial Regex Region();

    [GeneratedRegex(@"https://github\.com/billing-core/billing-core/blob/main/(?<path>[^)#\s]+)(#(?<anchor>[^)\s]+))?")]
    private static partial Regex RepositoryLink();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
