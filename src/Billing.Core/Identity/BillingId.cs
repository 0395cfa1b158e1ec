using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Billing.Core.Identity;

/// <summary>
/// The rules shared by every strongly typed id, and generic helpers to create and parse them.
/// </summary>
public static class BillingId
{
    private static readonly ulong ProcessSeed = BitConverter.ToUInt64(Guid.NewGuid().ToByteArray(), 0);
    private static long _sequence;

    /// <summary>The longest id accepted, in UTF-16 code units after trimming.</summary>
    public const int MaxLength = 128;

    /// <summary>Creates an id of type <typeparamref name="TId"/> from host-given text.</summary>
    /// <typeparam name="TId">The id type.</typeparam>
    /// <param name="value">The text; leading and trailing white space is removed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="BillingRuleException">The text is empty, too long, or holds a control character, an unpaired surrogate or a Unicode noncharacter.</exception>
    public static TId Create<TId>(string value)
        where TId : struct, IBillingId<TId>
    {
        ArgumentNullException.ThrowIfNull(value);
        var error = Validate(value, out var normalised);
        if (error is not null)
        {
            throw new BillingRuleException(TId.TypeName, value, error);
        }

        return TId.FromValidated(normalised!);
    }

    /// <summary>Tries to create an id of type <typeparamref name="TId"/> from text.</summary>
    /// <typeparam name="TId">The id type.</typeparam>
    /// <param name="value">The text.</param>
    /// <param name="id">The id, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid id.</returns>
    public static bool TryCreate<TId>([NotNullWhen(true)] string? value, out TId id)
        where TId : struct, IBillingId<TId>
    {
        if (value is not null && Validate(value, out var normalised) is null)
        {
            id = TId.FromValidated(normalised!);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Creates a new unique id of type <typeparamref name="TId"/> with a prefix, for hosts that do not supply their own.</summary>
    /// <typeparam name="TId">The id type.</typeparam>
    /// <param name="prefix">A short prefix such as <c>CUS</c>.</param>
    /// <returns>A new id such as <c>CUS-3f2a…</c>: the prefix, a dash and 32 hex digits.</returns>
    /// <remarks>
    /// The 32 digits are a 64-bit random number drawn once per process followed by a 64-bit counter, so ids are unique within a
    /// process by construction and across processes with overwhelming probability, and cost no call into the operating system's
    /// random source per id (a <see cref="Guid.NewGuid"/> per charge costs more than the rest of the charge on some machines).
    /// </remarks>
    internal static TId NewId<TId>(string prefix)
        where TId : struct, IBillingId<TId>
        => TId.FromValidated(GeneratedText(prefix, NextSequence()));

    /// <summary>The text of the id generated in this process with the given prefix and counter value.</summary>
    internal static string GeneratedText(string prefix, ulong sequence)
        => string.Create(GeneratedLength(prefix), (prefix, sequence), static (span, state) => FormatGenerated(span, state.prefix, state.sequence));

    /// <summary>The next number of this process's id counter; never zero.</summary>
    internal static ulong NextSequence() => (ulong)Interlocked.Increment(ref _sequence);

    /// <summary>What follows the prefix of a generated id: a dash and 32 hex digits.</summary>
    internal const int GeneratedSuffixLength = 33;

    /// <summary>The length of a generated id's text with the given prefix.</summary>
    internal static int GeneratedLength(string prefix) => prefix.Length + GeneratedSuffixLength;

    /// <summary>Writes the text of the id generated in this process with the given prefix and counter value.</summary>
    /// <param name="destination">At least <see cref="GeneratedLength"/> characters.</param>
    /// <param name="prefix">The prefix.</param>
    /// <param name="sequence">The counter value.</param>
    /// <returns>The characters written.</returns>
    internal static int FormatGenerated(Span<char> destination, string prefix, ulong sequence)
    {
        prefix.AsSpan().CopyTo(destination);
        destination[prefix.Length] = '-';
        var written = ProcessSeed.TryFormat(destination[(prefix.Length + 1)..], out var seedLength, "x16", CultureInfo.InvariantCulture)
            & sequence.TryFormat(destination[(prefix.Length + 17)..], out var sequenceLength, "x16", CultureInfo.InvariantCulture);
        Debug.Assert(written && seedLength == 16 && sequenceLength == 16, "A generated id is the prefix, a dash and 32 hex digits.");
        return GeneratedLength(prefix);
    }

    /// <summary>Returns null when <paramref name="value"/> is a valid id, else the rule it breaks.</summary>
    internal static string? Validate(string value, out string? normalised)
    {
        normalised = null;
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return "an id must not be empty or white space";
        }

        if (trimmed.Length > MaxLength)
        {
            return $"an id must be at most {MaxLength} characters long, this one has {trimmed.Length}";
        }

        if (UnicodeText.Problem(trimmed) is { } problem)
        {
            return "an id " + problem;
        }

        normalised = trimmed;
        return null;
    }
}
