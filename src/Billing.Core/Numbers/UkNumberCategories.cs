using Lib = PhoneNumbers;

namespace Billing.Core.Numbers;

/// <summary>
/// The categories UK billing platforms give +44 numbers, by prefix of the national significant number (the digits after
/// +44, the UK trunk 0 left off). Which numbers exist is the metadata's call (<see cref="NumberClassifier"/> checks it);
/// this table only names the category of a range, where the metadata's own types differ from the platform's (it calls
/// 03 and 055 "UAN" and 084/087 "premium rate").
/// </summary>
internal static class UkNumberCategories
{
    /// <summary>The UK country calling code, shared with Guernsey, Jersey and the Isle of Man, whose numbers the table covers too.</summary>
    public const int CountryCode = 44;

    /// <summary>The rows, longest prefix first so that the most specific matches (07624 before 076, 118 xxx before 01).</summary>
    private static readonly Row[] Rows =
    [
        new("7624", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("118", NumberType.DirectoryEnquiries, Lib.PhoneNumberType.UNKNOWN, ShortCodeLength: 6),
        new("55", NumberType.Corporate, Lib.PhoneNumberType.UAN),
        new("56", NumberType.VoIP, Lib.PhoneNumberType.VOIP),
        new("70", NumberType.PersonalNumbering, Lib.PhoneNumberType.PERSONAL_NUMBER),
        new("71", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("72", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("73", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("74", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("75", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("76", NumberType.Paging, Lib.PhoneNumberType.PAGER),
        new("77", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("78", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("79", NumberType.Mobile, Lib.PhoneNumberType.MOBILE),
        new("80", NumberType.Freephone, Lib.PhoneNumberType.TOLL_FREE),
        new("84", NumberType.SpecialServices, Lib.PhoneNumberType.PREMIUM_RATE),
        new("87", NumberType.SpecialServices, Lib.PhoneNumberType.PREMIUM_RATE),
        new("90", NumberType.PremiumRate, Lib.PhoneNumberType.PREMIUM_RATE),
        new("91", NumberType.PremiumRate, Lib.PhoneNumberType.PREMIUM_RATE),
        new("98", NumberType.PremiumRate, Lib.PhoneNumberType.PREMIUM_RATE),
        new("1", NumberType.Geographic, Lib.PhoneNumberType.FIXED_LINE),
        new("2", NumberType.Geographic, Lib.PhoneNumberType.FIXED_LINE),
        new("3", NumberType.NonGeographic, Lib.PhoneNumberType.UAN),
    ];

    /// <summary>The row of a national significant number, or null when the UK platform has no category for its prefix.</summary>
    public static Row? Find(string nationalSignificantNumber)
    {
        foreach (var row in Rows)
        {
            if (nationalSignificantNumber.StartsWith(row.Prefix, StringComparison.Ordinal)
                && (row.ShortCodeLength == 0 || nationalSignificantNumber.Length == row.ShortCodeLength))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>One category of the UK platform.</summary>
    /// <param name="Prefix">The leading digits of the national significant number.</param>
    /// <param name="Category">The category.</param>
    /// <param name="MetadataType">The metadata's type for the same range (for its lengths in messages, and checked against the
    /// table by the tests); <see cref="Lib.PhoneNumberType.UNKNOWN"/> for short codes, which the metadata keeps apart.</param>
    /// <param name="ShortCodeLength">For a short code (118 xxx), its only length; 0 for full numbers.</param>
    internal sealed record Row(string Prefix, NumberType Category, Lib.PhoneNumberType MetadataType, int ShortCodeLength = 0)
    {
        /// <summary>The prefix as dialled in the UK, with the trunk 0 (not for short codes, dialled as they are).</summary>
        public string Dialled => ShortCodeLength == 0 ? "0" + Prefix : Prefix;
    }
}
