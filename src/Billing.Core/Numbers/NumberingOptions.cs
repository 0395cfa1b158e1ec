using Billing.Core.Customers;

namespace Billing.Core.Numbers;

/// <summary>
/// How <see cref="Number.Create"/> reads a number and which numbers it accepts: the country of national input, and whether
/// numbers reserved for drama and testing are allowed. See <c>docs/domain-model.md</c>.
/// </summary>
/// <example>
/// Tests, demos and sample data use the reserved ranges on purpose:
/// <code>
/// var testing = NumberingOptions.Default with { AllowDramaNumbers = true };
/// Number.Create(id, customer, "01632 960123", "UK-STD", sold, numbering: testing);
/// </code>
/// </example>
/// <remarks>Immutable and thread-safe; <see cref="Default"/> is shared.</remarks>
public sealed record NumberingOptions
{
    private readonly CountryCode _defaultCountry = CountryCode.From("GB");

    /// <summary>National input read as UK numbers; drama and test numbers refused.</summary>
    public static NumberingOptions Default { get; } = new();

    /// <summary>The country whose national input is expected (<c>01632 960123</c> in <c>GB</c>, <c>01 23 45 67 89</c> in
    /// <c>FR</c>). <c>GB</c> unless set. International input (<c>+</c> or the country's international prefix) is read the same
    /// whatever the country.</summary>
    /// <exception cref="ArgumentException">Set to default or to a country the numbering metadata has no plan for.</exception>
    public CountryCode DefaultCountry
    {
        get => _defaultCountry;
        init
        {
            _ = NumberingMetadata.Region(value, nameof(DefaultCountry));
            _defaultCountry = value;
        }
    }

    /// <summary>
    /// Whether numbers in the ranges reserved for drama and testing are accepted: Ofcom's UK ranges (<c>01632 960xxx</c>,
    /// <c>07700 900xxx</c>, <c>020 7946 0xxx</c> and the rest) and North America's 555-0100 to 555-0199. False unless set:
    /// such a number is never in service, so a sale on one is a mistake. Tests, demos and sample data set it; the number
    /// then takes the type of its range.
    /// </summary>
    public bool AllowDramaNumbers { get; init; }
}
