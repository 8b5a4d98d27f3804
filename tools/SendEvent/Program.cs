using Integration.SendEvent.Cli;

// Signs and sends sample webhook deliveries; all logic lives in SendEventCli so tests can run it.
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await SendEventCli.RunAsync(args, http, Console.Out, Console.Error, cancel.Token);
}
catch (OperationCanceledException)
{
    return SendEventCli.ExitFailed;
}
