using System.Collections.Frozen;
using System.Globalization;
using Billing.Core.Customers;
using Lib = PhoneNumbers;

namespace Billing.Core.Numbers;

/// <summary>
/// The one door to Google's numbering metadata (the libphonenumber-csharp package): its thread-safe singletons, the
/// conversion of a <see cref="PhoneNumber"/> to the library's number, and the facts messages quote (possible lengths,
/// the name of a number's country).
/// </summary>
internal static class NumberingMetadata
{
    /// <summary>The region libphonenumber uses for numbers of no country (+800, +882, …).</summary>
    private const string NonGeographicRegion = "001";

    public static Lib.PhoneNumberUtil Util { get; } = Lib.PhoneNumberUtil.GetInstance();

    public static Lib.ShortNumberInfo ShortNumbers { get; } = Lib.ShortNumberInfo.GetInstance();

    private static FrozenSet<string> Regions { get; } = Util.GetSupportedRegions().ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The libphonenumber region of a country, for national input.</summary>
    /// <exception cref="ArgumentException">The country is default or has no numbering plan in the metadata.</exception>
    public static string Region(CountryCode country, string paramName)
    {
        if (country.Code.Length == 0)
        {
            throw new ArgumentException("A country is required, not default(CountryCode).", paramName);
        }

        if (!Regions.Contains(country.Code))
        {
            throw new ArgumentException($"The numbering metadata has no plan for {country.Code}; give numbers of that country with '+' and the country code.", paramName);
        }

        return country.Code;
    }

    /// <summary>The library's form of a parsed number (never call it on <c>default(PhoneNumber)</c>).</summary>
    public static Lib.PhoneNumber ToLib(PhoneNumber number) => Util.Parse(number.Value, null);

    /// <summary>The region a valid number belongs to (<c>GB</c>, <c>JE</c>, <c>US</c>), or null when the metadata names none.</summary>
    public static string? RegionOf(Lib.PhoneNumber number)
    {
        var region = Util.GetRegionCodeForNumber(number);
        return string.IsNullOrEmpty(region) || region is NonGeographicRegion or "ZZ" ? null : region;
    }

    /// <summary>How messages name where a number belongs: "FR (+33)", or "+800" for a number of no country.</summary>
    public static string Describe(Lib.PhoneNumber number)
    {
        var code = "+" + number.CountryCode.ToString(CultureInfo.InvariantCulture);
        var region = RegionOf(number);
        if (region is null && Util.GetRegionCodesForCountryCode(number.CountryCode) is [var only] && only is not NonGeographicRegion)
        {
            region = only;
        }

        return region is null ? code : $"{region} ({code})";
    }

    /// <summary>The lengths of national significant number the plan of a country code allows, as "9 or 10".</summary>
    public static string PossibleLengths(int countryCode)
        => Lengths(MetadataFor(countryCode)?.GeneralDesc);

    /// <summary>The lengths of national significant number the plan of a country code allows for one type of number.</summary>
    public static string PossibleLengths(int countryCode, Lib.PhoneNumberType type)
    {
        var metadata = MetadataFor(countryCode);
        if (metadata is null)
        {
            return "no";
        }

        var desc = DescOf(metadata, type);
        return desc is null || desc.PossibleLengthList.Count == 0 ? Lengths(metadata.GeneralDesc) : Lengths(desc);
    }

    private static Lib.PhoneMetadata? MetadataFor(int countryCode)
    {
        var region = Util.GetRegionCodeForCountryCode(countryCode);
        return region == NonGeographicRegion ? Util.GetMetadataForNonGeographicalRegion(countryCode) : Util.GetMetadataForRegion(region);
    }

    private static Lib.PhoneNumberDesc? DescOf(Lib.PhoneMetadata metadata, Lib.PhoneNumberType type)
        => type switch
        {
            Lib.PhoneNumberType.FIXED_LINE => metadata.FixedLine,
            Lib.PhoneNumberType.MOBILE => metadata.Mobile,
            Lib.PhoneNumberType.TOLL_FREE => metadata.TollFree,
            Lib.PhoneNumberType.PREMIUM_RATE => metadata.PremiumRate,
            Lib.PhoneNumberType.SHARED_COST => metadata.SharedCost,
            Lib.PhoneNumberType.VOIP => metadata.Voip,
            Lib.PhoneNumberType.PERSONAL_NUMBER => metadata.PersonalNumber,
            Lib.PhoneNumberType.PAGER => metadata.Pager,
            Lib.PhoneNumberType.UAN => metadata.Uan,
            Lib.PhoneNumberType.VOICEMAIL => metadata.Voicemail,
            _ => metadata.GeneralDesc,
        };

    private static string Lengths(Lib.PhoneNumberDesc? desc)
    {
        var lengths = desc?.PossibleLengthList.Where(l => l > 0).Distinct().Order().Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray() ?? [];
        return lengths.Length switch
        {
            0 => "no",
            1 => lengths[0],
            _ => string.Join(", ", lengths[..^1]) + " or " + lengths[^1],
        };
    }
}
