namespace Integration.Sandbox.Faults;

/// What the fault middleware does with one vendor request.
internal enum FaultKind
{
    None,
    RateLimited,
    ServerError,
    Timeout,
    ServerErrorAfterProcessing,
    Forbidden,
}
