using System.Text.Json.Serialization;
using Billing.Core.Customers;

namespace Billing.Core.CustomerClasses;

/// <summary>
/// Who manages a customer class (see docs/domain-model.md): the administrator (the root), or one reseller. An administrator
/// class may be assigned only to the root's direct customers; a reseller's class only to customers below
/// that reseller.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(ClassManager)</c> is the administrator.</remarks>
[JsonConverter(typeof(ClassManagerJsonConverter))]
public readonly struct ClassManager : IEquatable<ClassManager>
{
    private ClassManager(CustomerId? reseller) => ResellerId = reseller;

    /// <summary>The administrator (the root customer's operator).</summary>
    public static ClassManager Administrator => default;

    /// <summary>The reseller that manages the class, or null when the administrator does.</summary>
    public CustomerId? ResellerId { get; }

    /// <summary>Whether the administrator manages the class.</summary>
    public bool IsAdministrator => ResellerId is null;

    /// <summary>A class managed by the given reseller.</summary>
    /// <param name="reseller">The reseller's customer id.</param>
    /// <returns>The manager.</returns>
    /// <exception cref="ArgumentException"><paramref name="reseller"/> is <c>default(CustomerId)</c>.</exception>
    public static ClassManager Reseller(CustomerId reseller) => new(Guard.NotDefault(reseller));

    /// <inheritdoc />
    public bool Equals(ClassManager other) => Nullable.Equals(ResellerId, other.ResellerId);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ClassManager other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ResellerId?.GetHashCode() ?? 0;

    /// <summary><c>Administrator</c> or <c>Reseller(id)</c>.</summary>
    public override string ToString() => ResellerId is { } id ? $"Reseller({id})" : "Administrator";

    /// <summary>Compares two managers for equality.</summary>
    /// <param name="left">The first manager.</param>
    /// <param name="right">The second manager.</param>
    public static bool operator ==(ClassManager left, ClassManager right) => left.Equals(right);

    /// <summary>Compares two managers for inequality.</summary>
    /// <param name="left">The first manager.</param>
    /// <param name="right">The second manager.</param>
    public static bool operator !=(ClassManager left, ClassManager right) => !left.Equals(right);
}
