namespace Billing.Core.Storage.PostgreSql;

/// <summary>
/// What PostgreSQL text cannot hold: the character U+0000 (no text or jsonb value may contain it) and unpaired UTF-16
/// surrogates (the database stores UTF-8, which has no encoding for them). Such text is refused before anything is written,
/// so one caller's text never fails a batch shared with others.
/// </summary>
internal static class PostgreSqlText
{
    /// <summary>Refuses text PostgreSQL cannot store.</summary>
    /// <exception cref="BillingRuleException">The text holds U+0000 or an unpaired surrogate.</exception>
    public static void Check(string? value, string field)
    {
        if (value is not null && !IsStorable(value))
        {
            throw new BillingRuleException(
                field,
                value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "..."),
                "PostgreSQL text cannot hold the character U+0000 or an unpaired UTF-16 surrogate");
        }
    }

    /// <summary>Whether PostgreSQL can store the text exactly.</summary>
    public static bool IsStorable(ReadOnlySpan<char> value)
    {
        if (value.Contains('\0'))
        {
            return false;
        }

        var i = value.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return true;
        }

        for (; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
