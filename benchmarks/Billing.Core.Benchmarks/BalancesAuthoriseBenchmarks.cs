using BenchmarkDotNet.Attributes;
using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// Authorising a charge over a 4-level chain (account, customer, reseller, top reseller), each level backed by a
/// ledger of <see cref="TransactionsPerLedger"/> transactions. Baseline: the same decision computed by summing every
/// ledger from scratch, as a system without running balances would.
/// </summary>
[MemoryDiagnoser]
public class BalancesAuthoriseBenchmarks
{
    private static readonly Currency Gbp = Currency.GBP;
    private readonly Money _charge = new(1.25m, Gbp);
    private BalanceLevel[] _chain = [];
    private LedgerTransaction[][] _transactions = [];
    private (BalanceModel Model, decimal? Limit)[] _settings = [];

    /// <summary>Transactions in each level's ledger.</summary>
    [Params(1000)]
    public int TransactionsPerLedger { get; set; }

    /// <summary>Builds the four ledgers and the chain.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _settings =
        [
            (BalanceModel.Prepaid, null),
            (BalanceModel.Postpaid, 100_000m),
            (BalanceModel.Postpaid, 1_000_000m),
            (BalanceModel.Postpaid, null),
        ];
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        _chain = new BalanceLevel[_settings.Length];
        _transactions = new LedgerTransaction[_settings.Length][];
        for (var level = 0; level < _settings.Length; level++)
        {
            var ledger = Ledger.Create(LedgerOwner.ForCustomer(CustomerId.From("L" + level)), _settings[level].Model, Gbp);
            for (var i = 0; i < TransactionsPerLedger; i++)
            {
                var kind = i % 4 == 0 ? TransactionKind.TopUp : TransactionKind.Charge;
                var amount = kind == TransactionKind.TopUp ? 10m : 0.0123m * (1 + (i % 7));
                ledger = ledger.Append(new TransactionRequest(TransactionId.From("T" + i), kind, new Money(amount, Gbp), start + Duration.FromSeconds(i), "k" + i)).Ledger;
            }

            _transactions[level] = [.. ledger.Transactions];
            _chain[level] = BalanceLevel.FromLedger(ledger, BillingStatus.Active, _settings[level].Limit is { } limit ? new Money(limit, Gbp) : null);
        }
    }

    /// <summary>The same decision, summing each level's ledger from scratch.</summary>
    /// <returns>Whether the charge is approved.</returns>
    [Benchmark(Baseline = true)]
    public bool AuthoriseBySummingLedgers()
    {
        for (var level = 0; level < _transactions.Length; level++)
        {
            var funds = 0m;
            foreach (var t in _transactions[level])
            {
                funds += t.FundsEffect.Amount;
            }

            var (model, limit) = _settings[level];
            var ok = model == BalanceModel.Prepaid ? funds - _charge.Amount >= 0m : limit is null || -funds + _charge.Amount <= limit;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Authorises against the chain's running balances.</summary>
    /// <returns>The decision.</returns>
    [Benchmark]
    public AuthorisationDecision Authorise() => Authoriser.Authorise(_charge, _chain);

    /// <summary>The headroom over the same chain.</summary>
    /// <returns>The headroom.</returns>
    [Benchmark]
    public Money? Headroom() => Authoriser.Headroom(Gbp, _chain);
}
