namespace Billing.Core;

/// <summary>
/// The character rules every free-text field and every id follows: no control characters, no unpaired surrogates and no Unicode
/// noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF, U+1FFFE, …). Text that passes can be
/// normalised, stored and written as UTF-8 or JSON on every platform.
/// </summary>
internal static class UnicodeText
{
    /// <summary>The rule <paramref name="value"/> breaks, as a message fragment, or null when it breaks none.</summary>
    public static string? Problem(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return "must not contain control characters";
            }

            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                return $"must be valid Unicode text (it holds an unpaired surrogate at index {i})";
            }

            if (IsNoncharacter(codePoint))
            {
                return $"must not contain Unicode noncharacters (it holds U+{codePoint:X4})";
            }
        }

        return null;
    }

    /// <summary>Whether every surrogate in <paramref name="value"/> is part of a pair and it holds no noncharacter: what Unicode
    /// normalisation accepts on every platform.</summary>
    public static bool IsNormalisable(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            int codePoint = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(value[i], value[++i]);
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }

            if (IsNoncharacter(codePoint))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="codePoint"/> is one of the 66 Unicode noncharacters.</summary>
    public static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
