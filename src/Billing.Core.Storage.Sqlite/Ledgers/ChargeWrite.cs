using Billing.Core.Charging;
using Billing.Core.Ledgers;
using Billing.Core.Storage.Sqlite.Writing;

namespace Billing.Core.Storage.Sqlite.Ledgers;

/// <summary>A charge waiting for the writer: authorised and appended across its chain inside the batch's transaction.</summary>
internal sealed class ChargeWrite(TransactionRequest charge, ChargeLevel[] chain, CancellationToken cancellationToken)
    : SqliteWrite<ChargeOutcome>(nameof(ILedgerStore.AuthoriseAndAppendAsync), cancellationToken)
{
    public TransactionRequest Charge { get; } = charge;

    public ChargeLevel[] Chain { get; } = chain;

    public override void Apply(WriteBatch batch) => batch.Ledgers.Charge(this);
}
