using BenchmarkDotNet.Attributes;
using Billing.Core.Customers;
using Billing.Core.Features;
using Billing.Core.Invoicing;
using Billing.Core.Monetary;
using Billing.Core.Numbers;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Benchmarks;

/// <summary>
/// The charges of one monthly period for a customer with <see cref="Lines"/> features (a quarter of the numbers sold inside the
/// period, so their line rental is prorated by day; flat-rate and one-off features beside). Every method is reported per line
/// (<c>OperationsPerInvoke</c>). Baseline: the same lines computed by walking the period day by day and asking the number and the
/// feature whether each day counts, as a first implementation would.
/// </summary>
[MemoryDiagnoser]
public class PeriodChargesBenchmarks
{
    private const int LinesPerRun = 1000;
    private static readonly Currency Gbp = Currency.GBP;
    private static readonly LocalDate Anchor = new(2026, 1, 1);

    // 020 7946 0000–0999 is Ofcom's range for drama: numbers that are never anyone's.
    private static readonly NumberingOptions Drama = NumberingOptions.Default with { AllowDramaNumbers = true };

    private BillingTerms _terms = null!;
    private BilledItems _items = null!;
    private Number[] _numbers = [];
    private BillingPeriod _period;
    private CustomerId _customerId;

    /// <summary>Feature lines charged per run (the numbers have four features each).</summary>
    [Params(LinesPerRun)]
    public int Lines { get; set; }

    /// <summary>Builds the customer (GBP, 20 % tax through terms, 30 days' payment terms) and its numbers, and checks that the baseline
    /// and the engine agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var customer = Customer.Restore(new CustomerSnapshot
        {
            Id = CustomerId.From("BENCH"),
            Name = "Bench Ltd",
            Email = "bench@example.co.uk",
            BillingAddress = PostalAddress.Create(["1 High Street"], "London", "GB", postcode: "SW1A 1AA"),
            ParentId = CustomerId.From("RES"),
            BillingCycle = BillingCycle.Monthly,
            BillingTimeZone = DateTimeZoneProviders.Tzdb["Europe/London"],
            BillingCycleAnchor = Anchor,
            BalanceModel = Billing.Core.Balances.BalanceModel.Postpaid,
            Currency = Gbp,
            PaymentTermsDays = 30,
            Language = "en-GB",
            Status = BillingStatus.Active,
            Version = 0,
        });
        _customerId = customer.Id;
        _terms = BillingTerms.For(customer, null);
        _period = _terms.Schedule.PeriodContaining(new LocalDate(2026, 4, 15));
        var numbers = new Number[Lines / 4];
        for (var i = 0; i < numbers.Length; i++)
        {
            var sold = i % 4 == 0 ? _period.Start.PlusDays(i % 29) : Anchor;
            numbers[i] = Number.Create(NumberId.From("N-" + i), customer, "+4420" + (79460000 + i), "UK-STD", sold, numbering: Drama)
                .AttachFeature(Feature.Recurring(FeatureId.From("LINE"), "Line rental", new Money(12.00m, Gbp), sold))
                .AttachFeature(Feature.Recurring(FeatureId.From("CLI"), "Caller display", new Money(1.75m, Gbp), sold, quantity: 2))
                .AttachFeature(Feature.Recurring(FeatureId.From("SUPPORT"), "Support", new Money(5.00m, Gbp), sold, proration: Proration.None))
                .AttachFeature(Feature.OneOff(FeatureId.From("SIM"), "SIM", new Money(4.99m, Gbp), LocalDate.Max(sold, _period.Start.PlusDays(20 + (i % 9)))));
        }

        _numbers = numbers;
        _items = new BilledItems(_customerId, numbers: _numbers);

        var engine = Engine();
        var naive = WalkDayByDay();
        if (engine.Lines.Length != Lines || naive.Count != Lines || engine.Subtotal.Amount != naive.Subtotal)
        {
            throw new InvalidOperationException($"The engine ({engine.Lines.Length} lines, {engine.Subtotal}) and the day walk ({naive.Count} lines, {naive.Subtotal}) disagree.");
        }
    }

    /// <summary>The same lines, walking each day of the period for each feature (with NodaTime date arithmetic and the aggregates'
    /// own <see cref="Number.IsActiveOn"/>), amounts in <see cref="Money"/> rounded once per line.</summary>
    /// <returns>The number of lines and their sum.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = LinesPerRun)]
    public (int Count, decimal Subtotal) WalkDayByDay()
    {
        var periodDays = Period.Between(_period.Start, _period.EndExclusive, PeriodUnits.Days).Days;
        var count = 0;
        var subtotal = new Money(0m, Gbp);
        foreach (var number in _numbers)
        {
            foreach (var feature in number.Features)
            {
                var active = 0;
                for (var day = _period.Start; day < _period.EndExclusive; day = day.PlusDays(1))
                {
                    var featureActive = feature.Kind == FeatureKind.OneOff
                        ? day == feature.StartDate
                        : day >= feature.StartDate && (feature.EndDate is null || day <= feature.EndDate.Value);
                    if (featureActive && number.IsActiveOn(day))
                    {
                        active++;
                    }
                }

                if (active == 0)
                {
                    continue;
                }

                var full = feature.UnitAmount * feature.Quantity;
                var amount = feature.Kind == FeatureKind.Recurring && feature.Proration == Proration.ByDay ? new Money(full.Amount * active / periodDays, Gbp) : full;
                subtotal += amount.Round();
                count++;
            }
        }

        return (count, subtotal.Amount);
    }

    /// <summary>The engine over items gathered once (a billing run gathers a customer's items once for any number of periods).</summary>
    /// <returns>The period's charges.</returns>
    [Benchmark(OperationsPerInvoke = LinesPerRun)]
    public PeriodCharges Engine() => PeriodChargeCalculator.Calculate(_terms, _items, _period);

    /// <summary>Gathering the items (one <see cref="BilledItems"/>, which works out each feature's days once) and then the engine.</summary>
    /// <returns>The period's charges.</returns>
    [Benchmark(OperationsPerInvoke = LinesPerRun)]
    public PeriodCharges GatherAndEngine() => PeriodChargeCalculator.Calculate(_terms, new BilledItems(_customerId, numbers: _numbers), _period);
}
