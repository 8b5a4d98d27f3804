namespace Integration.Sandbox.QuickBooks;

/// Thrown when a query cannot be parsed; becomes a 400 "Error parsing query" (code 4000).
internal sealed class QboQueryException(string message) : Exception(message);
