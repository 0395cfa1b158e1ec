using Billing.Core.Monetary;

namespace Billing.Core.Balances;

/// <summary>The rules a customer's or an account's credit limit follows, written once for both.</summary>
internal static class CreditLimitRules
{
    /// <summary>Checks a credit limit: postpaid only, in the owner's currency, not negative. No limit always passes.</summary>
    /// <param name="creditLimit">The limit, or null for none.</param>
    /// <param name="model">The owner's balance model.</param>
    /// <param name="currency">The owner's currency.</param>
    /// <param name="field">The field named in errors, e.g. <c>Customer.CreditLimit</c>.</param>
    /// <param name="noun">What the owner is, in lower case, e.g. <c>customer</c>.</param>
    /// <param name="id">The owner's id.</param>
    /// <exception cref="BillingRuleException">A rule is broken.</exception>
    public static void Check(Money? creditLimit, BalanceModel model, Currency currency, string field, string noun, string id)
    {
        // Not a pattern variable: with one, a mutant removing the return would not compile and the checks below would go untested.
        if (creditLimit is null)
        {
            return;
        }

        var limit = creditLimit.Value;
        Guard.Rule(model == BalanceModel.Postpaid, field, limit, $"a credit limit applies only to postpaid {noun}s; {noun} {id} is prepaid");
        Guard.Rule(limit.Currency == currency, field, limit, $"must be in the {noun}'s currency {currency}");
        Guard.Rule(limit.Amount >= 0m, field, limit, "must not be negative (leave it out for no limit)");
    }
}
