using Billing.Core.Storage;

namespace Billing.Core.Tests.Storage;

public sealed class ConcurrencyConflictExceptionTests
{
    [Fact]
    public void Message_StoredVersionDiffers_NamesBothVersions()
    {
        var e = new ConcurrencyConflictException("Customer", "CUST-1", 3, 4);

        e.Message.ShouldBe("Customer CUST-1 was changed by another writer: the write expected version 3 but version 4 is stored. Nothing was written.");
        (e.ExpectedVersion, e.ActualVersion).ShouldBe((3L, (long?)4L));
    }

    [Fact]
    public void Message_EntityGone_SaysItDoesNotExist()
        => new ConcurrencyConflictException("Account", "ACC-1", 2, null).Message.ShouldContain("ACC-1 does not exist");

    [Fact]
    public void Message_ConflictWithoutAStoredVersion_SaysWhatHappenedNotThatTheEntityIsGone()
    {
        var e = ConcurrencyConflictException.WrittenMeanwhile("Ledger", "Account ACC-1", 17, "another writer appended to it first");

        e.Message.ShouldBe("Ledger Account ACC-1 changed after version 17 was read: another writer appended to it first. Nothing was written.");
        e.Message.ShouldNotContain("does not exist");
        (e.EntityType, e.EntityId, e.ExpectedVersion, e.ActualVersion).ShouldBe(("Ledger", "Account ACC-1", 17L, (long?)null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_BlankConflict_IsAnArgumentError(string conflict)
        => Should.Throw<ArgumentException>(() => ConcurrencyConflictException.WrittenMeanwhile("Ledger", "x", 1, conflict)).ParamName.ShouldBe("conflict");
}
