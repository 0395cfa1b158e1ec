namespace Billing.Core.Balances;

/// <summary>The one place that turns a ledger's signed funds into the balance a model shows.</summary>
internal static class BalanceModelExtensions
{
    /// <summary>
    /// The balance <paramref name="model"/> shows for a ledger whose transactions sum to <paramref name="funds"/> (positive adds
    /// funds): the funds themselves for prepaid, the amount owed (their negation) for postpaid.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not a defined model.</exception>
    public static decimal BalanceOf(this BalanceModel model, decimal funds) => model switch
    {
        BalanceModel.Prepaid => funds,
        BalanceModel.Postpaid => 0m - funds,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Not a defined balance model."),
    };
}
