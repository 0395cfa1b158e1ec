namespace Billing.Core.Numbers;

/// <summary>The type of a telephone number; the UK ones follow the national numbering plan (SPEC §1.4).</summary>
public enum NumberType
{
    /// <summary>UK 01/02: geographic (area codes).</summary>
    Geographic = 1,

    /// <summary>UK 03: non-geographic, charged at geographic rates.</summary>
    NonGeographic = 2,

    /// <summary>UK 055: corporate numbering.</summary>
    Corporate = 3,

    /// <summary>UK 056: location-independent electronic communications (VoIP).</summary>
    VoIP = 4,

    /// <summary>UK 070: personal numbering.</summary>
    PersonalNumbering = 5,

    /// <summary>UK 071–075, 07624, 077–079: mobile.</summary>
    Mobile = 6,

    /// <summary>UK 076 (other than 07624): radiopaging.</summary>
    Paging = 7,

    /// <summary>UK 080: freephone.</summary>
    Freephone = 8,

    /// <summary>UK 084/087: special services (revenue sharing).</summary>
    SpecialServices = 9,

    /// <summary>UK 090/091/098: premium rate.</summary>
    PremiumRate = 10,

    /// <summary>UK 118: directory enquiries.</summary>
    DirectoryEnquiries = 11,

    /// <summary>Any other number; never auto-detected, only given.</summary>
    Other = 12,
}
