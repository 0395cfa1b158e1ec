namespace Billing.Core.Storage.Sqlite.Writing;

/// <summary>
/// A write waiting in a <see cref="GroupCommitQueue{TContext}"/>. The commit step <see cref="Apply"/>s it inside its batch's
/// transaction, where it stages its own answer (a result, or the exception that refuses it); the queue publishes that answer to
/// the caller only once the batch has committed, or replaces it with the batch's failure.
/// </summary>
/// <typeparam name="TContext">What the commit step hands each write: the open transaction and its state.</typeparam>
internal abstract class QueuedWrite<TContext>
{
    protected QueuedWrite(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    /// <summary>The caller's token: a write cancelled before the writer takes it is skipped.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Decides and writes this write inside the batch, staging its answer.</summary>
    /// <param name="context">The batch.</param>
    public abstract void Apply(TContext context);

    /// <summary>Stages an exception as this write's own answer (a refusal: nothing of it was written).</summary>
    /// <param name="refusal">The exception for the caller.</param>
    public abstract void StageFailure(Exception refusal);

    /// <summary>Hands the staged answer to the caller.</summary>
    internal abstract void Publish();

    /// <summary>Fails the caller with <paramref name="failure"/> (or what the write makes of it), whatever was staged.</summary>
    /// <param name="failure">Why the batch failed.</param>
    internal abstract void Fail(Exception failure);
}

/// <summary>A <see cref="QueuedWrite{TContext}"/> whose caller awaits a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TContext">What the commit step hands each write.</typeparam>
/// <typeparam name="TResult">The result.</typeparam>
internal abstract class QueuedWrite<TContext, TResult> : QueuedWrite<TContext>
{
    // Continuations run on the thread pool, never inline on the writer's loop, which must go on to the next batch.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;
    private Exception? _refusal;
    private bool _staged;

    protected QueuedWrite(CancellationToken cancellationToken)
        : base(cancellationToken)
    {
    }

    /// <summary>Completes when the write's batch has committed (or failed).</summary>
    public Task<TResult> Completion => _completion.Task;

    /// <summary>Stages the write's result.</summary>
    /// <param name="result">The result.</param>
    public void Stage(TResult result)
    {
        _result = result;
        _refusal = null;
        _staged = true;
    }

    /// <inheritdoc />
    public override void StageFailure(Exception refusal)
    {
        _refusal = refusal;
        _result = default;
        _staged = true;
    }

    /// <inheritdoc />
    internal override void Publish()
    {
        if (!_staged)
        {
            _completion.TrySetException(new InvalidOperationException("The writer committed a batch without answering one of its writes."));
        }
        else if (_refusal is not null)
        {
            _completion.TrySetException(_refusal);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    /// <inheritdoc />
    internal override void Fail(Exception failure)
    {
        if (failure is OperationCanceledException cancelled)
        {
            _completion.TrySetCanceled(cancelled.CancellationToken);
        }
        else
        {
            _completion.TrySetException(Translate(failure));
        }
    }

    /// <summary>What the caller receives when the batch failed with <paramref name="failure"/>.</summary>
    /// <param name="failure">Why the batch failed.</param>
    /// <returns>The exception for the caller.</returns>
    protected virtual Exception Translate(Exception failure) => failure;
}
