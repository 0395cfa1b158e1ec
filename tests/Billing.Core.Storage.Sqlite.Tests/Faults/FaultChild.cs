using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Storage.Sqlite.Tests.Faults;

/// <summary>
/// The process the fault tests kill: it migrates the file (as a host starting up would), then 16 callers charge two accounts that
/// share a reseller, and post top-ups, until it is killed or a minute has passed. Before each call it prints <c>S key</c>; once the
/// call returned, <c>A key</c> (written) or <c>D key</c> (declined); an exception prints <c>E key type</c>.
/// </summary>
public static class FaultChild
{
    public const string Command = "fault-child";

    public const int Callers = 16;

    public static readonly Instant At = Instant.FromUtc(2026, 3, 19, 10, 0);

    public static readonly LedgerOwner Reseller = LedgerOwner.ForCustomer(CustomerId.From("RES-F"));

    /// <summary>The two chains: account → customer → the shared reseller.</summary>
    public static ChargeLevel[][] Chains { get; } =
    [
        [Level(LedgerOwner.ForAccount(AccountId.From("ACC-F1"))), Level(LedgerOwner.ForCustomer(CustomerId.From("CUS-F1"))), Level(Reseller)],
        [Level(LedgerOwner.ForAccount(AccountId.From("ACC-F2"))), Level(LedgerOwner.ForCustomer(CustomerId.From("CUS-F2"))), Level(Reseller)],
    ];

    /// <summary>Every ledger the child writes.</summary>
    public static LedgerOwner[] Owners { get; } = [.. Chains.SelectMany(c => c).Select(l => l.Owner).Distinct()];

    /// <summary>The chain a charge key belongs to, and whether the key is a top-up of the chain's customer instead.</summary>
    public static (ChargeLevel[] Chain, bool TopUp) Route(string key)
    {
        var n = Number(key);
        return (Chains[n % 2], n % 10 == 9);
    }

    /// <summary>The amount of a key's charge or top-up: 1 to 5.999 GBP, exact to the tenth of a penny.</summary>
    public static Money Amount(string key) => new(1m + Number(key) % 5000 / 1000m, Currency.GBP);

    /// <summary>Sends one charge or top-up.</summary>
    public static async Task<bool> SendAsync(ILedgerStore ledgers, string key)
    {
        var (chain, topUp) = Route(key);
        if (topUp)
        {
            await ledgers.AppendAsync(chain[1].Owner, Currency.GBP, new TransactionRequest(TransactionId.New(), TransactionKind.TopUp, Amount(key), At, key, "top-up"));
            return true;
        }

        var outcome = await ledgers.AuthoriseAndAppendAsync(new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Amount(key), At, key, "call", "cdr-" + key), chain);
        return outcome.IsApproved;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args[0];
        var run = args[1];
        await using var store = new SqliteBillingStore(path);
        await store.MigrateAsync();
        var output = Console.Out;
        var running = System.Diagnostics.Stopwatch.StartNew();
        var callers = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 100_000 && running.Elapsed < TimeSpan.FromMinutes(1); i++)
            {
                var key = $"r{run}-c{c}-{i * Callers + c}";
                output.WriteLine("S " + key);
                try
                {
                    output.WriteLine((await SendAsync(store.Ledgers, key) ? "A " : "D ") + key);
                }
                catch (Exception e)
                {
                    output.WriteLine($"E {key} {e.GetType().Name}");
                }
            }
        })).ToArray();
        await Task.WhenAll(callers);
        return 0;
    }

    private static int Number(string key) => int.Parse(key[(key.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static ChargeLevel Level(LedgerOwner owner) => new(owner, BalanceModel.Postpaid, Currency.GBP, null, BillingStatus.Active);
}
