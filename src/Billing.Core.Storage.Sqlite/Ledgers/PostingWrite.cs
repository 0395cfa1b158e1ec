using Billing.Core.Charging;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;
using Billing.Core.Storage.Sqlite.Writing;

namespace Billing.Core.Storage.Sqlite.Ledgers;

/// <summary>A posting (top-up, payment, credit, debit, refund) to one ledger waiting for the writer.</summary>
internal sealed class PostingWrite(LedgerOwner owner, Currency currency, TransactionRequest request, ExchangeRateTable? rates, CancellationToken cancellationToken)
    : SqliteWrite<LedgerAppendOutcome>(nameof(ILedgerStore.AppendAsync), cancellationToken)
{
    public LedgerOwner Owner { get; } = owner;

    public Currency Currency { get; } = currency;

    public TransactionRequest Request { get; } = request;

    public ExchangeRateTable? Rates { get; } = rates;

    public override void Apply(WriteBatch batch) => batch.Ledgers.Post(this);
}
