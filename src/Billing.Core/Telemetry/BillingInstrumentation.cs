using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Billing.Core.Charging;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Telemetry;

/// <summary>
/// The instruments behind <see cref="BillingTelemetry"/>'s names, and the activity source. Every recording method checks
/// first whether anything listens, so with no listener a charge pays a few field reads and allocates nothing.
/// </summary>
/// <remarks>
/// One instance per <see cref="IMeterFactory"/> (the factory owns and disposes its meter), or <see cref="Shared"/> over a
/// process-wide meter when the host has no factory. Thread-safe.
/// </remarks>
internal sealed class BillingInstrumentation
{
    /// <summary>The version published with the meter and the activity source: the assembly's.</summary>
    internal static readonly string? Version = typeof(BillingInstrumentation).Assembly.GetName().Version?.ToString();

    /// <summary>The activity source of every Billing.Core span; process-wide, as activity sources are.</summary>
    internal static readonly ActivitySource Source = new(BillingTelemetry.ActivitySourceName, Version);

    private static readonly ConditionalWeakTable<IMeterFactory, BillingInstrumentation> ByFactory = new();

    // Tag values by enum value, so that tagging never formats (and allocates) an enum name.
    private static readonly string[] DeclineReasons =
        ["none", "insufficient_funds", "credit_limit_exceeded", "suspended", "closed", "currency_mismatch", "balance_out_of_range"];

    private static readonly string[] TransactionKinds = ["unknown", "charge", "debit", "credit", "top_up", "payment", "refund"];

    // Seconds: from a tenth of a millisecond (the in-memory store) to ten seconds (a database under lock contention).
    private static readonly double[] DurationBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _charges;
    private readonly Counter<long> _postings;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _duration;

    private BillingInstrumentation(Meter meter)
    {
        Meter = meter;
        _charges = meter.CreateCounter<long>(
            BillingTelemetry.ChargesInstrument, "{charge}", "Charges that came back from the ledger store: approved, declined or replayed.");
        _postings = meter.CreateCounter<long>(
            BillingTelemetry.PostingsInstrument, "{posting}", "Transactions written to the ledgers (replays write nothing and are not counted).");
        _retries = meter.CreateCounter<long>(
            BillingTelemetry.ChargeRetriesInstrument, "{retry}", "Charge attempts repeated after the store reported a concurrent write.");
        _duration = meter.CreateHistogram(
            BillingTelemetry.ChargeDurationInstrument,
            "s",
            "Time a charge took: reading the chain, authorising and appending, every retry included.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>The instruments over one process-wide meter, for services built without an <see cref="IMeterFactory"/>.</summary>
    internal static BillingInstrumentation Shared { get; } = new(new Meter(BillingTelemetry.MeterName, Version));

    /// <summary>The meter the instruments belong to.</summary>
    internal Meter Meter { get; }

    /// <summary>The instruments over the factory's <c>Billing.Core</c> meter, created once per factory; <see cref="Shared"/> for null.</summary>
    /// <param name="factory">The host's meter factory, or null.</param>
    /// <returns>The instrumentation.</returns>
    internal static BillingInstrumentation For(IMeterFactory? factory)
        => factory is null
            ? Shared
            : ByFactory.GetValue(factory, static f => new BillingInstrumentation(f.Create(new MeterOptions(BillingTelemetry.MeterName) { Version = Version })));

    /// <summary>A timestamp to measure a charge from, or 0 when nobody listens to the duration.</summary>
    /// <returns>The timestamp.</returns>
    internal long StartCharge() => _duration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Records a charge the store answered: the charge counter, a posting when it wrote, and the duration.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="started">What <see cref="StartCharge"/> returned.</param>
    internal void Charged(ChargeOutcome outcome, long started)
    {
        if (_charges.Enabled)
        {
            var tags = new TagList { { BillingTelemetry.OutcomeTag, OutcomeOf(outcome) } };
            if (!outcome.IsApproved)
            {
                tags.Add(BillingTelemetry.DeclineReasonTag, NameOf(outcome.Decision.Reason));
            }

            _charges.Add(1, tags);
        }

        if (_postings.Enabled && outcome.IsApproved && !outcome.IsReplay)
        {
            _postings.Add(1, new KeyValuePair<string, object?>(BillingTelemetry.TransactionKindTag, NameOf(TransactionKind.Charge)));
        }

        if (started != 0 && _duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(BillingTelemetry.OutcomeTag, OutcomeOf(outcome)));
        }
    }

    /// <summary>
    /// For an exception filter: records the duration of a charge that ended in an exception, and marks its span failed.
    /// Returns false, so the exception goes on untouched.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <param name="started">What <see cref="StartCharge"/> returned.</param>
    /// <param name="activity">The charge's span, or null.</param>
    /// <returns>False.</returns>
    internal bool ChargeFailed(Exception exception, long started, Activity? activity)
    {
        if (started != 0 && _duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(BillingTelemetry.ErrorTypeTag, exception.GetType().FullName));
        }

        return Failed(activity, exception);
    }

