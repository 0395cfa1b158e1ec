using Billing.Core.Storage.PostgreSql;
using Billing.Core.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Billing.Core.QuickStart;

/// <summary>
/// Where the sample keeps its data, read from its command line: by default an SQLite file, so that a second run finds what the
/// first one stored; otherwise memory or a PostgreSQL database.
/// </summary>
/// <param name="Kind">The store.</param>
/// <param name="Target">The SQLite file or the PostgreSQL connection string; empty for memory.</param>
internal sealed record StoreChoice(StoreKind Kind, string Target)
{
    private const string UsageTemplate = """
        Usage: dotnet run --project samples/Billing.Core.QuickStart [-- <options>]

          (no options)                            keep the data in an SQLite file: DEFAULT_FILE
          --file <path>                           keep it in the SQLite file <path> (its folder is created if missing)
          --store sqlite [--file <path>]          the same
          --store memory                          keep it in memory only: gone when the sample ends
          --store postgres "<connection string>"  keep it in PostgreSQL (15 or later), e.g.
                                                  "Host=localhost;Database=billing;Username=billing;Password=secret"

        Usage: dotnet run --project samples/Billing.Core.QuickStart -- bill-many [--customers N] [--parallel N]

          bill-many                               generate N customers (default 100000) in memory and bill them with a
                                                  live progress bar, ending with the rate; then bill them again
                                                  (nothing new is written) to show the memory a run holds
          --parallel N                            customers billed at once (default 1)
        """;

    /// <summary>
    /// The default SQLite file: in the user's local application data (<c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on
    /// Windows, <c>~/Library/Application Support</c> on macOS), so that every run finds the same file whichever folder it is started
    /// from, and a clone of the repository stays clean. Without such a folder (no home directory), the current directory.
    /// </summary>
    public static string DefaultFile { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is { Length: > 0 } appData ? appData : Environment.CurrentDirectory,
        "Billing.Core.QuickStart",
        "quickstart.db");

    /// <summary>The usage text, naming the default file.</summary>
    public static string Usage => UsageTemplate.Replace("DEFAULT_FILE", DefaultFile, StringComparison.Ordinal);

    /// <summary>What the first line of the output says about where the data is kept.</summary>
    public string Description => Kind switch
    {
        StoreKind.Sqlite => $"kept in the SQLite file {Path.GetFullPath(Target)} (run the sample again to see it reused; delete the file to start afresh)",
        StoreKind.PostgreSql => $"kept in PostgreSQL: {Server(Target)} (run the sample again to see it reused)",
        _ => "kept in memory only: gone when the sample ends (by default it is kept in an SQLite file)",
    };

    /// <summary>The store's name in the sample's headings.</summary>
    public string Name => Kind switch
    {
        StoreKind.Sqlite => "the SQLite store",
        StoreKind.PostgreSql => "the PostgreSQL store",
        _ => "the in-memory store",
    };

    /// <summary>Reads the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="error">What is wrong with them, when they cannot be read.</param>
    /// <returns>The store, or null when the arguments are wrong.</returns>
    public static StoreChoice? Parse(IEnumerable<string> args, out string? error)
    {
        string? store = null, file = null, connectionString = null;
        error = null;
        var rest = new Queue<string>(args);
        string? Value() => rest.TryPeek(out var next) && !next.StartsWith("--", StringComparison.Ordinal) ? rest.Dequeue() : null;
        while (error is null && rest.TryDequeue(out var arg))
        {
            switch (arg)
            {
                case "--store" when store is null:
                    store = Value() ?? string.Empty;
                    connectionString = store == "postgres" ? Value() : null;
                    break;
                case "--file" when file is null:
                    file = Value() ?? string.Empty;
                    break;
                case "--store" or "--file":
                    error = $"{arg} is given twice.";
                    break;
                default:
                    error = $"unknown argument '{arg}'.";
                    break;
            }
        }

        error ??= (store ?? "sqlite", file) switch
        {
            ("", _) => "--store needs a value: sqlite, memory or postgres.",
            ("sqlite", "") => "--file needs the path of the SQLite file.",
            ("sqlite", _) => null,
            ("memory" or "postgres", not null) => $"--file applies only to --store sqlite, not to --store {store}.",
            ("memory", _) => null,
            ("postgres", _) when connectionString is null
                => "--store postgres needs a connection string, e.g. --store postgres \"Host=localhost;Database=billing;Username=billing;Password=secret\".",
            ("postgres", _) when ConnectionStringProblem(connectionString) is { } problem
                => $"the PostgreSQL connection string cannot be read: {problem}",
            ("postgres", _) => null,
            _ => $"unknown store '{store}': use sqlite, memory or postgres.",
        };

        return error is not null ? null : store switch
        {
            "memory" => new StoreChoice(StoreKind.Memory, string.Empty),
            "postgres" => new StoreChoice(StoreKind.PostgreSql, connectionString!),
            _ => new StoreChoice(StoreKind.Sqlite, file ?? DefaultFile),
        };
    }

    /// <summary>Registers the store: <c>AddSqliteBillingStore(path)</c>, <c>AddInMemoryBillingStore()</c> or <c>AddPostgreSqlBillingStore(connectionString)</c>.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public IServiceCollection AddTo(IServiceCollection services) => Kind switch
    {
        StoreKind.Sqlite => services.AddSqliteBillingStore(Target),
        StoreKind.PostgreSql => services.AddPostgreSqlBillingStore(Target),
        _ => services.AddInMemoryBillingStore(),
    };

    /// <summary>
    /// What a host does once its container is built, before the first request: a database store applies its schema (idempotent, so a
    /// second run finds nothing to do). The SQLite file's folder is created first when it is missing.
    /// </summary>
    /// <param name="provider">The container.</param>
    public async Task MigrateAsync(IServiceProvider provider)
    {
        switch (Kind)
        {
            case StoreKind.Sqlite:
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Target))!);
                await provider.GetRequiredService<SqliteBillingStore>().MigrateAsync();
                break;
            case StoreKind.PostgreSql:
                await provider.GetRequiredService<PostgreSqlBillingStore>().MigrateAsync();
                break;
        }
    }

    /// <summary>The server and database a connection string names, never its password.</summary>
    private static string Server(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var schema = builder.SearchPath is { Length: > 0 } path ? $", schema {path}" : string.Empty;
        return $"database {builder.Database ?? builder.Username ?? "(the default)"} on {builder.Host ?? "localhost"}:{builder.Port}{schema}";
    }

    /// <summary>Why Npgsql cannot read a connection string, or null when it can.</summary>
    private static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return e.Message;
        }
    }
}
