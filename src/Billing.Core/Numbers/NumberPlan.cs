namespace Billing.Core.Numbers;

/// <summary>
/// Detects the type of a telephone number of any country. UK (+44) numbers take the category of the UK numbering plan
/// that UK billing platforms use (01/02 geographic, 03 non-geographic, 055 corporate, 056 VoIP, 070 personal,
/// 071–075/07624/077–079 mobile, 076 paging, 080 freephone, 084/087 special services, 090/091/098 premium rate,
/// 118 xxx directory enquiries), and must be valid in Google's numbering metadata (libphonenumber); numbers of other
/// countries take the metadata's type. See <c>docs/domain-model.md</c>.
/// </summary>
/// <remarks>
/// Numbers reserved for drama and testing (Ofcom's <c>01632 960xxx</c>, <c>07700 900xxx</c> and the rest; North America's
/// 555-0100 to 555-0199) are refused unless <see cref="NumberingOptions.AllowDramaNumbers"/> is set. Pure and thread-safe;
/// the answer depends on the metadata of the libphonenumber-csharp version in use.
/// </remarks>
public static class NumberPlan
{
    /// <summary>Detects the type of a number.</summary>
    /// <param name="number">The number.</param>
    /// <param name="options">The numbering options (only <see cref="NumberingOptions.AllowDramaNumbers"/> matters here), or null for
    /// <see cref="NumberingOptions.Default"/>.</param>
    /// <exception cref="BillingRuleException">The plan refuses the number (not valid, an unallocated UK range, a reserved drama number
    /// not allowed), or the metadata can only tell it is a fixed line or a mobile; the message names the number.</exception>
    public static NumberType Detect(PhoneNumber number, NumberingOptions? options = null)
        => NumberClassifier.Resolve(number, null, (options ?? NumberingOptions.Default).AllowDramaNumbers);

    /// <summary>Tries to detect the type of a number, with <see cref="NumberingOptions.Default"/>.</summary>
    /// <param name="number">The number.</param>
    /// <param name="type">The type, when detected.</param>
    /// <returns><see langword="true"/> when the plan accepts the number and gives it one type.</returns>
    public static bool TryDetect(PhoneNumber number, out NumberType type) => TryDetect(number, null, out type);

    /// <summary>Tries to detect the type of a number.</summary>
    /// <param name="number">The number.</param>
    /// <param name="options">The numbering options, or null for <see cref="NumberingOptions.Default"/>.</param>
    /// <param name="type">The type, when detected.</param>
    /// <returns><see langword="true"/> when the plan accepts the number and gives it one type.</returns>
    public static bool TryDetect(PhoneNumber number, NumberingOptions? options, out NumberType type)
    {
        var detection = NumberClassifier.Detect(number, (options ?? NumberingOptions.Default).AllowDramaNumbers);
        type = detection.Type.GetValueOrDefault();
        return detection.Error is null && detection.Type is not null;
    }

    /// <summary>Whether a number lies in a range reserved for drama and testing (never in service).</summary>
    /// <param name="number">The number.</param>
    /// <returns><see langword="true"/> for Ofcom's drama ranges and North America's 555-0100 to 555-0199.</returns>
    public static bool IsReservedForDrama(PhoneNumber number) => DramaNumbers.RangeOf(number) is not null;
}
