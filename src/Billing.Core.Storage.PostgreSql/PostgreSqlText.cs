using System.Text;

namespace Billing.Core.Storage.PostgreSql;

/// <summary>
/// What PostgreSQL text cannot hold: the character U+0000 (no text or jsonb value may contain it) and unpaired UTF-16
/// surrogates (the database stores UTF-8, which has no encoding for them, and System.Text.Json would silently write U+FFFD
/// instead). Such text is refused before anything is written, so nothing is changed on the way and one caller's text never
/// fails a batch shared with others.
/// </summary>
internal static class PostgreSqlText
{
    /// <summary>Refuses text PostgreSQL cannot store.</summary>
    /// <param name="value">The text; null passes.</param>
    /// <param name="field">The field it is, for the exception (e.g. <c>Customer.Name</c>).</param>
    /// <exception cref="BillingRuleException">The text holds U+0000 or an unpaired surrogate; the exception's value shows them
    /// escaped (<c>\u0000</c>), so that the message itself can be logged.</exception>
    public static void Check(string? value, string field)
    {
        if (value is null || FirstUnstorable(value) is not { } index)
        {
            return;
        }

        var what = value[index] == '\0' ? "the character U+0000" : $"an unpaired UTF-16 surrogate (U+{(int)value[index]:X4})";
        throw new BillingRuleException(field, Printable(value), $"PostgreSQL text cannot hold {what}, found at index {index}");
    }

    /// <summary>Whether PostgreSQL can store the text exactly.</summary>
    public static bool IsStorable(ReadOnlySpan<char> value) => FirstUnstorable(value) is null;

    /// <summary>The index of the first character PostgreSQL cannot store, or null when it can store them all.</summary>
    private static int? FirstUnstorable(ReadOnlySpan<char> value)
    {
        var nul = value.IndexOf('\0');
        var end = nul < 0 ? value.Length : nul;
        var i = value[..end].IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return nul < 0 ? null : nul;
        }

        for (; i < end; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return nul < 0 ? null : nul;
    }

    /// <summary>The text with U+0000 and unpaired surrogates written as <c>\uXXXX</c>, cut to about 80 characters.</summary>
    private static string Printable(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, 90));
        var i = 0;
        for (; i < value.Length && builder.Length < 77; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (c == '\0' || char.IsSurrogate(c))
            {
                builder.Append($"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return i < value.Length ? builder.Append("...").ToString() : builder.ToString();
    }
}
