namespace Billing.Core.Numbers;

/// <summary>
/// Ranges regulators reserve for drama, documentation and testing: never allocated, so no real line has them. Ofcom's
/// twenty UK ranges ("Telephone numbers for drama purposes": 1,000 numbers each) and the North American 555-0100 to
/// 555-0199 that NANPA keeps for fictional use in every area code.
/// </summary>
internal static class DramaNumbers
{
    /// <summary>Ofcom's ranges as national significant numbers of 10 digits: a 7-digit prefix, then any 3 digits.</summary>
    private static readonly string[] OfcomPrefixes =
    [
        "1134960", // Leeds        0113 496 0xxx
        "1144960", // Sheffield    0114 496 0xxx
        "1154960", // Nottingham   0115 496 0xxx
        "1164960", // Leicester    0116 496 0xxx
        "1174960", // Bristol      0117 496 0xxx
        "1184960", // Reading      0118 496 0xxx
        "1214960", // Birmingham   0121 496 0xxx
        "1314960", // Edinburgh    0131 496 0xxx
        "1414960", // Glasgow      0141 496 0xxx
        "1514960", // Liverpool    0151 496 0xxx
        "1614960", // Manchester   0161 496 0xxx
        "1914980", // Tyneside     0191 498 0xxx
        "2079460", // London       020 7946 0xxx
        "2896496", // Belfast      028 9649 6xxx
        "2920180", // Cardiff      029 2018 0xxx
        "1632960", // no area      01632 960xxx
        "3069990", // UK-wide      03069 990xxx
        "7700900", // mobile       07700 900xxx
        "8081570", // freephone    08081 570xxx
        "9098790", // premium rate 0909 879 0xxx
    ];

    /// <summary>Describes the reserved range a number lies in, or returns null when it lies in none.</summary>
    public static string? RangeOf(PhoneNumber number)
    {
        var nsn = number.NationalSignificantNumber;
        if (number.CountryCallingCode == UkNumberCategories.CountryCode && nsn.Length == 10)
        {
            foreach (var prefix in OfcomPrefixes)
            {
                if (nsn.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return $"Ofcom reserves {National(prefix + "000")} to {National(prefix + "999")} for drama";
                }
            }
        }

        if (number.CountryCallingCode == 1 && nsn.Length == 10 && nsn.AsSpan(3, 5).SequenceEqual("55501"))
        {
            return $"NANPA reserves {nsn[..3]}-555-0100 to {nsn[..3]}-555-0199 for fictional use";
        }

        return null;
    }

    private static string National(string ukNationalSignificantNumber)
        => NumberingMetadata.Util.Format(NumberingMetadata.Util.Parse("+44" + ukNationalSignificantNumber, null), PhoneNumbers.PhoneNumberFormat.NATIONAL);
}
