// Checks the symbol packages (.snupkg) that `dotnet pack` wrote: every PDB names its source files by deterministic paths
// (/_/…, the same on every machine), and, with --source-link, carries a Source Link map for those paths.
// Usage: Billing.Core.SymbolCheck [--source-link] <package.snupkg>...
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;

var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A"); // the Portable PDB's Source Link custom debug information
var requireSourceLink = args.Contains("--source-link");
var packages = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
if (packages.Length == 0)
{
    Console.Error.WriteLine("usage: Billing.Core.SymbolCheck [--source-link] <package.snupkg>...");
    return 2;
}

var failures = 0;
foreach (var package in packages)
{
    using var zip = ZipFile.OpenRead(package);
    var pdbs = zip.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)).ToList();
    if (pdbs.Count == 0)
    {
        Console.Error.WriteLine($"{package}: no PDB");
        failures++;
        continue;
    }

    foreach (var entry in pdbs)
    {
        using var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(copy);
        var reader = provider.GetMetadataReader();
        var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
        var local = documents.Where(d => !d.StartsWith("/_/", StringComparison.Ordinal) && !d.Contains(".AssemblyAttributes.", StringComparison.Ordinal)).ToList();
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == sourceLinkKind)
            .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .FirstOrDefault();
        var problems = new List<string>();
        if (documents.Count == 0)
        {
            problems.Add("no source documents");
        }

        if (local.Count > 0)
        {
            problems.Add($"{local.Count} machine-specific source path(s), e.g. {local[0]}");
        }

        if (requireSourceLink && (sourceLink is null || !sourceLink.Contains("\"/_/", StringComparison.Ordinal)))
        {
            problems.Add("no Source Link map for /_/");
        }

        var name = $"{Path.GetFileName(package)}!{entry.FullName}";
        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"{name}: {string.Join("; ", problems)}");
            failures++;
        }
        else
        {
            Console.WriteLine($"ok: {name} ({documents.Count} documents under /_/{(sourceLink is null ? string.Empty : ", Source Link")})");
        }
    }
}

return failures == 0 ? 0 : 1;
