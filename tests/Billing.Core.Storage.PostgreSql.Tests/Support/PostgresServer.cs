using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Billing.Core.Storage.PostgreSql.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests (and the benchmarks, which link this file) run against, with no manual step: the server named
/// by <c>BILLING_CORE_POSTGRES</c> (an Npgsql connection string) when it is set, otherwise a throwaway cluster started from the
/// PostgreSQL binaries on the machine — <c>initdb</c> into a temporary directory, <c>pg_ctl</c> on a free loopback port, run as
/// the <c>postgres</c> user when the process is root — and stopped when the process exits (or, if it was killed, by the next
/// run, which removes clusters whose process is gone). Each run works in a database of its own.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The environment variable naming a server to use instead of starting one.</summary>
    public const string ServerVariable = "BILLING_CORE_POSTGRES";

    private const string DirectoryPrefix = "billing-core-pg-";
    // The tests' own cluster does not wait for the disk at commit (synchronous_commit=off): what they check — atomicity,
    // locking, keys, outcomes across killed backends and a fast restart, which flushes the log — does not depend on it,
    // and a flush per commit made the suite take twenty minutes on a slow disk. The benchmarks start theirs durable.
    private static readonly Lazy<PostgresServer> SharedServer = new(() => StartAsync(durable: false).GetAwaiter().GetResult());
    private static int _schemas;

    private readonly string? _binaries;
    private readonly string? _directory;
    private readonly string _adminConnectionString;
    private readonly string _database;
    private int _disposed;

    private PostgresServer(string? binaries, string? directory, string adminConnectionString, string database)
    {
        _binaries = binaries;
        _directory = directory;
        _adminConnectionString = adminConnectionString;
        _database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = true }.ConnectionString;
    }

    /// <summary>The server the tests of this process share, started on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>Why tests that need PostgreSQL cannot run here, or null when they can (always null under <c>CI=true</c>, where they must run).</summary>
    public static string? SkipReason
        => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } || FindBinaries() is not null
            || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin, version 15 or later) and {ServerVariable} is not set.";

    /// <summary>Stops the shared server if it was started (and drops the run's database on a server named by the environment).</summary>
    public static async Task StopSharedAsync()
    {
        if (SharedServer.IsValueCreated)
        {
            await SharedServer.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A connection string to this run's own database.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether the server was started here, so that a test may restart it.</summary>
    public bool CanRestart => _directory is not null;

    /// <summary>Starts a server (or connects to <c>BILLING_CORE_POSTGRES</c>) and creates this run's database in it.</summary>
    /// <param name="durable">Whether commits wait for the disk (the default of PostgreSQL); false only for throwaway speed.</param>
    public static async Task<PostgresServer> StartAsync(bool durable)
    {
        var database = $"billing_core_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        string? binaries = null, directory = null;
        var admin = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrEmpty(admin))
        {
            binaries = FindBinaries() ?? throw new InvalidOperationException(
                $"PostgreSQL 15 or later is needed: install it (Debian: apt-get install postgresql-15) or set {ServerVariable} to an Npgsql connection string.");
            RemoveAbandonedClusters(binaries);
            directory = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
            var port = FreePort();
            await RunAsync(binaries, "initdb", "-D", Data(directory), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync").ConfigureAwait(false);
            var settings = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections=300 -c shared_buffers=128MB"
                + (durable ? string.Empty : " -c synchronous_commit=off");
            await RunAsync(binaries, "pg_ctl", "start", "-D", Data(directory), "-w", "-t", "60", "-l", Path.Combine(directory, "server.log"), "-o", settings).ConfigureAwait(false);
            admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(binaries, directory); // if the run ends without StopSharedAsync
        }

        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        // The extension lives in the database's public schema, so the tests' schemas come and go without it.
        var server = new PostgresServer(binaries, directory, admin, database);
        await server.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public").ConfigureAwait(false);
        return server;
    }

    /// <summary>Creates a new, empty schema in this run's database.</summary>
    /// <returns>A connection string whose search path is that schema.</returns>
    public string NewSchema()
    {
        var schema = $"test_{Interlocked.Increment(ref _schemas)}_{Guid.NewGuid():N}"[..24];
        ExecuteAsync($"CREATE SCHEMA {schema}").GetAwaiter().GetResult();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Runs one SQL statement in this run's database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Restarts the server the way an operator does (<c>pg_ctl restart -m fast</c>): every connection is dropped.</summary>
    public Task RestartAsync()
        => CanRestart
            ? RunAsync(_binaries!, "pg_ctl", "restart", "-D", Data(_directory!), "-m", "fast", "-w", "-t", "60", "-l", Path.Combine(_directory!, "server.log"))
            : throw new InvalidOperationException("Only a server started by the tests can be restarted.");

    /// <summary>Drops this run's database, and stops and removes a server started here.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (_directory is not null)
        {
            Stop(_binaries!, _directory);
            return;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_adminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static string Data(string directory) => Path.Combine(directory, "data");

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => d.Version >= 15 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")) && File.Exists(Path.Combine(d.Dir, "bin", "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"))
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Stop(string binaries, string directory)
    {
        try
        {
            if (File.Exists(Path.Combine(Data(directory), "postmaster.pid")))
            {
                RunAsync(binaries, "pg_ctl", "stop", "-D", Data(directory), "-m", "immediate", "-w", "-t", "30").GetAwaiter().GetResult();
            }
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Stops and removes clusters left by test processes that were killed before they could stop them.</summary>
    private static void RemoveAbandonedClusters(string binaries)
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var name = Path.GetFileName(directory)[DirectoryPrefix.Length..];
            if (int.TryParse(name.AsSpan(0, Math.Max(0, name.IndexOf('-', StringComparison.Ordinal))), out var pid) && !IsRunning(pid))
            {
                Stop(binaries, directory);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string binaries, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root.
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", Path.Combine(binaries, tool)])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = Path.Combine(binaries, tool);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error.ConfigureAwait(false)} {await output.ConfigureAwait(false)}");
        }
    }
}
