using Billing.Core.Monetary;

namespace Billing.Core.Tests.Monetary;

public class MoneySmokeTests
{
    [Fact]
    public void Round_Gbp_HalfPennyGoesAwayFromZero()
        => Money.Of(1.005m, "GBP").Round().Amount.ShouldBe(1.01m);
}
