using System.Collections;
using System.Reflection;

namespace Billing.Core.Tests.Support;

/// <summary>
/// Compares two objects through their public instance properties, recursively, without using anything the types under test
/// provide for it (no snapshots): sequences item by item (dictionaries entry by entry in key order), values and types that
/// define their own equality with it, and every other class property by property.
/// </summary>
public static class FieldByField
{
    public static void ShouldBeSame(object? expected, object? actual, string path = "")
    {
        if (expected is null || actual is null)
        {
            actual.ShouldBe(expected, $"{path} differs");
            return;
        }

        var type = expected.GetType();
        actual.GetType().ShouldBe(type, $"{path} has another type");
        if (expected is IEnumerable sequence and not string)
        {
            var e = Items(sequence);
            var a = Items((IEnumerable)actual);
            a.Count.ShouldBe(e.Count, $"{path} has another number of items");
            for (var i = 0; i < e.Count; i++)
            {
                ShouldBeSame(e[i], a[i], $"{path}[{i}]");
            }

            return;
        }

        if (expected is string || type.IsValueType || DefinesEquals(type))
        {
            actual.ShouldBe(expected, $"{path} differs");
            return;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        properties.ShouldNotBeEmpty($"{path} ({type.Name}) has nothing to compare");
        foreach (var property in properties)
        {
            ShouldBeSame(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }

    private static bool DefinesEquals(Type type)
        => type.GetMethod(nameof(Equals), BindingFlags.Public | BindingFlags.Instance, [typeof(object)])?.DeclaringType != typeof(object);

    /// <summary>The items in order; a dictionary's entries ordered by key, so two dictionaries built in another order compare equal.</summary>
    private static List<object?> Items(IEnumerable sequence)
    {
        var items = sequence.Cast<object?>().ToList();
        if (items.Count > 0 && items[0] is { } first && first.GetType().IsGenericType && first.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            var key = first.GetType().GetProperty("Key")!;
            items = [.. items.OrderBy(i => key.GetValue(i)?.ToString(), StringComparer.Ordinal)];
        }

        return items;
    }
}
