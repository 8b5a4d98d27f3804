using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Integration.Tests.System.Infrastructure;

/// <summary>
/// HTTP/1.1 over a plain socket, for requests HttpClient refuses to send (a space in the path, a header byte that is
/// not ASCII, a broken chunked body, a body that stalls). The server is expected to close the connection after answering.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (and then <paramref name="trickle"/> one byte a second) and reads the answer until the server closes.</summary>
    public static async Task<RawResponse> SendAsync(int port, byte[] head, byte[]? trickle = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancel.Token);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(head, cancel.Token);
        Task<byte[]> reading = ReadToEndAsync(stream, cancel.Token);
        foreach (byte b in trickle ?? [])
        {
            if (reading.IsCompleted || await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(1), cancel.Token)) == reading)
            {
                break;
            }

            try
            {
                await stream.WriteAsync(new[] { b }, cancel.Token);
            }
            catch (IOException)
            {
                break;
            }
        }

        return RawResponse.Parse(await reading);
    }

    /// <summary>A request head with the usual headers; <paramref name="requestLine"/> and <paramref name="extraHeaders"/> are sent as Latin-1 bytes, as they are.</summary>
    public static byte[] Head(int port, string requestLine, string extraHeaders = "") =>
        Encoding.Latin1.GetBytes($"{requestLine}\r\nHost: 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n{extraHeaders}\r\n");

    private static async Task<byte[]> ReadToEndAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer (the server closing with request bytes unread) still leaves the answer.
        }

        return received.ToArray();
    }
}

/// <summary>One HTTP/1.1 response as it came off the wire.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("Content-Type", out string? value) ? value : null;

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    public static RawResponse Parse(byte[] wire)
    {
        string text = Encoding.UTF8.GetString(wire);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || end < 0)
        {
            throw new InvalidOperationException($"Not an HTTP/1.1 response: '{text}'");
        }

        string[] lines = text[..end].Split("\r\n");
        int status = int.Parse(lines[0].AsSpan(9, 3), CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        string body = text[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out string? coding) && coding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return new RawResponse(status, headers, body);
    }

    private static string Unchunk(string chunked)
    {
        var body = new StringBuilder();
        int at = 0;
        while (true)
        {
            int lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            int size = int.Parse(chunked.AsSpan(at, lineEnd - at), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
