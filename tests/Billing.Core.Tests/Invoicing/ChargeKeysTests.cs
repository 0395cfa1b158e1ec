using System.Security.Cryptography;
using System.Text;
using Billing.Core.Customers;
using Billing.Core.Invoicing;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Billing.Core.Tests.Invoicing.ChargeFixtures;

namespace Billing.Core.Tests.Invoicing;

/// <summary>The ledger key of an invoice's tax (docs/billing-run.md, "Posting"): <c>tax:&lt;customer id&gt;:&lt;period start&gt;</c>,
/// escaped and hashed as the charge keys are (the charge keys are tested through <see cref="ChargeLine.IdempotencyKey"/>).</summary>
public class ChargeKeysTests
{
    [Fact]
    public void ForTax_NamesTheCustomerAndThePeriodStart()
    {
        ChargeKeys.ForTax(CustomerId.From("C-1"), April).ShouldBe("tax:C-1:2026-04-01");
        ChargeKeys.ForTax(CustomerId.From("C-1"), May).ShouldBe("tax:C-1:2026-05-01");
    }

    [Fact]
    public void ForTax_EscapesColonsAndPercents_SoDifferentIdsNeverShareAKey()
    {
        ChargeKeys.ForTax(CustomerId.From("A:B"), April).ShouldBe("tax:A%3AB:2026-04-01");
        ChargeKeys.ForTax(CustomerId.From("A%3AB"), April).ShouldBe("tax:A%253AB:2026-04-01");
        ChargeKeys.ForTax(CustomerId.From("50%:off"), April).ShouldBe("tax:50%25%3Aoff:2026-04-01");
    }

    [Theory]
    [InlineData(255, false)]
    [InlineData(256, false)]
    [InlineData(257, true)]
    public void ForTax_IsHashedOnlyBeyondTheLedgersLimit(int plainLength, bool hashed)
    {
        // "tax:" (4) + the escaped id + ":2026-04-01" (11); 80 colons escape to 240 characters.
        var id = new string(':', 80) + new string('a', plainLength - 15 - 240);
        var plain = "tax:" + string.Concat(Enumerable.Repeat("%3A", 80)) + new string('a', plainLength - 15 - 240) + ":2026-04-01";
        plain.Length.ShouldBe(plainLength);

        var key = ChargeKeys.ForTax(CustomerId.From(id), April);

        key.ShouldBe(hashed ? "tax:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plain))) : plain);
        key.Length.ShouldBe(hashed ? 75 : plainLength);
    }

    [Fact]
    public void ForTax_TooLong_IsTheSha256OfTheTextInLowerCaseHex()
    {
        // The digest of "tax:" + 80 × "%3A" + "ab:2026-04-01" (257 characters), computed outside .NET.
        ChargeKeys.ForTax(CustomerId.From(new string(':', 80) + "ab"), April)
            .ShouldBe("tax:sha256:b1ca47aef3a93f8eec5b787821946dda3dc786390c96c618853976bbb54e576a");
    }

    /// <summary>Ids made of the characters escaping is about: two different ids never give the same key, and every key is a valid
    /// ledger key (at most 256 characters), however long the escaped id.</summary>
    [Property(MaxTest = 1000)]
    public Property ForTax_DifferentCustomersHaveDifferentKeys_AndEveryKeyIsAValidLedgerKey()
    {
        var ids = from length in Gen.Frequency((4, Gen.Choose(1, 6)), (1, Gen.Choose(80, 128)))
                  from chars in Gen.Elements('a', ':', '%', '3', 'A', '2', '5').ArrayOf(length)
                  select new string(chars);
        return Prop.ForAll((from a in ids from b in ids select (a, b)).ToArbitrary(), x =>
        {
            var a = ChargeKeys.ForTax(CustomerId.From(x.a), April);
            var b = ChargeKeys.ForTax(CustomerId.From(x.b), April);
            _ = new TransactionRequest(TransactionId.New(), TransactionKind.Charge, Money.Of(1m, "GBP"), Instant.FromUtc(2026, 5, 1, 0, 0), a);
            return (a == b) == (x.a == x.b) && a.Length <= TransactionRequest.MaxIdempotencyKeyLength;
        });
    }
}
