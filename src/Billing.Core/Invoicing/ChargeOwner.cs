using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Numbers;
using Billing.Core.Services;

namespace Billing.Core.Invoicing;

/// <summary>
/// The account, number or service a charged feature is attached to: its kind and its id text. Compared by kind and ordinal id text,
/// so a number and a service that happen to share id text are different owners.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(ChargeOwner)</c> has no kind and names no owner (<see cref="IsDefault"/>).</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<ChargeOwner>))]
public readonly struct ChargeOwner : IEquatable<ChargeOwner>, IDefaultable
{
    private readonly string? _id;

    private ChargeOwner(ChargeOwnerKind kind, string id)
    {
        Kind = kind;
        _id = id;
    }

    /// <summary>Whether the owner is an account, a number or a service; <c>0</c> for <c>default(ChargeOwner)</c>.</summary>
    public ChargeOwnerKind Kind { get; }

    /// <summary>The owner's id text (the <see cref="AccountId"/>, <see cref="NumberId"/> or <see cref="ServiceId"/> value).</summary>
    public string Id => _id ?? string.Empty;

    /// <summary>Whether this is <c>default(ChargeOwner)</c>, which names no owner.</summary>
    public bool IsDefault => _id is null;

    /// <summary>An account as the owner of its custom charges.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is <c>default</c>.</exception>
    public static ChargeOwner ForAccount(AccountId accountId) => new(ChargeOwnerKind.Account, Guard.NotDefault(accountId).Value);

    /// <summary>A number as the owner of its features.</summary>
    /// <param name="numberId">The number.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentException"><paramref name="numberId"/> is <c>default</c>.</exception>
    public static ChargeOwner ForNumber(NumberId numberId) => new(ChargeOwnerKind.Number, Guard.NotDefault(numberId).Value);

    /// <summary>A service as the owner of its features.</summary>
    /// <param name="serviceId">The service.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentException"><paramref name="serviceId"/> is <c>default</c>.</exception>
    public static ChargeOwner ForService(ServiceId serviceId) => new(ChargeOwnerKind.Service, Guard.NotDefault(serviceId).Value);

    /// <inheritdoc />
    public bool Equals(ChargeOwner other) => Kind == other.Kind && string.Equals(_id, other._id, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChargeOwner other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _id is null ? 0 : StringComparer.Ordinal.GetHashCode(_id));

    /// <summary>The kind in lower case and the id, e.g. <c>number N-1</c>; <c>(none)</c> for <c>default(ChargeOwner)</c>.</summary>
    public override string ToString() => IsDefault ? "(none)" : KindText(Kind) + " " + Id;

    /// <summary>Compares two owners for equality.</summary>
    /// <param name="left">The first owner.</param>
    /// <param name="right">The second owner.</param>
    /// <returns><see langword="true"/> when both have the same kind and id text.</returns>
    public static bool operator ==(ChargeOwner left, ChargeOwner right) => left.Equals(right);

    /// <summary>Compares two owners for inequality.</summary>
    /// <param name="left">The first owner.</param>
    /// <param name="right">The second owner.</param>
    /// <returns><see langword="true"/> when the kinds or ids differ.</returns>
    public static bool operator !=(ChargeOwner left, ChargeOwner right) => !left.Equals(right);

    /// <summary>The kind as written in idempotency keys and messages: <c>account</c>, <c>number</c> or <c>service</c>.</summary>
    internal static string KindText(ChargeOwnerKind kind) => kind switch
    {
        ChargeOwnerKind.Account => "account",
        ChargeOwnerKind.Number => "number",
        ChargeOwnerKind.Service => "service",
        _ => "unknown",
    };
}
