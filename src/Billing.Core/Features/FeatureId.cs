using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Billing.Core.Identity;

namespace Billing.Core.Features;

/// <summary>
/// Identifies a feature (a recurring or one-off charge). Host-given (for example an external id) or generated with <see cref="New"/>;
/// never changes once the entity exists. Compared ordinally.
/// </summary>
[JsonConverter(typeof(BillingIdJsonConverter<FeatureId>))]
public readonly struct FeatureId : IBillingId<FeatureId>, IDefaultable
{
    private readonly string? _value;

    private FeatureId(string value) => _value = value;

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is <c>default(FeatureId)</c>, which has no text and identifies nothing.</summary>
    public bool IsDefault => _value is null;

    /// <inheritdoc />
    public static string TypeName => nameof(FeatureId);

    /// <summary>Creates an id from host-given text.</summary>
    /// <param name="value">The text; surrounding white space is removed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is empty, longer than <see cref="BillingId.MaxLength"/>, or holds a control character, an
    /// unpaired surrogate or a Unicode noncharacter.</exception>
    public static FeatureId From(string value) => BillingId.Create<FeatureId>(value);

    /// <summary>Generates a new unique id (<c>FEA-</c> followed by 32 hex digits).</summary>
    public static FeatureId New() => BillingId.NewId<FeatureId>("FEA");

    /// <summary>Creates an id from host-given text (as <see cref="From"/>).</summary>
    /// <param name="s">The text; surrounding white space is removed.</param>
    /// <param name="provider">Ignored: ids are culture-invariant.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is empty, longer than <see cref="BillingId.MaxLength"/>, or holds a control character, an
    /// unpaired surrogate or a Unicode noncharacter.</exception>
    public static FeatureId Parse(string s, IFormatProvider? provider = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        return From(s);
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FeatureId result)
        => BillingId.TryCreate(s, out result);

    /// <summary>Tries to create an id from text.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The id, when valid.</param>
    /// <returns><see langword="true"/> when the text is a valid id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out FeatureId result) => BillingId.TryCreate(s, out result);

    static FeatureId IBillingId<FeatureId>.FromValidated(string validated) => new(validated);

    /// <inheritdoc />
    public bool Equals(FeatureId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FeatureId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Compares two ids for equality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when both hold the same text.</returns>
    public static bool operator ==(FeatureId left, FeatureId right) => left.Equals(right);

    /// <summary>Compares two ids for inequality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when the ids differ.</returns>
    public static bool operator !=(FeatureId left, FeatureId right) => !left.Equals(right);
}
