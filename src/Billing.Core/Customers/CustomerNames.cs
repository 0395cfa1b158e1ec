using System.Text;

namespace Billing.Core.Customers;

/// <summary>
/// The normalised form of a customer name used by the duplicate check (see docs/domain-model.md): case, white space,
/// punctuation and trailing company suffixes (Ltd, Limited, Inc, LLC, GmbH, …) are ignored.
/// </summary>
public static class CustomerNames
{
    // Only trailing words are stripped: "Limited Editions Ltd" keeps "limitededitions".
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "ltd", "limited", "inc", "incorporated", "llc", "gmbh", "plc", "corp", "corporation",
    };

    /// <summary>Returns the key two names share exactly when the duplicate check treats them as the same name.</summary>
    /// <param name="name">A customer name.</param>
    /// <returns>The name's letters and digits in lower case, without trailing company-suffix words.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <example><c>Normalise("End-Customer Ltd.") == Normalise("end customer limited") == "endcustomer"</c>.</example>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in Compatible(name))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else
            {
                // White space, punctuation and symbols all end a word; words are joined without them below.
                Flush(words, current);
            }
        }

        Flush(words, current);
        var end = words.Count;
        while (end > 1 && Suffixes.Contains(words[end - 1]))
        {
            end--;
        }

        return string.Concat(words.Take(end));
    }

    // NFKC folds compatibility forms (full-width letters, ligatures) together. Text that normalisation would refuse (unpaired
    // surrogates, noncharacters; validated names never hold them) is compared as it is, and so is any text a platform's
    // normaliser refuses for its own reasons: the duplicate check never throws.
    private static string Compatible(string name)
    {
        if (!UnicodeText.IsNormalisable(name))
        {
            return name;
        }

        try
        {
            return name.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return name;
        }
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
