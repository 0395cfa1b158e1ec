using System.Text.Json;
using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Identity;

namespace Billing.Core.Tests.Identity;

public class BillingIdTests
{
    [Fact]
    public void From_TrimsSurroundingWhiteSpace()
        => CustomerId.From("  ACME-001 ").Value.ShouldBe("ACME-001");

    [Fact]
    public void Equality_IsOrdinal()
    {
        CustomerId.From("ACME-001").ShouldBe(CustomerId.From(" ACME-001"));
        CustomerId.From("ACME-001").ShouldNotBe(CustomerId.From("acme-001"));
        (CustomerId.From("A") == CustomerId.From("A")).ShouldBeTrue();
        (CustomerId.From("A") != CustomerId.From("B")).ShouldBeTrue();
        CustomerId.From("A").GetHashCode().ShouldBe(CustomerId.From("A ").GetHashCode());
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData("AC\u0000ME", "control characters")]
    [InlineData("AC\nME", "control characters")]
    public void From_BadValue_IsRefusedNamingTheValueAndTheRule(string value, string rule)
    {
        var ex = Should.Throw<BillingRuleException>(() => CustomerId.From(value));
        ex.Field.ShouldBe("CustomerId");
        ex.Value.ShouldBe(value);
        ex.Message.ShouldContain($"'{value}'");
        ex.Message.ShouldContain(rule);
    }

    [Fact]
    public void From_TooLong_IsRefusedWithTheLength()
    {
        var value = new string('x', BillingId.MaxLength + 1);
        var ex = Should.Throw<BillingRuleException>(() => AccountId.From(value));
        ex.Field.ShouldBe("AccountId");
        ex.Message.ShouldContain($"at most {BillingId.MaxLength}");
        AccountId.From(new string('x', BillingId.MaxLength)).Value.Length.ShouldBe(BillingId.MaxLength);
    }

    [Fact]
    public void From_Null_ThrowsArgumentNull()
        => Should.Throw<ArgumentNullException>(() => CustomerId.From(null!));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("\t", false)]
    [InlineData("ok", true)]
    public void TryParse_ReportsValidity(string? value, bool valid)
        => CustomerId.TryParse(value, out _).ShouldBe(valid);

    [Fact]
    public void New_GivesDistinctPrefixedIds()
    {
        var a = CustomerId.New();
        var b = CustomerId.New();
        a.ShouldNotBe(b);
        a.Value.ShouldStartWith("CUS-");
        AccountId.New().Value.ShouldStartWith("ACC-");
    }

    [Fact]
    public void New_IsThePrefixADashAnd32HexDigits_AndNeverRepeatsAcrossThreads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                ids.Add(Billing.Core.Ledgers.TransactionId.New().Value);
            }
        });

        ids.Count.ShouldBe(80_000);
        ids.Distinct().Count().ShouldBe(80_000);
        ids.ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^TXN-[0-9a-f]{32}$"));
    }

    [Fact]
    public void Default_HasEmptyValue()
        => default(CustomerId).Value.ShouldBe(string.Empty);

    private sealed record Holder(CustomerId Customer, Dictionary<AccountId, int> Counts);

    [Fact]
    public void Json_RoundTripsAsStringsAndDictionaryKeys()
    {
        var holder = new Holder(CustomerId.From("ACME-001"), new() { [AccountId.From("ACC-1")] = 3 });
        var json = JsonSerializer.Serialize(holder);
        json.ShouldBe("""{"Customer":"ACME-001","Counts":{"ACC-1":3}}""");
        var back = JsonSerializer.Deserialize<Holder>(json)!;
        back.Customer.ShouldBe(holder.Customer);
        back.Counts[AccountId.From("ACC-1")].ShouldBe(3);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Json_BadId_ThrowsJsonException(string json)
        => Should.Throw<JsonException>(() => JsonSerializer.Deserialize<CustomerId>(json));

    [Fact]
    public void Json_BadId_MessageNamesTheValue()
        => Should.Throw<JsonException>(() => JsonSerializer.Deserialize<CustomerId>("\" \""))
            .Message.ShouldContain("CustomerId ' '");

    [Fact]
    public void TransactionId_Generated_EqualsAndHashesLikeItsTextParsedBack()
    {
        var generated = Billing.Core.Ledgers.TransactionId.New();
        var parsed = Billing.Core.Ledgers.TransactionId.From(generated.Value);
        var other = Billing.Core.Ledgers.TransactionId.New();

        generated.Value.ShouldBe(generated.Value);
        parsed.ShouldBe(generated);
        generated.ShouldBe(parsed);
        (parsed == generated).ShouldBeTrue();
        parsed.GetHashCode().ShouldBe(generated.GetHashCode());
        generated.GetHashCode().ShouldBe(StringComparer.Ordinal.GetHashCode(generated.Value));
        generated.ShouldNotBe(other);
        parsed.ShouldNotBe(other);
        Billing.Core.Ledgers.TransactionId.From(generated.Value + "0").ShouldNotBe(generated);
        generated.ShouldNotBe(default);
        default(Billing.Core.Ledgers.TransactionId).ShouldBe(default);
        default(Billing.Core.Ledgers.TransactionId).Value.ShouldBe(string.Empty);
        generated.ToString().ShouldBe(generated.Value);

        var json = JsonSerializer.Serialize(generated);
        json.ShouldBe($"\"{generated.Value}\"");
        JsonSerializer.Deserialize<Billing.Core.Ledgers.TransactionId>(json).ShouldBe(generated);
        new HashSet<Billing.Core.Ledgers.TransactionId> { generated }.Contains(parsed).ShouldBeTrue();
    }
}
