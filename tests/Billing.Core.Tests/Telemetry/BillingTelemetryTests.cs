using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using Billing.Core.Charging;
using Billing.Core.Ledgers;
using Billing.Core.Telemetry;

namespace Billing.Core.Tests.Telemetry;

public partial class BillingTelemetryTests
{
    [Fact]
    public void Names_InstrumentsTagsAndSpans_AreLowerCaseDottedAsOpenTelemetryNamesThem()
    {
        var names = typeof(BillingTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name is not (nameof(BillingTelemetry.MeterName) or nameof(BillingTelemetry.ActivitySourceName)))
            .Where(f => !f.Name.StartsWith("Outcome", StringComparison.Ordinal) || f.Name == nameof(BillingTelemetry.OutcomeTag))
            .Select(f => (f.Name, Value: (string)f.GetRawConstantValue()!))
            .ToList();

        names.Count.ShouldBeGreaterThan(15);
        names.ShouldAllBe(n => DottedName().IsMatch(n.Value));
        names.Select(n => n.Value).ShouldBeUnique();
        BillingTelemetry.MeterName.ShouldBe("Billing.Core");
        BillingTelemetry.ActivitySourceName.ShouldBe("Billing.Core");
    }

    [Fact]
    public void NameOf_EveryDeclineReason_IsItsNameInSnakeCase()
    {
        foreach (var reason in Enum.GetValues<DeclineReason>())
        {
            BillingInstrumentation.NameOf(reason).ShouldBe(SnakeCase(reason.ToString()));
        }

        BillingInstrumentation.NameOf((DeclineReason)99).ShouldBe("unknown");
        BillingInstrumentation.NameOf((DeclineReason)(-1)).ShouldBe("unknown");
    }

    [Fact]
    public void NameOf_EveryTransactionKind_IsItsNameInSnakeCase()
    {
        foreach (var kind in Enum.GetValues<TransactionKind>())
        {
            BillingInstrumentation.NameOf(kind).ShouldBe(SnakeCase(kind.ToString()));
        }

        BillingInstrumentation.NameOf((TransactionKind)0).ShouldBe("unknown");
        BillingInstrumentation.NameOf((TransactionKind)99).ShouldBe("unknown");
    }

    [Fact]
    public void For_AFactory_CreatesTheBillingMeterOnceThroughIt()
    {
        using var factory = new TestMeterFactory();

        var first = BillingInstrumentation.For(factory);
        var second = BillingInstrumentation.For(factory);

        second.ShouldBeSameAs(first);
        factory.Created.ShouldHaveSingleItem().ShouldBeSameAs(first.Meter);
        first.Meter.Name.ShouldBe(BillingTelemetry.MeterName);
        first.Meter.Scope.ShouldBeSameAs(factory);
        first.Meter.Version.ShouldBe(typeof(BillingTelemetry).Assembly.GetName().Version!.ToString());
    }

    [Fact]
    public void For_NoFactory_IsTheProcessWideMeter()
    {
        BillingInstrumentation.For(null).ShouldBeSameAs(BillingInstrumentation.Shared);
        BillingInstrumentation.Shared.Meter.Name.ShouldBe(BillingTelemetry.MeterName);
        BillingInstrumentation.Shared.Meter.Scope.ShouldBeNull();
        BillingInstrumentation.For(new TestMeterFactory()).ShouldNotBeSameAs(BillingInstrumentation.Shared);
    }

    [Fact]
    public void Source_IsNamedForBillingCore()
        => BillingInstrumentation.Source.Name.ShouldBe(BillingTelemetry.ActivitySourceName);

    private static string SnakeCase(string pascal) => UpperAfterLower().Replace(pascal, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$")]
    private static partial Regex DottedName();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex UpperAfterLower();

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            options.Scope = this;
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
