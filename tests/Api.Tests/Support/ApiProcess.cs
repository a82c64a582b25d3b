using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RelationsApi.Api.Tests.Support;

/// <summary>
/// The API as its own operating-system process, listening on a free local port: another instance beside an
/// <see cref="ApiFactory"/>'s, as a second replica behind a load balancer would be. Killed when disposed.
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ApiProcess(Process process) => _process = process;

    /// <summary>Where it listens, such as http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What it has printed so far: for a failure's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the API over the database <paramref name="environment"/> names and waits until it listens.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RelationsApi.Api.dll"));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["RateLimits__ReadsPerMinute"] = "0";
        start.Environment["RateLimits__WritesPerMinute"] = "0";

        var api = new ApiProcess(Process.Start(start)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object _, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }
            lock (api._output)
            {
                api._output.Add(line.Data);
            }
            if (Listening().Match(line.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        }
        api._process.OutputDataReceived += Read;
        api._process.ErrorDataReceived += Read;
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();

        var exited = api._process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        if (first != listening.Task)
        {
            await api.DisposeAsync();
            throw new InvalidOperationException($"The API process did not start listening:\n{api.Output}");
        }
        api.BaseAddress = await listening.Task;
        return api;
    }

    /// <summary>
    /// Runs the built Api as a process on the database <paramref name="environment"/> names, with <paramref name="args"/>
    /// (a verb such as "keys create", or a server's options), until it exits; one that serves instead of exiting is
    /// stopped after 60 s.
    /// </summary>
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RelationsApi.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>A client of this process that sends <paramref name="key"/>.</summary>
    public HttpClient CreateClient(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex Listening();
}
