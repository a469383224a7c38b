using System.Diagnostics;

namespace Catalyst.AppHost.Run;

/// <summary>A child process whose stdout and stderr are streamed line by line behind a <c>[name]</c> prefix.</summary>
internal sealed class ChildProcess : IDisposable
{
    private const string SetSid = "/usr/bin/setsid";
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public Task<int> Exited => _exited.Task;
    public bool HasExited => _exited.Task.IsCompleted;

    /// <param name="detach">
    /// Start in its own session so the terminal's Ctrl+C reaches only the AppHost, which then stops the children in
    /// order (host, redis, postgres) instead of all at once.
    /// </param>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, ConsoleSink sink,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, bool detach = false)
    {
        var info = new ProcessStartInfo
        {
            FileName = detach && File.Exists(SetSid) ? SetSid : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (info.FileName == SetSid) info.ArgumentList.Add(fileName);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) info.Environment.Remove(key);
                else info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) sink.Line(name, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) sink.Line(name, e.Data); };
        process.Exited += (_, _) =>
        {
            // Lets the last lines drain; bounded because build servers that dotnet build leaves behind inherit the
            // pipes and would otherwise hold them open for minutes.
            var drained = Task.Run(() =>
            {
                try { process.WaitForExit(); }
                catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException) { }
            });
            drained.Wait(TimeSpan.FromSeconds(2));
            child._exited.TrySetResult(process.ExitCode);
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new MissingToolException($"{fileName} could not be started: {ex.Message}");
        }
        // Nothing is ever typed into a child; closing stdin keeps e.g. psql-like tools from waiting for input.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs to completion; returns the exit code.</summary>
    public static async Task<int> RunAsync(string name, string fileName, IEnumerable<string> arguments, ConsoleSink sink,
        CancellationToken ct, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var child = Start(name, fileName, arguments, sink, workingDirectory, environment);
        try
        {
            return await child.Exited.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            throw;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it is still running after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited) return;
        Signal("TERM");
        if (await WaitAsync(grace)) return;
        Kill();
        await WaitAsync(TimeSpan.FromSeconds(5));
    }

    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        try
        {
            await Exited.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Signal(string signal)
    {
        if (HasExited) return;
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            });
            kill?.WaitForExit(5000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Kill();
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose() => _process.Dispose();
}

/// <summary>Serialises the children's lines so two processes never interleave within one line.</summary>
internal sealed class ConsoleSink(TextWriter writer)
{
    private readonly Lock _gate = new();

    public void Line(string source, string text)
    {
        lock (_gate) writer.WriteLine($"[{source}] {text}");
    }

    public void Raw(string text)
    {
        lock (_gate) writer.WriteLine(text);
    }
}

/// <summary>A binary the run needs is not installed; the message says how to install it.</summary>
internal sealed class MissingToolException(string message) : Exception(message);
