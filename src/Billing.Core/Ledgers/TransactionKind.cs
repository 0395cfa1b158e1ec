using System.Text.Json.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>
/// What a ledger transaction is. The amount of a transaction is always greater than zero; the kind gives the
/// direction, see <see cref="TransactionKindExtensions.FundsSign"/>:
/// <list type="table">
/// <listheader><term>kind</term><description>prepaid available funds / postpaid amount owed</description></listheader>
/// <item><term><see cref="Charge"/></term><description>down / up</description></item>
/// <item><term><see cref="Debit"/></term><description>down / up</description></item>
/// <item><term><see cref="Refund"/></term><description>down / up</description></item>
/// <item><term><see cref="Credit"/></term><description>up / down</description></item>
/// <item><term><see cref="TopUp"/></term><description>up / down</description></item>
/// <item><term><see cref="Payment"/></term><description>up / down</description></item>
/// </list>
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TransactionKind>))]
public enum TransactionKind
{
    /// <summary>Usage, a recurring fee or a one-off fee: spends funds (prepaid) or adds to what is owed (postpaid).</summary>
    Charge = 1,

    /// <summary>A manual deduction by an operator: the same direction as a charge.</summary>
    Debit = 2,

    /// <summary>A manual credit by an operator (goodwill, correction of a charge): adds funds or reduces what is owed.</summary>
    Credit = 3,

    /// <summary>Funds added to a prepaid balance (including opening funds): adds funds or reduces what is owed.</summary>
    TopUp = 4,

    /// <summary>Money received from the customer, typically against an invoice: adds funds or reduces what is owed.</summary>
    Payment = 5,

    /// <summary>
    /// Money paid back out to the customer (to a card or bank account), reversing all or part of a top-up or
    /// payment: removes funds or adds to what is owed. To give value back for a wrong charge, use <see cref="Credit"/>.
    /// </summary>
    Refund = 6,
}
