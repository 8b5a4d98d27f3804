namespace Integration.Activities.Webhooks.Signatures;

/// <summary>Result of checking a request's signature, with a short reason (never secret material) when it fails.</summary>
public sealed record SignatureVerification(bool IsValid, string? Failure)
{
    /// <summary>The shared result for a request whose signature and timestamp are accepted.</summary>
    public static SignatureVerification Valid { get; } = new(true, null);

    /// <summary>A rejected request, with the reason to log.</summary>
    public static SignatureVerification Invalid(string failure) => new(false, failure);
}
