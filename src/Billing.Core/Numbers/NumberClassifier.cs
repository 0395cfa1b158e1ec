using System.Globalization;
using Lib = PhoneNumbers;

namespace Billing.Core.Numbers;

/// <summary>
/// The type rule of a number, in one place: whether the numbering plan accepts it (valid in the metadata, or a reserved
/// drama number the host allows), what type it is (the UK platform's category for +44, the metadata's type elsewhere), and
/// whether an explicit type agrees. Pure; thread-safe.
/// </summary>
internal static class NumberClassifier
{
    private const string GbRegion = "GB";

    /// <summary>The type of a number: detected when <paramref name="given"/> is null, else checked against detection.</summary>
    /// <exception cref="BillingRuleException">The type is undefined; the plan refuses the number (field <c>Number</c>); no single
    /// type can be detected and none is given, or the given one contradicts detection (field <c>Number.Type</c>).</exception>
    public static NumberType Resolve(PhoneNumber number, NumberType? given, bool allowDrama)
    {
        if (given is { } g)
        {
            Guard.Rule(Enum.IsDefined(g), "Number.Type", g, "not a defined number type");
        }

        var detection = Detect(number, allowDrama);
        if (detection.Error is { } error)
        {
            throw new BillingRuleException("Number", number.Value.Length == 0 ? null : number.Value, error);
        }

        if (given is not { } type)
        {
            Guard.Rule(
                detection.Type is not null,
                "Number.Type",
                null,
                $"{number} is a fixed line or mobile number of {detection.Where}: its country gives both from the same ranges, so the numbering metadata cannot tell which; give the type, Geographic or Mobile");
            return detection.Type.Value;
        }

        if (detection.Type is not { } detected)
        {
            Guard.Rule(
                type is NumberType.Geographic or NumberType.Mobile,
                "Number.Type",
                type,
                $"{number} is a fixed line or mobile number of {detection.Where}, so its type is Geographic or Mobile, not {type}");
        }
        else
        {
            Guard.Rule(
                type == detected,
                "Number.Type",
                type,
                $"{number} is detected as {detected} by {detection.Source}, not {type}; an explicit type must agree with detection");
        }

        return type;
    }

    /// <summary>Detects without throwing: the type (null for "fixed line or mobile"), or the reason the plan refuses the number.</summary>
    public static Detection Detect(PhoneNumber number, bool allowDrama)
    {
        if (number.Value.Length == 0)
        {
            return Detection.Refused("a number is required, not default(PhoneNumber)");
        }

        var drama = DramaNumbers.RangeOf(number);
        if (drama is not null && !allowDrama)
        {
            return Detection.Refused($"{drama}, so it is never in service and a sale on it is a mistake; hosts and tests that mean to use it set NumberingOptions.AllowDramaNumbers");
        }

        var lib = NumberingMetadata.ToLib(number);
        return number.CountryCallingCode == UkNumberCategories.CountryCode
            ? DetectUk(number, lib, isDrama: drama is not null)
            : DetectElsewhere(lib, isDrama: drama is not null);
    }

    private static Detection DetectUk(PhoneNumber number, Lib.PhoneNumber lib, bool isDrama)
    {
        const string Source = "the UK numbering plan";
        var nsn = number.NationalSignificantNumber;
        if (UkNumberCategories.Find(nsn) is not { } row)
        {
            return Detection.Refused($"0{nsn[..Math.Min(2, nsn.Length)]} is not an allocated range of the UK numbering plan");
        }

        // A drama number is in a range the plan reserves, not allocates: the metadata calls 01632 960xxx and 07700 900xxx invalid.
        if (!isDrama)
        {
            if (row.ShortCodeLength > 0)
            {
                if (!NumberingMetadata.ShortNumbers.IsValidShortNumberForRegion(lib, GbRegion))
                {
                    return Detection.Refused($"{nsn} is not a UK {row.Category} short code");
                }
            }
            else if (!NumberingMetadata.Util.IsValidNumber(lib))
            {
                var length = NumberingMetadata.Util.IsPossibleNumberForTypeWithReason(lib, row.MetadataType);
                return Detection.Refused(length == Lib.PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                    ? $"{NumberingMetadata.Util.Format(lib, Lib.PhoneNumberFormat.NATIONAL)} lies in the UK {row.Category} range {row.Dialled} but in no block of it that has been allocated"
                    : $"a UK {row.Category} number ({row.Dialled}…) has {NumberingMetadata.PossibleLengths(UkNumberCategories.CountryCode, row.MetadataType)} digits after the 0, this one has {nsn.Length.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return new Detection(row.Category, "the UK (+44)", Source, null);
    }

    private static Detection DetectElsewhere(Lib.PhoneNumber lib, bool isDrama)
    {
        var where = NumberingMetadata.Describe(lib);
        var source = $"the numbering metadata of {where}";
        if (!NumberingMetadata.Util.IsValidNumber(lib))
        {
            // Reserved North American numbers lie in ranges the metadata may not list; they are fixed line or mobile like the rest.
            return isDrama
                ? new Detection(null, where, source, null)
                : Detection.Refused($"not a number of {where}: it lies in no range the numbering metadata lists as allocated");
        }

        NumberType? type = NumberingMetadata.Util.GetNumberType(lib) switch
        {
            Lib.PhoneNumberType.FIXED_LINE => NumberType.Geographic,
            Lib.PhoneNumberType.MOBILE => NumberType.Mobile,
            Lib.PhoneNumberType.TOLL_FREE => NumberType.Freephone,
            Lib.PhoneNumberType.PREMIUM_RATE => NumberType.PremiumRate,
            Lib.PhoneNumberType.SHARED_COST => NumberType.SharedCost,
            Lib.PhoneNumberType.VOIP => NumberType.VoIP,
            Lib.PhoneNumberType.PERSONAL_NUMBER => NumberType.PersonalNumbering,
            Lib.PhoneNumberType.PAGER => NumberType.Paging,
            Lib.PhoneNumberType.UAN => NumberType.UniversalAccess,
            Lib.PhoneNumberType.VOICEMAIL => NumberType.Voicemail,
            _ => null, // FIXED_LINE_OR_MOBILE (a valid number is never UNKNOWN)
        };
        return new Detection(type, where, source, null);
    }

    /// <summary>The outcome of detection.</summary>
    /// <param name="Type">The detected type, or null when the number is a fixed line or a mobile and the plan cannot tell which.</param>
    /// <param name="Where">Where the number belongs, for messages ("FR (+33)").</param>
    /// <param name="Source">What decided the type, for messages.</param>
    /// <param name="Error">Why the plan refuses the number, or null when it accepts it.</param>
    internal readonly record struct Detection(NumberType? Type, string Where, string Source, string? Error)
    {
        public static Detection Refused(string error) => new(null, string.Empty, string.Empty, error);
    }
}
