namespace Integration.Sandbox.QuickBooks;

/// A parsed QuickBooks query: SELECT * FROM Entity [WHERE ...] [ORDERBY ...] [STARTPOSITION n] [MAXRESULTS n].
internal sealed record QboQuery(
    QboEntityType Entity,
    bool CountOnly,
    IReadOnlyList<QboCondition> Conditions,
    string? OrderBy,
    bool Descending,
    int StartPosition,
    int MaxResults);

/// One WHERE condition: Field = 'v', Field LIKE '%v%' or Field IN ('a', 'b').
internal sealed record QboCondition(string Field, QboOperator Operator, IReadOnlyList<string> Values);

/// The comparison operators the sandbox understands.
internal enum QboOperator
{
    Equal,
    Like,
    In,
}
