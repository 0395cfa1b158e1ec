using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.Ledgers;

namespace Billing.Core.Tests.Ledgers;

public class LedgerOwnerTests
{
    [Fact]
    public void Equality_SameIdTextDifferentKind_IsNotEqual()
    {
        LedgerOwner.ForAccount(AccountId.From("X-1")).ShouldNotBe(LedgerOwner.ForCustomer(CustomerId.From("X-1")));
        LedgerOwner.ForAccount(AccountId.From("X-1")).ShouldBe(LedgerOwner.ForAccount(AccountId.From("X-1")));
        LedgerOwner.ForAccount(AccountId.From("X-1")).GetHashCode().ShouldBe(LedgerOwner.ForAccount(AccountId.From("X-1")).GetHashCode());
        LedgerOwner.ForAccount(AccountId.From("x-1")).ShouldNotBe(LedgerOwner.ForAccount(AccountId.From("X-1")));
    }

    [Fact]
    public void TryGetIds_GiveBackTheIdOfTheRightKindOnly()
    {
        var account = LedgerOwner.ForAccount(AccountId.From("ACC-1"));
        var customer = LedgerOwner.ForCustomer(CustomerId.From("CUS-1"));

        account.TryGetAccountId(out var accountId).ShouldBeTrue();
        accountId.ShouldBe(AccountId.From("ACC-1"));
        account.TryGetCustomerId(out _).ShouldBeFalse();
        customer.TryGetCustomerId(out var customerId).ShouldBeTrue();
        customerId.ShouldBe(CustomerId.From("CUS-1"));
        customer.TryGetAccountId(out _).ShouldBeFalse();
        account.Kind.ShouldBe(LedgerOwnerKind.Account);
        customer.ToString().ShouldBe("Customer CUS-1");
    }

    [Fact]
    public void Factories_DefaultIds_Throw()
    {
        Should.Throw<ArgumentException>(() => LedgerOwner.ForAccount(default));
        Should.Throw<ArgumentException>(() => LedgerOwner.ForCustomer(default));
        default(LedgerOwner).IsDefault.ShouldBeTrue();
    }

    [Fact]
    public void FundsSign_MatchesTheDocumentedDirectionOfEveryKind()
    {
        foreach (var kind in LedgerTestData.AllKinds)
        {
            ((decimal)kind.FundsSign()).ShouldBe(LedgerTestData.DocumentedFundsSign(kind), kind.ToString());
            kind.RemovesFunds().ShouldBe(LedgerTestData.DocumentedFundsSign(kind) < 0m);
        }

        Should.Throw<ArgumentOutOfRangeException>(() => ((TransactionKind)0).FundsSign());
    }
}
