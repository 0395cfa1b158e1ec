using Billing.Core.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Billing.Core.Storage.Sqlite.Repositories;

/// <summary>
/// A repository write waiting for the writer. It runs inside a savepoint of the batch's transaction: when the database or a rule
/// refuses it (a version conflict, a unique key, a reference), what it wrote is undone, its caller gets the refusal, and the rest
/// of the batch goes on.
/// </summary>
/// <typeparam name="T">What the caller awaits.</typeparam>
/// <param name="operation">The repository operation, for a storage failure.</param>
/// <param name="write">The write; throws a <see cref="BillingException"/> to refuse.</param>
/// <param name="refusal">What a constraint error of SQLite means for this write (read after the savepoint was undone), or null when
/// it is not a refusal but a storage failure, which fails the batch.</param>
/// <param name="cancellationToken">The caller's token.</param>
internal sealed class RepositoryWrite<T>(
    string operation,
    Func<WriteBatch, T> write,
    Func<WriteBatch, SqliteException, Exception?> refusal,
    CancellationToken cancellationToken) : SqliteWrite<T>(operation, cancellationToken)
{
    public override void Apply(WriteBatch context)
    {
        try
        {
            Stage(context.InSavepoint(() => write(context)));
        }
        catch (BillingException refused)
        {
            StageFailure(refused);
        }
        catch (SqliteException e)
        {
            var mapped = refusal(context, e);
            if (mapped is null)
            {
                throw;
            }

            StageFailure(mapped);
        }
    }
}
