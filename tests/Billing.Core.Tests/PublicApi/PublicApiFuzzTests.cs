using System.Collections;
using System.Reflection;
using System.Text;
using Billing.Core.Customers;
using Billing.Core.Monetary;
using Xunit.Abstractions;

namespace Billing.Core.Tests.PublicApi;

/// <summary>
/// Calls every public constructor and method of every public type of Billing.Core with hostile arguments (<see cref="HostileValues"/>)
/// and checks that every exception thrown is one the member documents: its type is, or derives from, a type named in the member's
/// <c>&lt;exception cref&gt;</c> list in the generated XML documentation. An <see cref="ArgumentException"/> must also name one of the
/// member's own parameters (or nothing), which catches exceptions thrown from deep inside a dependency. Deterministic (seeded per
/// member) and bounded: at most 800 calls per member.
/// </summary>
public class PublicApiFuzzTests(ITestOutputHelper output)
{
    private const int MaxCallsPerMember = 800;
    private const int RandomCallsPerMember = 60;

    private static readonly Assembly Core = typeof(BillingRuleException).Assembly;

    /// <summary>
    /// Left out on purpose, each with the reason. The application services are asynchronous and need a store: the storage tests
    /// fuzz them through a real in-memory store (tests/Billing.Core.Storage.InMemory.Tests, ServiceFuzzTests).
    /// </summary>
    private static readonly Dictionary<string, string> Excluded = new(StringComparer.Ordinal)
    {
        [typeof(CustomerService).FullName!] = "an application service over repositories (async calls)",
        [typeof(CustomerDirectory).FullName!] = "an application service over repositories (async calls)",
        [typeof(Billing.Core.Charging.ChargeService).FullName!] = "an application service over repositories (async calls)",
        [typeof(Billing.Core.Removal.RemovalService).FullName!] = "an application service over repositories (async calls)",
        [typeof(Billing.Core.BillingRuns.BillingRun).FullName!] = "an application service over repositories (async calls)",
        [typeof(Billing.Core.Payments.InvoicePayments).FullName!] = "an application service over repositories (async calls)",
        [typeof(BillingJsonContext).FullName!] = "System.Text.Json's generated metadata; the JSON tests cover it",
    };

    private static readonly Lazy<ApiDocumentation> Docs = new(() => ApiDocumentation.Of(Core));
    private static readonly Lazy<HostileValues> Values = new(() => new HostileValues());

    [Fact]
    public void EveryPublicMember_HostileArguments_ThrowsOnlyDocumentedExceptions()
    {
        var members = Members().ToList();
        var violations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var calls = 0;
        foreach (var member in members)
        {
            calls += Fuzz(member, violations);
        }

        output.WriteLine($"{members.Count} members, {calls} calls, {violations.Count} violations.");
        if (violations.Count > 0)
        {
            var report = new StringBuilder($"{violations.Count} undocumented exception(s) from the public API:").AppendLine();
            foreach (var violation in violations.Values)
            {
                report.AppendLine(violation);
            }

            Assert.Fail(report.ToString());
        }
    }

    [Fact]
    public void EveryParameterType_HasValues()
    {
        var missing = Candidates()
            .Where(m => Skip(m) is null)
            .SelectMany(m => m.GetParameters().Where(p => !p.IsOut).Select(p => (Member: m, Type: Underlying(p.ParameterType))))
            .Concat(Candidates().Where(m => Skip(m) is null && !m.IsStatic && !m.IsConstructor).Select(m => (Member: m, Type: m.DeclaringType!)))
            .Where(x => !Values.Value.Covers(x.Type))
            .Select(x => $"{x.Type} (used by {Signature(x.Member)})")
            .Distinct()
            .ToList();
        missing.ShouldBeEmpty("add values for these types to HostileValues");
    }

