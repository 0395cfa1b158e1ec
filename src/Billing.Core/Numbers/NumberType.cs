using System.Text.Json.Serialization;

namespace Billing.Core.Numbers;

/// <summary>
/// The type of a telephone number. UK (+44) numbers have the categories of the UK numbering plan as UK billing platforms
/// use them; numbers of other countries have the type Google's numbering metadata gives them. See
/// <see cref="NumberPlan"/> and <c>docs/domain-model.md</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<NumberType>))]
public enum NumberType
{
    /// <summary>A fixed line with a geographic number: UK 01/02; elsewhere a fixed line.</summary>
    Geographic = 1,

    /// <summary>UK 03: non-geographic, charged at geographic rates. UK only (elsewhere see <see cref="UniversalAccess"/>).</summary>
    NonGeographic = 2,

    /// <summary>UK 055: corporate numbering. UK only.</summary>
    Corporate = 3,

    /// <summary>UK 056: location-independent electronic communications; elsewhere a VoIP number.</summary>
    VoIP = 4,

    /// <summary>UK 070: personal numbering; elsewhere a personal number (one number that follows its owner).</summary>
    PersonalNumbering = 5,

    /// <summary>UK 071–075, 07624, 077–079; elsewhere a mobile number.</summary>
    Mobile = 6,

    /// <summary>UK 076 (other than 07624): radiopaging; elsewhere a pager.</summary>
    Paging = 7,

    /// <summary>UK 080: freephone; elsewhere a toll-free number (including +800 international freephone).</summary>
    Freephone = 8,

    /// <summary>UK 084/087: special services (revenue sharing). UK only; the metadata counts them as premium rate.</summary>
    SpecialServices = 9,

    /// <summary>UK 090/091/098; elsewhere a premium-rate number.</summary>
    PremiumRate = 10,

    /// <summary>UK 118 xxx: directory enquiries. UK only.</summary>
    DirectoryEnquiries = 11,

    /// <summary>
    /// A type no detection gives. Every number the plan accepts has a detected type that an explicit type must agree with,
    /// so a new number cannot take it; it remains for records a host stores and restores with it.
    /// </summary>
    Other = 12,

    /// <summary>Outside the UK: a shared-cost number, whose call the caller and the called party share (for example German 0180).</summary>
    SharedCost = 13,

    /// <summary>Outside the UK: a universal access number, one number reaching a company nationwide.</summary>
    UniversalAccess = 14,

    /// <summary>Outside the UK: a number for voicemail access.</summary>
    Voicemail = 15,
}
