using Billing.Core.Accounts;
using Billing.Core.CustomerClasses;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Storage;

/// <summary>
/// The keys a store's unique indexes hold must refuse exactly what the domain calls the same: two class names get one
/// <see cref="CustomerClass.NameKey"/> exactly when <see cref="CustomerClass.EnsureNameUniqueAmong"/> refuses them, two aliases
/// one <see cref="Account.AliasKey"/> exactly when they are equal ignoring case (<see cref="StringComparison.OrdinalIgnoreCase"/>).
/// </summary>
public sealed class UniqueKeyTests
{
    // Letters whose case mapping is special (Turkish i, sharp s, final sigma, title-case digraphs, Deseret outside the BMP),
    // white space of several kinds, and plain ASCII.
    private static readonly string[] Pieces =
        ["a", "A", "z", "İ", "ı", "i", "I", "ß", "ẞ", "σ", "ς", "Σ", "ǅ", "ǆ", "Ǆ", "ä", "Ä", "я", "Я", "𐐨", "𐐀", "1", "-", " ", "  ", "\u00A0", "\u2003"];

    [Property(MaxTest = 2000)]
    public Property NameKey_Same_ExactlyWhenTheDomainRefusesTheSecondName()
        => Prop.ForAll(Pairs(spaces: true), pair =>
        {
            var (a, b) = pair;
            var first = CustomerClass.Create(CustomerClassId.From("CLS-A"), a, ClassManager.Administrator);
            var second = CustomerClass.Create(CustomerClassId.From("CLS-B"), b, ClassManager.Administrator);
            var refused = Refuses(() => second.EnsureNameUniqueAmong([first]));
            return (CustomerClass.NameKey(a) == CustomerClass.NameKey(b)) == refused;
        });

    [Property(MaxTest = 2000)]
    public Property AliasKey_Same_ExactlyWhenEqualIgnoringCase()
        => Prop.ForAll(Pairs(spaces: false), pair =>
        {
            var (a, b) = pair;
            return (Account.AliasKey(a) == Account.AliasKey(b)) == string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        });

    [Theory]
    [InlineData("Retail", "  RETAIL ", true)]
    [InlineData("Small  business", "small business", true)]
    [InlineData("Retail", "Retai l", false)]
    [InlineData("Straße", "STRASSE", false)]
    public void NameKey_WorkedCases(string a, string b, bool same) => (CustomerClass.NameKey(a) == CustomerClass.NameKey(b)).ShouldBe(same);

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

    /// <summary>Pairs of valid names: half of them the same name with its letters' case changed at random (and, for class names,
    /// its spacing), so that equal keys are common.</summary>
    private static Arbitrary<(string, string)> Pairs(bool spaces)
    {
        var pieces = spaces ? Pieces : [.. Pieces.Where(p => !string.IsNullOrWhiteSpace(p))];
        var name = Gen.Elements(pieces).ListOf().Select(l => string.Concat(l)).Where(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 60);
        var variant = from n in name
                      from flips in Gen.Elements(true, false).ArrayOf()
                      select (n, Vary(n, flips, spaces));
        return Gen.OneOf(variant, Gen.Zip(name, name)).Where(p => Valid(p.Item1) && Valid(p.Item2)).ToArbitrary();
    }

    // Class names are the names the domain accepts (no control characters, such as a tab, inside).
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
