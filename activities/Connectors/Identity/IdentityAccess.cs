using Integration.Activities.Configuration;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;

namespace Integration.Activities.Connectors.Identity;

/// <summary>What the revoke and provision activities share: finding the configured target for an input, and the call correlation id.</summary>
internal static class IdentityAccess
{
    /// <summary>"{correlation id}-{target}-a{attempt}": one id per activity attempt, so the API call log keeps attempts apart.</summary>
    public static string CallCorrelationId(string correlationId, string system, int attempt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{correlationId}-{system}-a{attempt}");

    /// <summary>The target's settings and the account key, or <see cref="PermanentActivityFailureException"/> naming what is missing.</summary>
    public static Target Require(IdentityTargets targets, AccessTarget access, string employeeId, string action)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(access);
        IdentityTargetOptions options = targets.Find(access.System)
            ?? throw new PermanentActivityFailureException(
                $"Identity target '{access.System}' is not configured (no {IdentityOptions.Section}:Targets:{access.System}); cannot {action} employee {employeeId} there.");
        return string.IsNullOrWhiteSpace(access.AccountKey)
            ? throw new PermanentActivityFailureException(
                $"Identity target '{access.System}' has no account key for employee {employeeId} ({access.NotApplicableReason ?? "none given"}); cannot {action} them there.")
            : new Target(options, access.AccountKey);
    }

    /// <summary>A configured target and the employee's key in it.</summary>
    public sealed record Target(IdentityTargetOptions Options, string AccountKey);
}
