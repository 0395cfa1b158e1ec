using Billing.Core.Charging;
using Billing.Core.Ledgers;

namespace Billing.Core.Storage.PostgreSql.Ledgers;

/// <summary>
/// Which of the store's writer loops takes a ledger write. A charge goes to the writer of its chain's top ledger (the last
/// level: the reseller every charge under it must lock), a posting to the writer of its own ledger; so every charge under one
/// reseller shares one writer and its batches, and chains under different resellers spread over the writers, each with its
/// own connection, so the database works on several batches at once.
/// </summary>
/// <remarks>
/// Writes that meet in a ledger through different writers (a payment to a customer, routed by the customer, and a charge
/// under it, routed by its reseller) stay correct: both lock the ledger's head in the database, in one fixed order, and the
/// later waits for the earlier; two first writes to a new ledger collide on its key and the loser is read and decided again.
/// </remarks>
internal static class LedgerWriterRouting
{
    /// <summary>The ledger a charge is routed by: the last level of its chain that has an owner.</summary>
    /// <param name="chain">The chain, account first.</param>
    /// <returns>The top ledger; <c>default</c> when no level has an owner (the charge is refused in its batch).</returns>
    public static LedgerOwner Top(IReadOnlyList<ChargeLevel> chain)
    {
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i] is { Owner.IsDefault: false } level)
            {
                return level.Owner;
            }
        }

        return default;
    }

    /// <summary>The writer, 0..<paramref name="writers"/> − 1, that takes writes routed by <paramref name="owner"/>.</summary>
    /// <param name="owner">The ledger the write is routed by.</param>
    /// <param name="writers">How many writers the store runs.</param>
    /// <returns>The writer's index; 0 for <c>default</c>.</returns>
    public static int Writer(LedgerOwner owner, int writers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        if (writers == 1 || owner.IsDefault)
        {
            return 0;
        }

        var hash = (uint)HashCode.Combine(owner.Kind, StringComparer.Ordinal.GetHashCode(owner.Id));
        return (int)(hash % (uint)writers);
    }
}
