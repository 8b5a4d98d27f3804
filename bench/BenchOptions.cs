using System.Globalization;

namespace Integration.Bench;

/// <summary>The bench's knobs, from "--name value" arguments, so one run is reproducible from its command line.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        "usage: Integration.Bench --host-dll <path/Integration.DevHost.dll> [--storage <connection string> | --azurite-port 10200]\n" +
        "       [--senders 16] [--seconds 20] [--warmup-seconds 2] [--deals 500] [--first-deal 200001] [--concurrency 16]\n" +
        "       [--timeout-minutes 10] [--api-port 17171] [--grpc-port 17172] [--sandbox-port 17180] [--raw-grpc-port 17173]\n" +
        "       [--host-log <file>] [--host-pid-file <file>] [--azurite-pid-file <file>] [--azurite-mode disk|memory]\n" +
        "       [--phases all|offboarding|intake|list|orders] [--list-instances 10000] [--list-requests 50] [--offboarding-runs 5] [--offboardings 200] [--batches 20] [--fill-rows 50000]\n" +
        "       [--order-singles 10] [--burst-rate 5] [--burst-seconds 60] [--stock-changes 10]";

    /// <summary>The Release build of the standalone host, started as a child process.</summary>
    public required string HostDll { get; init; }

    /// <summary>The bench's own Azurite; built from <see cref="AzuritePort"/> unless --storage is given.</summary>
    public required string Storage { get; init; }

    public int AzuritePort { get; init; } = 10200;

    /// <summary>How the bench's Azurite stores data ("disk" or "memory"); only printed, bench/run.sh decides it.</summary>
    public string AzuriteMode { get; init; } = "disk";

    public int ApiPort { get; init; } = 17171;

    public int GrpcPort { get; init; } = 17172;

    public int SandboxPort { get; init; } = 17180;

    public int RawGrpcPort { get; init; } = 17173;

    public int Senders { get; init; } = 16;

    public int Seconds { get; init; } = 20;

    public int WarmupSeconds { get; init; } = 2;

    public int Deals { get; init; } = 500;

    public long FirstDeal { get; init; } = 200001;

    public int Concurrency { get; init; } = 16;

    public int TimeoutMinutes { get; init; } = 10;

    /// <summary>"all" (s, a-l, k), "offboarding" (only f and g), "intake" (s, a, l, k), "list" (only (m), its hub seeded before the host starts) or "orders" (c, then h, i, j).</summary>
    public string Phases { get; init; } = "all";

    /// <summary>(m): how many finished workflows the task hub holds when the instance list is timed.</summary>
    public int ListInstances { get; init; } = 10_000;

    /// <summary>(m): how many timed requests per filter.</summary>
    public int ListRequests { get; init; } = 50;

    /// <summary>(h): how many orders are placed one at a time.</summary>
    public int OrderSingles { get; init; } = 10;

    /// <summary>(h), (j): the sale burst's orders per second and how long it lasts.</summary>
    public int BurstRate { get; init; } = 5;

    public int BurstSeconds { get; init; } = 60;

    /// <summary>(i): how many warehouse stock changes are timed to the stores.</summary>
    public int StockChanges { get; init; } = 10;

    /// <summary>(f): how many single terminations against the fifteen 300 ms systems.</summary>
    public int OffboardingRuns { get; init; } = 5;

    /// <summary>(g): how many terminations are sent at once.</summary>
    public int Offboardings { get; init; } = 200;

    /// <summary>(k): how many HubSpot batches of 100 events are timed.</summary>
    public int Batches { get; init; } = 20;

    /// <summary>(l): how many accepted deliveries are recorded between the two intake runs.</summary>
    public int FillRows { get; init; } = 50_000;

    public required string HostLog { get; init; }

    /// <summary>Where the bench writes the child host's pid, so bench/run.sh can kill it if the bench itself is killed.</summary>
    public string? HostPidFile { get; init; }

    /// <summary>Azurite's pid file (from scripts/azurite.sh), so each phase can report Azurite's CPU use.</summary>
    public string? AzuritePidFile { get; init; }

    public static string AzuriteConnectionString(int blobPort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{blobPort + 1}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{blobPort + 2}/devstoreaccount1;";

    /// <exception cref="ArgumentException">An unknown name, a missing value or a value out of range.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value', got '{name}'.");
            }

            values[name[2..]] = args[++i];
        }

        string? Take(string name) => values.Remove(name, out var v) ? v : null;
        int Int(string name, int fallback, int min = 1)
        {
            var text = Take(name);
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"--{name} must be a whole number >= {min}, got '{text}'.");
        }

        var hostDll = Take("host-dll") ?? throw new ArgumentException("--host-dll is required.");
        if (!File.Exists(hostDll))
        {
            throw new ArgumentException($"--host-dll '{hostDll}' does not exist; build devhost in Release first (bench/run.sh does).");
        }

        var azuritePort = Int("azurite-port", 10200);
        var storage = Take("storage") ?? AzuriteConnectionString(azuritePort);
        var firstDeal = Int("first-deal", 200001);
        var options = new BenchOptions
        {
            HostDll = Path.GetFullPath(hostDll),
            Storage = storage,
            AzuritePort = azuritePort,
            AzuriteMode = Take("azurite-mode") ?? "disk",
            ApiPort = Int("api-port", 17171),
            GrpcPort = Int("grpc-port", 17172),
            SandboxPort = Int("sandbox-port", 17180),
            RawGrpcPort = Int("raw-grpc-port", 17173),
            Senders = Int("senders", 16),
            Seconds = Int("seconds", 20),
            WarmupSeconds = Int("warmup-seconds", 2, min: 0),
            Deals = Int("deals", 500),
            FirstDeal = firstDeal,
            Concurrency = Int("concurrency", 16),
            TimeoutMinutes = Int("timeout-minutes", 10),
            Phases = Take("phases") is { } phases
                ? phases is "all" or "offboarding" or "intake" or "list" or "orders" ? phases : throw new ArgumentException($"--phases must be 'all', 'offboarding', 'intake', 'list' or 'orders', got '{phases}'.")
                : "all",
            ListInstances = Int("list-instances", 10_000),
            ListRequests = Int("list-requests", 50),
            OffboardingRuns = Int("offboarding-runs", 5),
            Offboardings = Int("offboardings", 200),
            Batches = Int("batches", 20),
            FillRows = Int("fill-rows", 50_000),
            OrderSingles = Int("order-singles", 10),
            BurstRate = Int("burst-rate", 5),
            BurstSeconds = Int("burst-seconds", 60),
            StockChanges = Int("stock-changes", 10),
            HostLog = Path.GetFullPath(Take("host-log") ?? Path.Combine(Path.GetTempPath(), $"bench-host-{DateTime.UtcNow:yyyyMMddHHmmss}.log")),
            HostPidFile = Take("host-pid-file"),
            AzuritePidFile = Take("azurite-pid-file"),
        };

        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.");
        }

        return options;
    }
}
