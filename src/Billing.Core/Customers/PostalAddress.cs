using System.Text.Json.Serialization;

namespace Billing.Core.Customers;

/// <summary>
/// A billing address: one to four street lines, a city, an optional region and postcode, and an
/// ISO 3166-1 alpha-2 country. Every part is trimmed; lines and city are at most 100 characters, region
/// 100, postcode 20.
/// </summary>
/// <remarks>Immutable and thread-safe; equal when every part is equal (ordinal).</remarks>
[JsonConverter(typeof(PostalAddressJsonConverter))]
public sealed class PostalAddress : IEquatable<PostalAddress>
{
    private const int MaxLines = 4;
    private const int MaxPart = 100;
    private const int MaxPostcode = 20;

    private PostalAddress(IReadOnlyList<string> lines, string city, string? region, string? postcode, CountryCode country)
    {
        Lines = lines;
        City = city;
        Region = region;
        Postcode = postcode;
        Country = country;
    }

    /// <summary>The street lines, one to four, none empty.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The city or town.</summary>
    public string City { get; }

    /// <summary>The region, county or state, when given.</summary>
    public string? Region { get; }

    /// <summary>The postcode, when the country uses one.</summary>
    public string? Postcode { get; }

    /// <summary>The country.</summary>
    public CountryCode Country { get; }

    /// <summary>Creates a validated address.</summary>
    /// <param name="lines">One to four street lines.</param>
    /// <param name="city">The city or town.</param>
    /// <param name="country">An ISO 3166-1 alpha-2 code such as <c>GB</c>.</param>
    /// <param name="region">The region, or null.</param>
    /// <param name="postcode">The postcode, or null.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/>, a line, <paramref name="city"/> or <paramref name="country"/> is null.</exception>
    /// <exception cref="BillingRuleException">A part is empty, too long, holds control characters, or the country is not an ISO 3166-1 alpha-2 code.</exception>
    public static PostalAddress Create(IEnumerable<string> lines, string city, string country, string? region = null, string? postcode = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(country);
        var list = new List<string>();
        foreach (var line in lines)
        {
            list.Add(DomainText.Required(line, "Address.Lines", MaxPart, nameof(lines)));
            Guard.Rule(list.Count <= MaxLines, "Address.Lines", list.Count, $"an address has at most {MaxLines} street lines");
        }

        Guard.Rule(list.Count > 0, "Address.Lines", null, "an address needs at least one street line");
        return new PostalAddress(
            list.AsReadOnly(),
            DomainText.Required(city, "Address.City", MaxPart),
            DomainText.Optional(region, "Address.Region", MaxPart),
            DomainText.Optional(postcode, "Address.Postcode", MaxPostcode),
            CountryCode.From(country));
    }

    /// <inheritdoc />
    public bool Equals(PostalAddress? other)
        => other is not null
           && Lines.SequenceEqual(other.Lines, StringComparer.Ordinal)
           && string.Equals(City, other.City, StringComparison.Ordinal)
           && string.Equals(Region, other.Region, StringComparison.Ordinal)
           && string.Equals(Postcode, other.Postcode, StringComparison.Ordinal)
           && Country == other.Country;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PostalAddress);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Lines.Count, City, Postcode, Country);

    /// <summary>The address on one line, parts separated by commas.</summary>
    public override string ToString()
        => string.Join(", ", Lines.Append(City).Append(Region).Append(Postcode).Append(Country.Code).Where(p => !string.IsNullOrEmpty(p)));
}