    [Fact]
    public void TheScan_ReachesTheMembersTheRulesLiveIn()
    {
        var names = Members().Select(Signature).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
                 {
                     "Money..ctor(Decimal, Currency)", "Money.op_Multiply(Money, Decimal)", "Money.Allocate(Decimal[])", "Money.Round(MidpointRounding)",
                     "ExchangeRate.Convert(Money, MidpointRounding)", "CustomerFactory.Create(NewCustomer, CustomerHierarchy, CustomerClass, Instant)",
                     "Customer.WithCreditLimit(Nullable`1)", "Feature.Recurring(FeatureId, String, Money, LocalDate, Nullable`1, Int32, Proration)",
                     "BillingSchedule.WithCycleChange(LocalDate, BillingCycle, Nullable`1)", "CustomerNames.Normalise(String)",
                     "Number.IsActiveOn(LocalDate)", "BillingCalendar.PeriodContaining(Instant)", "BillingId.Create(String)",
                     "PeriodChargeCalculator.Calculate(BillingTerms, BilledItems, BillingPeriod)", "BillingTerms.For(Customer, CustomerClass)",
                     "Invoice.ApplyPayment(Money)", "Invoice.Issue(CustomerId, String, LocalDate)", "Invoice.Restore(InvoiceSnapshot)",
                     "PaymentAllocation.Allocate(Money, IEnumerable`1)",
                 })
        {
            names.ShouldContain(expected);
        }
    }

    [Fact]
    public void TheDocumentationReader_FindsExceptionsDirectlyAndThroughInheritdoc()
    {
        Docs.Value.ExceptionsOf(typeof(Money).GetConstructor([typeof(decimal), typeof(Currency)])!)
            .ShouldBe(["System.ArgumentException", "Billing.Core.BillingRuleException"], ignoreOrder: true);

        // BillingCalendar.IndexOf says <inheritdoc />: its exceptions are IBillingCalendar.IndexOf's.
        Docs.Value.ExceptionsOf(typeof(Billing.Core.Periods.BillingCalendar).GetMethod("IndexOf", [typeof(NodaTime.LocalDate)])!)
            .ShouldBe(["System.ArgumentOutOfRangeException", "System.ArgumentException"], ignoreOrder: true);
        Docs.Value.ExceptionsOf(typeof(Money).GetMethod(nameof(Money.GetHashCode))!).ShouldBeEmpty();
    }

    /// <summary>Calls one member many times; returns the number of calls.</summary>
    private static int Fuzz(MethodBase member, SortedDictionary<string, string> violations)
    {
        var values = Values.Value;
        var documented = Docs.Value.ExceptionsOf(member);
        var parameters = member.GetParameters();
        var valid = parameters.Select(p => p.IsOut ? [null] : values.Valid(p.ParameterType)).ToArray();
        var all = parameters.Select(p => p.IsOut ? [null] : values.All(p.ParameterType)).ToArray();
        var receivers = member.IsStatic || member.IsConstructor ? [null] : values.Valid(member.DeclaringType!).Where(v => v is not null).ToArray();
        var random = new Random(StableHash(ApiDocumentation.Id(member)));

        // Each value of each parameter, on every receiver, with valid values (picked at random) in the other positions.
        var plans = new List<(object? Receiver, object?[] Arguments)>();
        for (var i = 0; i < parameters.Length; i++)
        {
            foreach (var value in all[i])
            {
                foreach (var receiver in receivers)
                {
                    var arguments = valid.Select(v => v[random.Next(v.Length)]).ToArray();
                    arguments[i] = value;
                    plans.Add((receiver, arguments));
                }
            }
        }

        foreach (var receiver in receivers)
        {
            plans.Add((receiver, valid.Select(v => v[0]).ToArray()));
        }

        for (var k = 0; k < RandomCallsPerMember; k++)
        {
            plans.Add((receivers[random.Next(receivers.Length)], all.Select(v => v[random.Next(v.Length)]).ToArray()));
        }

        if (plans.Count > MaxCallsPerMember)
        {
            plans = plans.OrderBy(_ => random.Next()).Take(MaxCallsPerMember).ToList();
        }

        foreach (var (receiver, arguments) in plans)
        {
            var problem = Call(member, receiver, arguments.Select(HostileValues.Materialise).ToArray(), documented, parameters);
            if (problem is not null)
            {
                var key = $"{Signature(member)} | {problem.Value.Kind}";
                violations.TryAdd(key, $"- {Signature(member)}({string.Join(", ", arguments.Select(HostileValues.Describe))}) threw {problem.Value.Message}");
            }
        }

        return plans.Count;
    }

    private static (string Kind, string Message)? Call(MethodBase member, object? receiver, object?[] arguments, IReadOnlySet<string> documented, ParameterInfo[] parameters)
    {
        try
        {
            var result = member is ConstructorInfo constructor
                ? constructor.Invoke(BindingFlags.DoNotWrapExceptions, null, arguments, null)
                : member.Invoke(receiver, BindingFlags.DoNotWrapExceptions, null, arguments, null);

            // Lazy sequences throw when read.
            if (result is IEnumerable sequence and not string)
            {
                var read = 0;
                foreach (var _ in sequence)
                {
                    if (++read == 100)
                    {
                        break;
                    }
                }
            }

            return null;
        }
        catch (Exception e)
        {
            var type = e.GetType();
            var isDocumented = false;
            for (var t = type; t is not null; t = t.BaseType)
            {
                isDocumented |= documented.Contains(t.FullName!);
            }

            if (!isDocumented)
            {
                var documentedText = documented.Count == 0 ? "none" : string.Join(", ", documented.Select(d => d[(d.LastIndexOf('.') + 1)..]));
                return (type.Name, $"{type.Name} (documented: {documentedText}): {FirstLine(e.Message)}\n    at {FirstFrame(e)}");
            }

            if (e is ArgumentException { ParamName: { } name } && !parameters.Any(p => name == p.Name || name.StartsWith(p.Name + ".", StringComparison.Ordinal)))
            {
                return (type.Name + " " + name, $"{type.Name} naming '{name}', which is not a parameter: {FirstLine(e.Message)}\n    at {FirstFrame(e)}");
            }

            return null;
        }
    }

    private static IEnumerable<MethodBase> Members() => Candidates().Where(m => Skip(m) is null && AllCovered(m));

    private static bool AllCovered(MethodBase member)
        => member.GetParameters().All(p => p.IsOut || Values.Value.Covers(p.ParameterType))
           && (member.IsStatic || member.IsConstructor || Values.Value.Covers(member.DeclaringType!));

    /// <summary>Every public constructor and method (operators included, accessors and compiler-made members not) of every public type.</summary>
    private static IEnumerable<MethodBase> Candidates()
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var open in Core.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (open.IsInterface || open.IsEnum || typeof(Delegate).IsAssignableFrom(open) || IsExcluded(open) || Close(open) is not { } type)
            {
                continue;
            }

            if (!type.IsAbstract)
            {
                foreach (var constructor in type.GetConstructors())
                {
                    yield return constructor;
                }
            }

            foreach (var method in type.GetMethods(Declared))
            {
                if ((method.IsSpecialName && !method.Name.StartsWith("op_", StringComparison.Ordinal)) || method.Name.Contains('<', StringComparison.Ordinal))
                {
                    continue;
                }

                if (Close(method) is { } closed)
                {
                    yield return closed;
                }
            }
        }
    }

    /// <summary>Why a member is not called, or null when it is.</summary>
    private static string? Skip(MethodBase member)
    {
        if (member is MethodInfo method && (typeof(Task).IsAssignableFrom(method.ReturnType) || method.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal)))
        {
            return "asynchronous";
        }

        return member.GetParameters().Any(p => Underlying(p.ParameterType).IsByRefLike || p.ParameterType.IsPointer) ? "takes a span or pointer" : null;
    }

    // JSON converters follow System.Text.Json's contract and are covered by the JSON tests.
    private static bool IsExcluded(Type type)
        => Excluded.ContainsKey(type.Namespace ?? string.Empty) || Excluded.ContainsKey(type.FullName ?? string.Empty)
            || typeof(System.Text.Json.Serialization.JsonConverter).IsAssignableFrom(type);

    /// <summary>A generic type or method closed over an id type that meets its constraints, or null when none does.</summary>
    private static Type? Close(Type type)
    {
        if (!type.IsGenericTypeDefinition)
        {
            return type;
        }

        try
        {
            return type.MakeGenericType(type.GetGenericArguments().Select(_ => typeof(CustomerId)).ToArray());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static MethodInfo? Close(MethodInfo method)
    {
        if (!method.IsGenericMethodDefinition)
        {
            return method;
        }

        try
        {
            return method.MakeGenericMethod(method.GetGenericArguments().Select(_ => typeof(CustomerId)).ToArray());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Type Underlying(Type type) => type.IsByRef ? type.GetElementType()! : type;

    private static string Signature(MethodBase member)
        => $"{member.DeclaringType!.Name}.{(member.IsConstructor ? ".ctor" : member.Name)}({string.Join(", ", member.GetParameters().Select(p => Underlying(p.ParameterType).Name))})";

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string FirstFrame(Exception e)
        => e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(no stack trace)";

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised), to seed each member's calls.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
