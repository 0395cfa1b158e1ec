using System.Text.Json.Serialization.Metadata;
using Billing.Core.Accounts;
using Billing.Core.Customers;
using Npgsql;
using NpgsqlTypes;

namespace Billing.Core.Storage.PostgreSql.Repositories;

/// <summary>Accounts; aliases unique across all accounts ignoring case (constraint <c>accounts_alias</c>).</summary>
internal sealed class PostgreSqlAccountRepository(NpgsqlDataSource dataSource)
    : PostgreSqlRepository<Account, AccountId, AccountSnapshot>(dataSource, "accounts", "Account", ("owner_id", NpgsqlDbType.Text), ("alias_key", NpgsqlDbType.Text)),
      IAccountRepository
{
    protected override JsonTypeInfo<AccountSnapshot> JsonType => BillingJsonContext.Default.AccountSnapshot;

    public ValueTask<IReadOnlyList<Account>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
        => ListAsync($"{Select} WHERE owner_id = $1 ORDER BY id COLLATE \"C\"", cancellationToken, Text(ownerId.Value));

    public async ValueTask<Account?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var key = Account.AliasKey(alias.Trim());
        return PostgreSqlText.IsStorable(key)
            && await ListAsync($"{Select} WHERE alias_key = $1", cancellationToken, Text(key)).ConfigureAwait(false) is [var found]
            ? found
            : null;
    }

    protected override AccountSnapshot ToSnapshot(Account aggregate) => aggregate.ToSnapshot();

    protected override Account Restore(AccountSnapshot snapshot) => Account.Restore(snapshot);

    protected override AccountSnapshot WithVersion(AccountSnapshot snapshot, long version) => snapshot with { Version = version };

    protected override long VersionOf(AccountSnapshot snapshot) => snapshot.Version;

    protected override AccountId IdOf(AccountSnapshot snapshot) => snapshot.Id;

    protected override IEnumerable<(string Field, string? Text)> Texts(AccountSnapshot snapshot)
        => [("Account.Name", snapshot.Name), ("Account.Alias", snapshot.Alias), .. FeatureNames("Account", snapshot.Features)];

    protected override object?[] KeyValues(AccountSnapshot snapshot) => [snapshot.OwnerId.Value, snapshot.Alias is { } alias ? Account.AliasKey(alias) : null];

    protected override (string Type, string Table, string Column)? Referrer(string? constraint)
        => constraint == "numbers_account" ? ("Number", "numbers", "account_id") : null;

    protected override ValueTask<Exception?> KeyViolationAsync(string? constraint, AccountSnapshot candidate, CancellationToken cancellationToken)
        => ValueTask.FromResult<Exception?>(constraint == "accounts_alias" ? new DuplicateEntityException(EntityType, "Alias", candidate.Alias ?? string.Empty) : null);

    protected override (string Field, string? Value) MissingReference(string? constraint, AccountSnapshot candidate) => ("Account.OwnerId", candidate.OwnerId.Value);

    // Equal keys exactly when the aliases are equal under StringComparison.OrdinalIgnoreCase, as Account.EnsureAliasUniqueAmong compares.
}
