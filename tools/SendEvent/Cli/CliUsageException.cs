namespace Integration.SendEvent.Cli;

/// <summary>Bad command-line arguments: the CLI prints the message and usage and exits with code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
