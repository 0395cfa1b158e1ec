using System.Text.Json.Serialization.Metadata;
using Billing.Core.Serialization;

namespace Billing.Core.Accounts;

/// <summary>Reads and writes a <see cref="Account"/> as its <see cref="AccountSnapshot"/> (see <see cref="SnapshotJsonConverter{TAggregate, TSnapshot}"/>).</summary>
public sealed class AccountJsonConverter : SnapshotJsonConverter<Account, AccountSnapshot>
{
    /// <inheritdoc />
    private protected override JsonTypeInfo<AccountSnapshot> OwnTypeInfo => BillingJsonContext.Default.AccountSnapshot;

    /// <inheritdoc />
    private protected override AccountSnapshot ToSnapshot(Account aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    private protected override Account Restore(AccountSnapshot snapshot) => Account.Restore(snapshot);
}
