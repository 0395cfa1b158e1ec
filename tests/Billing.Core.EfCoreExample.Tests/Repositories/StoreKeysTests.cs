using Billing.Core.CustomerClasses;
using Billing.Core.EfCoreExample.Repositories;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Core.EfCoreExample.Tests.Repositories;

/// <summary>
/// The stored keys make the unique indexes refuse exactly what the domain calls the same: two class names get one key exactly when
/// <see cref="CustomerClass.EnsureNameUniqueAmong"/> refuses the second, two aliases exactly when they are equal ignoring case.
/// </summary>
public sealed class StoreKeysTests
{
    // Letters whose case mapping is special (Turkish i, sharp s, sigma, title-case digraphs, Deseret beyond the BMP), white space
    // of several kinds, and plain ASCII.
    private static readonly string[] Pieces =
        ["a", "A", "İ", "ı", "i", "I", "ß", "ẞ", "σ", "ς", "Σ", "ǅ", "ǆ", "Ǆ", "я", "Я", "𐐨", "𐐀", "1", "-", " ", "  ", "\u00A0", "\u2003"];

    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(2_000);

    [Property(MaxTest = 2000)]
    public Property ClassName_SameKey_ExactlyWhenTheDomainRefusesTheSecondName()
        => Prop.ForAll(Pairs(spaces: true), pair =>
        {
            var first = CustomerClass.Create(CustomerClassId.From("CLS-A"), pair.Item1, ClassManager.Administrator);
            var second = CustomerClass.Create(CustomerClassId.From("CLS-B"), pair.Item2, ClassManager.Administrator);
            return (StoreKeys.ClassName(pair.Item1) == StoreKeys.ClassName(pair.Item2)) == Refuses(() => second.EnsureNameUniqueAmong([first]));
        });

    [Property(MaxTest = 2000)]
    public Property Alias_SameKey_ExactlyWhenEqualIgnoringCase()
        => Prop.ForAll(Pairs(spaces: false), pair =>
            (StoreKeys.Alias(pair.Item1) == StoreKeys.Alias(pair.Item2)) == string.Equals(pair.Item1, pair.Item2, StringComparison.OrdinalIgnoreCase))
        ;

    [Theory]
    [InlineData("Retail", "  RETAIL ", true)]
    [InlineData("Small \u2003 business", "small business", true)]
    [InlineData("Retail", "Retai l", false)]
    [InlineData("Straße", "STRASSE", false)]
    public void ClassName_WorkedCases_SameKeyOnlyIgnoringCaseAndSpacing(string a, string b, bool same)
        => (StoreKeys.ClassName(a) == StoreKeys.ClassName(b)).ShouldBe(same);

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

    /// <summary>Pairs of names the domain accepts: half of them one name with the case of its letters (and, for class names, its
    /// spacing) changed at random, so that equal keys are common.</summary>
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
        var varied = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var flip = i < flips.Length && flips[i];
            var c = name[i];
            if (spaces && char.IsWhiteSpace(c))
            {
                varied.Append(flip ? "  " : " ");
            }
            else
            {
                varied.Append(flip ? (char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c);
            }
        }

        return spaces && flips.Length > 0 && flips[0] ? " " + varied + "\u00A0" : varied.ToString();
    }
}
