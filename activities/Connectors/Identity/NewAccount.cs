namespace Integration.Activities.Connectors.Identity;

/// <summary>The person an onboarding creates (or links) an account for, in the terms every identity connector needs.</summary>
/// <param name="AccountKey">The key the target knows the account by (from the target's AccountField): UPN, login, e-mail, username...</param>
/// <param name="WorkEmail">The HR work e-mail, for systems that store an e-mail besides the key; null when HR has none.</param>
public sealed record NewAccount(string AccountKey, string EmployeeId, string FirstName, string LastName, string DisplayName, string? WorkEmail)
{
    /// <summary>The e-mail to send where a system wants one: the work e-mail, else the key.</summary>
    public string Email => string.IsNullOrWhiteSpace(WorkEmail) ? AccountKey : WorkEmail;
}
