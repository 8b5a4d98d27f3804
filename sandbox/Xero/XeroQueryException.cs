namespace Integration.Sandbox.Xero;

/// Thrown when a "where" clause cannot be parsed; becomes a 400 QueryParseException.
internal sealed class XeroQueryException(string message) : Exception(message);