    /// <summary>Counts a charge attempt repeated after a concurrent write.</summary>
    internal void Retried()
    {
        if (_retries.Enabled)
        {
            _retries.Add(1);
        }
    }

    /// <summary>Counts an append without authorisation, unless it was a replay.</summary>
    /// <param name="outcome">What the store answered.</param>
    internal void Posted(in LedgerAppendOutcome outcome)
    {
        if (_postings.Enabled && !outcome.IsReplay)
        {
            _postings.Add(1, new KeyValuePair<string, object?>(BillingTelemetry.TransactionKindTag, NameOf(outcome.Transaction.Kind)));
        }
    }

    /// <summary>
    /// Appends through the store without authorisation, in a <see cref="BillingTelemetry.AppendActivity"/> span, and counts the
    /// posting when it wrote.
    /// </summary>
    /// <param name="ledgers">The store.</param>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="currency">The ledger's currency.</param>
    /// <param name="request">The transaction.</param>
    /// <param name="rates">Exchange rates, or null.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>What the store answered.</returns>
    internal async ValueTask<LedgerAppendOutcome> AppendAsync(
        ILedgerStore ledgers, LedgerOwner owner, Currency currency, TransactionRequest request, ExchangeRateTable? rates, CancellationToken cancellationToken)
    {
        using var activity = Start(BillingTelemetry.AppendActivity, owner);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BillingTelemetry.TransactionKindTag, NameOf(request.Kind));
        }

        try
        {
            var outcome = await ledgers.AppendAsync(owner, currency, request, rates, cancellationToken).ConfigureAwait(false);
            Posted(outcome);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(BillingTelemetry.ReplayTag, outcome.IsReplay);
            }

            return outcome;
        }
        catch (Exception exception) when (Failed(activity, exception))
        {
            throw; // Never reached: the filter marks the span and lets the exception pass on.
        }
    }

    /// <summary>Starts a span when something listens to the source; null otherwise (and when the listener samples it out).</summary>
    /// <param name="name">One of <see cref="BillingTelemetry"/>'s activity names.</param>
    /// <returns>The started span, or null.</returns>
    internal static Activity? Start(string name) => Source.HasListeners() ? Source.StartActivity(name, ActivityKind.Internal) : null;

    /// <summary>Starts a span tagged with the ledger owner it is about.</summary>
    /// <param name="name">One of <see cref="BillingTelemetry"/>'s activity names.</param>
    /// <param name="owner">The ledger owner.</param>
    /// <returns>The started span, or null.</returns>
    internal static Activity? Start(string name, LedgerOwner owner)
    {
        var activity = Start(name);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BillingTelemetry.LedgerOwnerTag, owner.ToString());
        }

        return activity;
    }

    /// <summary>Tags a charge's span with how it ended.</summary>
    /// <param name="activity">The span, or null.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="attempts">How many attempts it took.</param>
    internal static void Charged(Activity? activity, ChargeOutcome outcome, int attempts)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BillingTelemetry.OutcomeTag, OutcomeOf(outcome));
            if (!outcome.IsApproved)
            {
                activity.SetTag(BillingTelemetry.DeclineReasonTag, NameOf(outcome.Decision.Reason));
            }

            activity.SetTag(BillingTelemetry.AttemptsTag, attempts);
        }
    }

    /// <summary>For an exception filter: marks a span failed with the exception's type. Returns false.</summary>
    /// <param name="activity">The span, or null.</param>
    /// <param name="exception">The exception.</param>
    /// <returns>False.</returns>
    internal static bool Failed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.SetTag(BillingTelemetry.ErrorTypeTag, exception.GetType().FullName);
        }

        return false;
    }

    /// <summary>The <see cref="BillingTelemetry.OutcomeTag"/> value of an outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>approved, declined or replayed.</returns>
    internal static string OutcomeOf(ChargeOutcome outcome)
        => outcome.IsReplay ? BillingTelemetry.OutcomeReplayed
            : outcome.IsApproved ? BillingTelemetry.OutcomeApproved
            : BillingTelemetry.OutcomeDeclined;

    /// <summary>The <see cref="BillingTelemetry.DeclineReasonTag"/> value of a reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>Its snake-case name; <c>unknown</c> for an undefined value.</returns>
    internal static string NameOf(DeclineReason reason)
        => (uint)reason < (uint)DeclineReasons.Length ? DeclineReasons[(int)reason] : "unknown";

    /// <summary>The <see cref="BillingTelemetry.TransactionKindTag"/> value of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its snake-case name; <c>unknown</c> for an undefined value.</returns>
    internal static string NameOf(TransactionKind kind)
        => (uint)kind < (uint)TransactionKinds.Length ? TransactionKinds[(int)kind] : "unknown";
}
