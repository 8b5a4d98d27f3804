namespace Integration.Sandbox.QuickBooks;

/// The QuickBooks entities the sandbox stores; the enum name is the entity's wire name.
internal enum QboEntityType
{
    Customer,
    Invoice,
    CreditMemo,
}
