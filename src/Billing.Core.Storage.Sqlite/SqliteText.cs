using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Billing.Core.Storage.Sqlite;

/// <summary>
/// How values are written to and read from text columns. SQLite has no decimal type, and its REAL would round: amounts are
/// invariant decimal text, written and read by .NET only (SQLite never computes with them), so they come back exactly, scale
/// included. Instants are ISO text with up to nine fractional digits, so they too come back exactly.
/// </summary>
internal static class SqliteText
{
    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(string text)
        => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static string Instant(Instant value) => InstantText.Format(value);

    public static Instant ParseInstant(string text) => InstantText.Parse(text).Value;
}
