using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Billing.Core.Identity;

namespace Billing.Core.Ledgers;

/// <summary>
/// Identifies a ledger transaction. Host-given (for example an external id) or generated with <see cref="New"/>;
/// never changes once the entity exists. Compared ordinally.
/// </summary>
[JsonConverter(typeof(BillingIdJsonConverter<TransactionId>))]
public readonly struct TransactionId : IBillingId<TransactionId>
{
    private const string Prefix = "TXN";

    // Host-given ids hold their text. Ids made by New() hold only this process's counter value and write their text when
    // asked, so generating one per charge allocates nothing; both forms of the same text are equal and hash alike.
    private readonly string? _value;
    private readonly ulong _generated;

    private TransactionId(string value) => _value = value;

    private TransactionId(ulong generated) => _generated = generated;

    /// <inheritdoc />
    /// <remarks>For an id made by <see cref="New"/>, each read formats the text anew.</remarks>
    public string Value => _value ?? (_generated != 0 ? BillingId.GeneratedText(Prefix, _generated) : string.Empty);

    /// <summary>Whether this is <c>default(TransactionId)</c>, which names no transaction.</summary>
    internal bool IsDefault => _value is null && _generated == 0;

    /// <inheritdoc />
    public static string TypeName => nameof(TransactionId);

    /// <summary>Creates an id from host-given text.</summary>
    /// <param name="value">The text; surrounding white space is removed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is empty, longer than <see cref="BillingId.MaxLength"/>, or holds a control character, an
    /// unpaired surrogate or a noncharacter.</exception>
    public static TransactionId From(string value) => BillingId.Create<TransactionId>(value);

    /// <summary>Generates a new unique id (<c>TXN-</c> followed by 32 hex digits).</summary>
    public static TransactionId New() => new(BillingId.NextSequence());

    /// <summary>Creates an id from host-given text (as <see cref="From"/>).</summary>
    /// <param name="s">The text; surrounding white space is removed.</param>
    /// <param name="provider">Ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is not a valid id (see <see cref="From"/>).</exception>
    public static TransactionId Parse(string s, IFormatProvider? provider = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        return From(s);
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TransactionId result)
        => BillingId.TryCreate(s, out result);

    /// <summary>Tries to create an id from text.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The id, when valid.</param>
    /// <returns><see langword="true"/> when the text is a valid id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out TransactionId result) => BillingId.TryCreate(s, out result);

    static TransactionId IBillingId<TransactionId>.FromValidated(string validated) => new(validated);

    // The length of a generated id's text: the prefix, a dash and 32 hex digits.
    private const int GeneratedTextLength = 3 + BillingId.GeneratedSuffixLength;

    /// <summary>The id's text: the stored text, or a generated id's text written into <paramref name="buffer"/>.</summary>
    private ReadOnlySpan<char> Text(Span<char> buffer)
        => _value is not null ? _value
            : _generated != 0 ? buffer[..BillingId.FormatGenerated(buffer, Prefix, _generated)]
            : [];

    /// <inheritdoc />
    public bool Equals(TransactionId other)
    {
        if (_value is null && other._value is null)
        {
            return _generated == other._generated;
        }

        Span<char> mine = stackalloc char[GeneratedTextLength];
        Span<char> theirs = stackalloc char[GeneratedTextLength];
        return Text(mine).SequenceEqual(other.Text(theirs));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TransactionId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => string.GetHashCode(Text(stackalloc char[GeneratedTextLength]), StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Compares two ids for equality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when both hold the same text.</returns>
    public static bool operator ==(TransactionId left, TransactionId right) => left.Equals(right);

    /// <summary>Compares two ids for inequality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when the ids differ.</returns>
    public static bool operator !=(TransactionId left, TransactionId right) => !left.Equals(right);
}
