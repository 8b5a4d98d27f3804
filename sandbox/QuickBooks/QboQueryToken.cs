namespace Integration.Sandbox.QuickBooks;

/// A lexical token of a QuickBooks query.
internal sealed record QboQueryToken(QboQueryTokenKind Kind, string Text, int Position);

/// Token kinds: bare words (keywords, names, numbers), quoted strings and punctuation.
internal enum QboQueryTokenKind
{
    Word,
    String,
    Symbol,
}
