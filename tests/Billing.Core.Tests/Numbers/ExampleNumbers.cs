using FsCheck;
using FsCheck.Fluent;
using Lib = PhoneNumbers;

namespace Billing.Core.Tests.Numbers;

/// <summary>
/// Valid numbers of every region and type the numbering metadata knows, drawn from its example numbers: each example with
/// up to four of its last digits replaced at random, kept when the metadata still calls the result valid (else the
/// example itself), so the properties see numbers beyond the fixed examples.
/// </summary>
internal static class ExampleNumbers
{
    public static readonly Lib.PhoneNumberUtil Util = Lib.PhoneNumberUtil.GetInstance();

    /// <summary>Every example: (region, type asked for, number); non-geographic entities (+800, +882, …) under region "001".</summary>
    public static readonly IReadOnlyList<(string Region, Lib.PhoneNumberType Type, Lib.PhoneNumber Number)> All = Collect();

    /// <summary>A valid number of the metadata.</summary>
    public static Gen<Lib.PhoneNumber> Valid =>
        from example in Gen.Elements(All.ToArray())
        from replaced in Gen.Choose(0, 4)
        from digits in Gen.Choose(0, 9999)
        select Mutate(example.Number, replaced, digits);

    private static Lib.PhoneNumber Mutate(Lib.PhoneNumber example, int replaced, int digits)
    {
        var nsn = Util.GetNationalSignificantNumber(example);
        if (replaced == 0 || replaced >= nsn.Length)
        {
            return example;
        }

        var tail = (digits % (int)Math.Pow(10, replaced)).ToString(new string('0', replaced), System.Globalization.CultureInfo.InvariantCulture);
        var candidate = Util.Parse("+" + example.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + nsn[..^replaced] + tail, null);
        return Util.IsValidNumber(candidate) ? candidate : example;
    }

    private static List<(string, Lib.PhoneNumberType, Lib.PhoneNumber)> Collect()
    {
        var all = new List<(string, Lib.PhoneNumberType, Lib.PhoneNumber)>();
        foreach (var region in Util.GetSupportedRegions().Order(StringComparer.Ordinal))
        {
            foreach (var type in Enum.GetValues<Lib.PhoneNumberType>())
            {
                if (type != Lib.PhoneNumberType.UNKNOWN && Util.GetExampleNumberForType(region, type) is { } example)
                {
                    all.Add((region, type, example));
                }
            }
        }

        foreach (var code in Util.GetSupportedGlobalNetworkCallingCodes().Order())
        {
            if (Util.GetExampleNumberForNonGeoEntity(code) is { } example)
            {
                all.Add(("001", Util.GetNumberType(example), example));
            }
        }

        return all;
    }
}
