using System.Text.Json;
using Billing.Core.Periods;
using NodaTime;

namespace Billing.Core.Tests.Periods;

public class BillingPeriodJsonTests
{
    private static readonly BillingPeriod February = new(new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 28));

    [Fact]
    public void Write_GivesStartAndEndExclusiveAsIsoDates_InTheNamingPolicy()
    {
        JsonSerializer.Serialize(February).ShouldBe("""{"Start":"2026-02-28","EndExclusive":"2026-03-28"}""");
        JsonSerializer.Serialize(February, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })
            .ShouldBe("""{"start":"2026-02-28","endExclusive":"2026-03-28"}""");
    }

    [Fact]
    public void Read_TakesThePropertiesInAnyOrderAndSkipsUnknownOnes()
        => JsonSerializer.Deserialize<BillingPeriod>("""{"Note":{"a":[1,{"b":2}]},"EndExclusive":"2026-03-28","x":[3],"Start":"2026-02-28","y":"z"}""")
            .ShouldBe(February);

    [Fact]
    public void Read_NotAnObject_ThrowsJsonExceptionNamingTheType()
        => Should.Throw<JsonException>(() => JsonSerializer.Deserialize<BillingPeriod>("\"2026-02-28\"")).Message.ShouldContain("BillingPeriod must be a JSON object");

    [Fact]
    public void Write_ToNoWriter_IsAnArgumentError()
        => Should.Throw<ArgumentNullException>(() => new BillingPeriodJsonConverter().Write(null!, February, JsonSerializerOptions.Default))
            .ParamName.ShouldBe("writer");
}
