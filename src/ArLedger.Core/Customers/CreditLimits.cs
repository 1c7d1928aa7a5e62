using ArLedger.Audit;

namespace ArLedger.Customers;

/// <summary>
/// Separation of duties for credit limits: only a manager sets or changes a customer's credit limit, whether on the
/// customer form, through the API or in a customers CSV file. The create and update handlers ask here, so every way
/// in is held to it.
/// </summary>
public static class CreditLimits
{
    public const string ManagerOnly = "Only a manager can set the credit limit.";

    public static Problem? Check(Actor actor, decimal? before, decimal? after) =>
        after == before || actor.IsManager ? null : Problem.Refused(nameof(CreateCustomer.CreditLimit), ManagerOnly);
}
