using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Billing.Core.Tests.PublicApi;

/// <summary>
/// Proves that every public value and aggregate type of the package is immutable: no public setters (init-only allowed),
/// no public non-readonly fields, and no public members exposing mutable collections.
/// </summary>
public class ImmutabilityTests
{
    private static readonly Assembly Core = typeof(BillingRuleException).Assembly;

    public static TheoryData<Type> PublicDataTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in DataTypes())
        {
            data.Add(type);
        }

        return data;
    }

    private static Type[] DataTypes()
        => Core.GetExportedTypes().Where(IsDataType).OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();

    [Fact]
    public void TheScanFindsTheKnownValueTypes()
    {
        var types = DataTypes();
        types.ShouldContain(typeof(Billing.Core.Monetary.Money));
        types.ShouldContain(typeof(Billing.Core.Monetary.Currency));
        types.ShouldContain(typeof(Billing.Core.Customers.CustomerId));
    }

    [Theory]
    [MemberData(nameof(PublicDataTypes))]
    public void PublicType_IsImmutable(Type type)
    {
        var problems = new List<string>();
        const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var property in type.GetProperties(Public))
        {
            var setter = property.SetMethod;
            if (setter is { IsPublic: true } && !IsInitOnly(setter))
            {
                problems.Add($"property {property.Name} has a public setter");
            }

            if (IsMutableCollection(property.PropertyType))
            {
                problems.Add($"property {property.Name} exposes mutable {property.PropertyType.Name}");
            }
        }

        foreach (var field in type.GetFields(Public))
        {
            if (!field.IsInitOnly && !field.IsLiteral)
            {
                problems.Add($"field {field.Name} is writable");
            }

            if (IsMutableCollection(field.FieldType))
            {
                problems.Add($"field {field.Name} exposes mutable {field.FieldType.Name}");
            }
        }

        if (type.IsValueType && !type.IsEnum && type.GetCustomAttribute<IsReadOnlyAttribute>() is null)
        {
            problems.Add("struct is not declared readonly");
        }

        problems.ShouldBeEmpty($"{type.FullName} must be immutable");
    }

    private static bool IsDataType(Type type)
        => !type.IsEnum
           && !type.IsInterface
           && !typeof(Exception).IsAssignableFrom(type)
           && !typeof(Delegate).IsAssignableFrom(type)
           && !(type.IsAbstract && type.IsSealed)
           && !type.Name.EndsWith("Options", StringComparison.Ordinal)
           && !type.Name.Contains("JsonConverter", StringComparison.Ordinal);

    private static bool IsInitOnly(MethodInfo setter)
        => setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool IsMutableCollection(Type type)
    {
        if (type.IsArray)
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return typeof(IList).IsAssignableFrom(type) || typeof(IDictionary).IsAssignableFrom(type);
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(Dictionary<,>) || definition == typeof(HashSet<>)
               || definition == typeof(ICollection<>) || definition == typeof(IList<>) || definition == typeof(IDictionary<,>)
               || definition == typeof(ISet<>);
    }
}
