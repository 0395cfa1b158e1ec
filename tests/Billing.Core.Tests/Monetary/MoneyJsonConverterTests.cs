using System.Text.Json;
using Billing.Core.Monetary;

namespace Billing.Core.Tests.Monetary;

public class MoneyJsonConverterTests
{
    [Fact]
    public void Read_NotAnObject_ThrowsJsonExceptionNamingTheType()
        => Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Money>("12")).Message.ShouldContain("Money must be a JSON object");

    [Fact]
    public void Read_UnknownPropertiesOfAnyShape_AreSkipped()
        => JsonSerializer.Deserialize<Money>("""{"Note":{"a":[1,{"b":2}]},"Amount":1.50,"Extra":[3],"Currency":"GBP","Last":"x"}""")
            .ShouldBe(Money.Of(1.5m, "GBP"));

    [Fact]
    public void Write_ToNoWriter_IsAnArgumentError()
        => Should.Throw<ArgumentNullException>(() => MoneyJsonConverter.Instance.Write(null!, Money.Of(1m, "GBP"), JsonSerializerOptions.Default))
            .ParamName.ShouldBe("writer");
}
