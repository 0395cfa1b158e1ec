using Billing.Core.Accounts;
using Billing.Core.Customers;
using Billing.Core.EfCoreExample.Rows;
using Microsoft.EntityFrameworkCore;

namespace Billing.Core.EfCoreExample.Repositories;

/// <summary>Accounts: aliases unique across all accounts, ignoring case.</summary>
internal sealed class EfAccountRepository(IDbContextFactory<BillingDbContext> contexts)
    : EfRepository<Account, AccountId, AccountRow>(contexts), IAccountRepository
{
    private readonly IDbContextFactory<BillingDbContext> _contexts = contexts;

    protected override string EntityType => "Account";

    protected override string UniqueKey => "Alias";

    public ValueTask<IReadOnlyList<Account>> ListByOwnerAsync(CustomerId ownerId, CancellationToken cancellationToken = default)
    {
        var owner = ownerId.Value;
        return ListAsync(accounts => accounts.Where(a => a.OwnerId == owner), cancellationToken);
    }

    public async ValueTask<Account?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var key = Account.AliasKey(alias.Trim());
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.AliasKey == key, cancellationToken) is { } row ? ToAggregate(row) : null;
    }

    protected override AccountRow ToRow(Account account) => new()
    {
        Id = account.Id.Value,
        Version = account.Version,
        Snapshot = account.ToSnapshot(),
        OwnerId = account.OwnerId.Value,
        AliasKey = account.Alias is { } alias ? Account.AliasKey(alias) : null,
    };

    protected override Account ToAggregate(AccountRow row) => Account.Restore(row.Snapshot with { Version = row.Version });

    protected override AccountId IdOf(Account aggregate) => aggregate.Id;

    protected override long VersionOf(Account aggregate) => aggregate.Version;

    protected override Account WithVersion(Account aggregate, long version) => aggregate.WithVersion(version);

    protected override string UniqueValue(Account aggregate) => aggregate.Alias ?? string.Empty;

    protected override IEnumerable<(string Field, string Kind, Type Row, string? Id)> References(Account aggregate) =>
        [("Account.OwnerId", "customer", typeof(CustomerRow), aggregate.OwnerId.Value)];

    protected override Task<string?> FirstReferrerAsync(BillingDbContext db, string id, CancellationToken cancellationToken)
        => FirstAsync(db.Numbers.Where(n => n.AccountId == id), "Number", cancellationToken);
}
