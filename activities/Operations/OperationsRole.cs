namespace Integration.Activities.Operations;

/// <summary>What a caller of the operations API may do: readers look, operators also act.</summary>
public enum OperationsRole
{
    Reader = 1,
    Operator = 2,
}

/// <summary>Who made an operations request, as the audit trail records them.</summary>
/// <param name="Name">The key's configured name or the signed-in person's name; never the key.</param>
public sealed record OperationsCaller(string Name, OperationsRole Role)
{
    /// <summary>Stands for a caller who was refused, so refusals need no null checks.</summary>
    public static readonly OperationsCaller Unknown = new("unknown caller", OperationsRole.Reader);

    public string RoleName => Role == OperationsRole.Operator ? "operator" : "reader";
}
