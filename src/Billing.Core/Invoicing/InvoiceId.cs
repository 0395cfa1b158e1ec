using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Billing.Core.Identity;

namespace Billing.Core.Invoicing;

/// <summary>
/// Identifies an invoice (see docs/period-charges.md, "Invoices and payments"). Host-given or generated with <see cref="New"/>;
/// never changes once the entity exists. Compared ordinally.
/// </summary>
[JsonConverter(typeof(BillingIdJsonConverter<InvoiceId>))]
public readonly struct InvoiceId : IBillingId<InvoiceId>, IDefaultable
{
    private readonly string? _value;

    private InvoiceId(string value) => _value = value;

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is <c>default(InvoiceId)</c>, which has no text and identifies nothing.</summary>
    public bool IsDefault => _value is null;

    /// <inheritdoc />
    public static string TypeName => nameof(InvoiceId);

    /// <summary>Creates an id from host-given text.</summary>
    /// <param name="value">The text; surrounding white space is removed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is empty, longer than <see cref="BillingId.MaxLength"/>, or holds a control character, an
    /// unpaired surrogate or a Unicode noncharacter.</exception>
    public static InvoiceId From(string value) => BillingId.Create<InvoiceId>(value);

    /// <summary>Generates a new unique id (<c>INV-</c> followed by 32 hex digits).</summary>
    public static InvoiceId New() => BillingId.NewId<InvoiceId>("INV");

    /// <summary>Creates an id from host-given text (as <see cref="From"/>).</summary>
    /// <param name="s">The text; surrounding white space is removed.</param>
    /// <param name="provider">Ignored: ids are culture-invariant.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is empty, longer than <see cref="BillingId.MaxLength"/>, or holds a control character, an
    /// unpaired surrogate or a Unicode noncharacter.</exception>
    public static InvoiceId Parse(string s, IFormatProvider? provider = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        return From(s);
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out InvoiceId result)
        => BillingId.TryCreate(s, out result);

    /// <summary>Tries to create an id from text.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The id, when valid.</param>
    /// <returns><see langword="true"/> when the text is a valid id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out InvoiceId result) => BillingId.TryCreate(s, out result);

    static InvoiceId IBillingId<InvoiceId>.FromValidated(string validated) => new(validated);

    /// <inheritdoc />
    public bool Equals(InvoiceId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InvoiceId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Compares two ids for equality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when both hold the same text.</returns>
    public static bool operator ==(InvoiceId left, InvoiceId right) => left.Equals(right);

    /// <summary>Compares two ids for inequality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when the ids differ.</returns>
    public static bool operator !=(InvoiceId left, InvoiceId right) => !left.Equals(right);
}
