using System.Diagnostics.CodeAnalysis;

// ChargeAsync has two overloads, each ending in optional parameters (the notes, the reference and the cancellation token;
// the cancellation token). RS0026 guards against ambiguity when optional parameters are added to an overload that has
// shipped; these two differ in their required parameters (an amount and a key, or a whole TransactionRequest), so no call
// is ambiguous, and the cancellation token stays optional as everywhere else in the library.
[assembly: SuppressMessage(
    "ApiDesign",
    "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "The overloads differ in required parameters; see the comment above.",
    Scope = "member",
    Target = "~M:Billing.Core.Charging.ChargeService.ChargeAsync(Billing.Core.Accounts.AccountId,Billing.Core.Monetary.Money,System.String,NodaTime.Instant,System.String,System.String,System.Threading.CancellationToken)~System.Threading.Tasks.ValueTask{Billing.Core.Charging.ChargeOutcome}")]
[assembly: SuppressMessage(
    "ApiDesign",
    "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "The overloads differ in required parameters; see the comment above.",
    Scope = "member",
    Target = "~M:Billing.Core.Charging.ChargeService.ChargeAsync(Billing.Core.Accounts.AccountId,Billing.Core.Ledgers.TransactionRequest,System.Threading.CancellationToken)~System.Threading.Tasks.ValueTask{Billing.Core.Charging.ChargeOutcome}")]
