using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Billing.Core.Telemetry;

namespace Billing.Core.Storage.InMemory.Tests.Telemetry;

/// <summary>
/// Listens to Billing.Core's meter and activity source for one test. Other tests run in parallel in the same process and
/// publish to the same names, so it keeps only measurements of the meter that the test's own <see cref="IMeterFactory"/>
/// created, and only spans of the trace it starts itself (<see cref="BeginTrace"/>).
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("Billing.Core.Storage.InMemory.Tests.Telemetry");

    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private ActivityTraceId _trace;

    public TelemetryRecorder(IMeterFactory factory)
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BillingTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is BillingTelemetry.ActivitySourceName || ReferenceEquals(source, TestSource),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (_trace != default && activity.TraceId == _trace && activity.Source.Name == BillingTelemetry.ActivitySourceName)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    /// <summary>Measurements so far, oldest first.</summary>
    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>Billing.Core's spans of the test's trace that have ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _spans];

    /// <summary>Measurements of one instrument.</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

    /// <summary>Starts the test's root span: Billing.Core's spans inside it (same async flow) are kept.</summary>
    public Activity BeginTrace()
    {
        var root = TestSource.StartActivity("test") ?? throw new InvalidOperationException("The test's activity source has no listener.");
        _trace = root.TraceId;
        return root;
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, instrument.GetType().GetGenericTypeDefinition(), value, copy));
    }

    /// <summary>One measurement, with its tags copied.</summary>
    internal sealed record Measurement(string Instrument, string? Unit, Type InstrumentType, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public object? Tag(string name) => Tags.TryGetValue(name, out var value) ? value : null;

        public override string ToString()
            => $"{Instrument} {Value} {{{string.Join(", ", Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}}}";
    }
}
