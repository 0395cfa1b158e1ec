using System.Diagnostics.CodeAnalysis;

namespace Billing.Core.Identity;

/// <summary>
/// The rules shared by every strongly typed id, and generic helpers to create and parse them.
/// </summary>
public static class BillingId
{
    /// <summary>The longest id accepted, in UTF-16 code units after trimming.</summary>
    public const int MaxLength = 128;

    /// <summary>Creates an id of type <typeparamref name="TId"/> from host-given text.</summary>
    /// <typeparam name="TId">The id type.</typeparam>
    /// <param name="value">The text; leading and trailing white space is removed.</param>
    /// <returns>The id.</returns>
    /// <exception cref="BillingRuleException">The text is empty, too long or holds a control character.</exception>
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
    /// <returns>A new id such as <c>CUS-3f2a…</c>.</returns>
    internal static TId NewId<TId>(string prefix)
        where TId : struct, IBillingId<TId>
        => TId.FromValidated(prefix + "-" + Guid.NewGuid().ToString("N"));

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

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                return "an id must not contain control characters";
            }
        }

        normalised = trimmed;
        return null;
    }
}
