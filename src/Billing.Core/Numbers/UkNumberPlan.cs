using System.Globalization;

namespace Billing.Core.Numbers;

/// <summary>
/// Auto-detection of the type of a UK number from the national numbering plan (see docs/domain-model.md). A pure function:
/// the national significant number (the digits after +44) decides the type, and its length must be one the
/// plan allows for that range.
/// </summary>
/// <remarks>
/// Lengths of the national significant number: 01 9 or 10 digits (areas with five-digit local numbers have 9);
/// 02, 03, 055, 056, 07x, 084, 087, 09x 10 digits; 080 9 or 10 (0800 has some 9-digit numbers);
/// 118 6 digits (118 xxx). Thread-safe.
/// </remarks>
public static class UkNumberPlan
{
    /// <summary>Detects the type of a UK number.</summary>
    /// <param name="number">The number.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ArgumentException"><paramref name="number"/> is <c>default(PhoneNumber)</c>.</exception>
    /// <exception cref="BillingRuleException">The number is not a UK number, or has an unallocated prefix or an impossible length; the message names the number.</exception>
    public static NumberType Detect(PhoneNumber number)
    {
        Guard.NotDefault(number);
        var error = Explain(number, out var type);
        if (error is not null)
        {
            throw new BillingRuleException("Number", number.Value, error);
        }

        return type;
    }

    /// <summary>Tries to detect the type of a UK number.</summary>
    /// <param name="number">The number.</param>
    /// <param name="type">The type, when detected.</param>
    /// <returns><see langword="true"/> when the number is a UK number of an allocated range and a possible length.</returns>
    public static bool TryDetect(PhoneNumber number, out NumberType type) => Explain(number, out type) is null;

    private static string? Explain(PhoneNumber number, out NumberType type)
    {
        type = default;
        if (number.UkNationalSignificantNumber is not { } nsn)
        {
            return "type auto-detection covers UK (+44) numbers only; give the type";
        }

        (NumberType Type, int Min, int Max)? rule = nsn switch
        {
            _ when nsn.StartsWith("118", StringComparison.Ordinal) && nsn.Length == 6 => (NumberType.DirectoryEnquiries, 6, 6),
            ['1', ..] => (NumberType.Geographic, 9, 10),
            ['2', ..] => (NumberType.Geographic, 10, 10),
            ['3', ..] => (NumberType.NonGeographic, 10, 10),
            ['5', '5', ..] => (NumberType.Corporate, 10, 10),
            ['5', '6', ..] => (NumberType.VoIP, 10, 10),
            ['7', '0', ..] => (NumberType.PersonalNumbering, 10, 10),
            ['7', '6', '2', '4', ..] => (NumberType.Mobile, 10, 10),
            ['7', '6', ..] => (NumberType.Paging, 10, 10),
            ['7', >= '1' and <= '5' or >= '7' and <= '9', ..] => (NumberType.Mobile, 10, 10),
            ['8', '0', ..] => (NumberType.Freephone, 9, 10),
            ['8', '4' or '7', ..] => (NumberType.SpecialServices, 10, 10),
            ['9', '0' or '1' or '8', ..] => (NumberType.PremiumRate, 10, 10),
            _ => null,
        };

        if (rule is not { } r)
        {
            return $"0{Prefix(nsn)} is not an allocated range of the UK numbering plan";
        }

        if (nsn.Length < r.Min || nsn.Length > r.Max)
        {
            var lengths = r.Min == r.Max ? r.Min.ToString(CultureInfo.InvariantCulture) : $"{r.Min.ToString(CultureInfo.InvariantCulture)} or {r.Max.ToString(CultureInfo.InvariantCulture)}";
            return $"a UK {r.Type} number (0{Prefix(nsn)}…) has {lengths} digits after the 0, this one has {nsn.Length.ToString(CultureInfo.InvariantCulture)}";
        }

        type = r.Type;
        return null;
    }

    private static string Prefix(string nsn) => nsn.Length <= 2 ? nsn : nsn[..2];
}
