namespace Billing.Core;

/// <summary>
/// The base of every exception Billing.Core throws for a billing rule, a storage conflict or a
/// missing entity. Catch this type to handle all of them; argument errors (null, out of range)
/// remain <see cref="ArgumentException"/>s.
/// </summary>
public abstract class BillingException : Exception
{
    /// <summary>Initialises the exception with a message.</summary>
    /// <param name="message">A message that names what failed and why.</param>
    protected BillingException(string message)
        : base(message)
    {
    }

    /// <summary>Initialises the exception with a message and the exception that caused it.</summary>
    /// <param name="message">A message that names what failed and why.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    protected BillingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
