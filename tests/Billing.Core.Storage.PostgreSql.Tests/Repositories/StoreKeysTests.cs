using Billing.Core.CustomerClasses;
using Billing.Core.Storage.PostgreSql.Repositories;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Core.Storage.PostgreSql.Tests.Repositories;

/// <summary>
/// The key columns must make the unique constraints refuse exactly what the domain calls the same: two class names get one
/// <see cref="ClassNameKey"/> exactly when <see cref="CustomerClass.EnsureNameUniqueAmong"/> refuses the second, two aliases one
/// key exactly when they are equal ignoring case (<see cref="StringComparison.OrdinalIgnoreCase"/>, as the domain compares them).
/// </summary>
public sealed class StoreKeysTests
{
    // Letters whose case mapping is special (Turkish i, sharp s, final sigma, title-case digraphs, Deseret outside the BMP),
    // white space of several kinds, and plain ASCII.
    private static readonly string[] Pieces =
        ["a", "A", "z", "İ", "ı", "i", "I", "ß", "ẞ", "σ", "ς", "Σ", "ǅ", "ǆ", "Ǆ", "ä", "Ä", "я", "Я", "𐐨", "𐐀", "ﬃ", "1", "-", " ", "  ", "\u00A0", "\u2003"];

    [Property(MaxTest = 2000)]
    public Property ClassNameKey_Same_ExactlyWhenTheDomainRefusesTheSecondName()
        => Prop.ForAll(Pairs(spaces: true), pair =>
        {
            var (a, b) = pair;
            var first = CustomerClass.Create(CustomerClassId.From("CLS-A"), a, ClassManager.Administrator);
            var second = CustomerClass.Create(CustomerClassId.From("CLS-B"), b, ClassManager.Administrator);
            var refused = Refuses(() => second.EnsureNameUniqueAmong([first]));
            return (ClassNameKey.Of(a) == ClassNameKey.Of(b)) == refused;
        });

    [Property(MaxTest = 2000)]
    public Property AliasKey_Same_ExactlyWhenEqualIgnoringCase()
        => Prop.ForAll(Pairs(spaces: false), pair =>
        {
            var (a, b) = pair;
            return (PostgreSqlAccountRepository.AliasKey(a) == PostgreSqlAccountRepository.AliasKey(b)) == string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        });

    [Theory]
    [InlineData("Retail", "  RETAIL ", true)]
    [InlineData("Small  business", "small\u2003business", true)]
    [InlineData("Retail", "Retai l", false)]
    [InlineData("Straße", "STRASSE", false)]
    [InlineData("ǅemal", "ǄEMAL", true)]
    public void ClassNameKey_WorkedCases(string a, string b, bool same) => (ClassNameKey.Of(a) == ClassNameKey.Of(b)).ShouldBe(same);

    private static bool Refuses(Action check)
    {
        try
        {
            check();
            return false;
        }
        catch (BillingRuleException)
        {
            return true;
        }
    }

    /// <summary>Pairs of valid names: half of them one name with its letters' case changed at random (and, for class names, its
    /// spacing), so that equal keys are common.</summary>
    private static Arbitrary<(string, string)> Pairs(bool spaces)
    {
        var pieces = spaces ? Pieces : [.. Pieces.Where(p => !string.IsNullOrWhiteSpace(p))];
        var name = Gen.Elements(pieces).ListOf().Select(l => string.Concat(l)).Where(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 60);
        var variant = from n in name
                      from flips in Gen.Elements(true, false).ArrayOf()
                      select (n, Vary(n, flips, spaces));
        return Gen.OneOf(variant, Gen.Zip(name, name)).Where(p => Valid(p.Item1) && Valid(p.Item2)).ToArbitrary();
    }

    private static bool Valid(string name) => !Refuses(() => CustomerClass.Create(CustomerClassId.From("CLS-V"), name, ClassManager.Administrator));

    private static string Vary(string name, bool[] flips, bool spaces)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length && i < flips.Length; i++)
        {
            if (flips[i])
            {
                chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            }
        }

        var varied = new string(chars);
        return spaces && flips.Length > 0 && flips[0] ? "  " + varied.Replace(" ", "\u2003 ", StringComparison.Ordinal) + " " : varied;
    }
}
