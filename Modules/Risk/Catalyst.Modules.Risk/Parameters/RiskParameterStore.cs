using Catalyst.Modules.Risk.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalyst.Modules.Risk.Parameters;

/// <summary>One applied change: which parameter, from what to what, who did it.</summary>
internal sealed record ParameterChange(string Path, decimal OldValue, decimal NewValue, string Actor, DateTimeOffset ChangedAt);

/// <summary>Told about what the store does, so the audit trail and alerts live outside the file handling.</summary>
internal interface IParameterStoreListener
{
    /// <summary>A valid file (or API update) changed these values; the new set is already in force.</summary>
    Task OnChangedAsync(IReadOnlyList<ParameterChange> changes, CancellationToken ct);

    /// <summary>The file on disk failed validation; the last good parameters stay in force.</summary>
    Task OnFileRejectedAsync(string path, IReadOnlyList<(string Path, string Message)> errors, CancellationToken ct);
}

/// <summary>
/// The risk parameters in force, read from config/risk_parameters.yaml (Catalyst:Risk:ParametersFile; relative paths
/// resolve against the content root) and re-read whenever the file changes. A missing file is created with the defaults;
/// a file that fails validation is refused as a whole and the last good set stays in force.
/// </summary>
internal sealed class RiskParameterStore : IDisposable
{
    public const string FileSetting = "Catalyst:Risk:ParametersFile";
    public const string DefaultFile = "config/risk_parameters.yaml";

    private readonly ILogger<RiskParameterStore> _logger;
    private readonly TimeProvider _clock;
    private readonly Func<IEnumerable<IParameterStoreListener>> _listeners;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileSystemWatcher? _watcher;
    private Timer? _poll;
    private string _lastText = "";
    private DateTime _lastWrite;
    private volatile RiskParameters _current = RiskParameters.Defaults;
    private int _reloadScheduled;

    public RiskParameterStore(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock,
        ILogger<RiskParameterStore> logger, Func<IEnumerable<IParameterStoreListener>> listeners)
    {
        _logger = logger;
        _clock = clock;
        _listeners = listeners;
        var configured = configuration[FileSetting];
        FilePath = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultFile : configured,
            environment.ContentRootPath);
        LoadAtStartup();
        Watch();
    }

    public string FilePath { get; }

    public RiskParameters Current => _current;

    /// <summary>Problems of the last file read that was refused; empty when the file on disk is what is in force.</summary>
    public IReadOnlyList<(string Path, string Message)> FileErrors { get; private set; } = [];

    public DateTimeOffset LoadedAt { get; private set; }

    private void LoadAtStartup()
    {
        if (!File.Exists(FilePath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            // Another host starting at the same moment may write it too; both write the same defaults.
            WriteFile(RiskParametersYaml.Render(RiskParameters.Defaults));
            _logger.LogInformation("Risk parameters file {File} did not exist; wrote the defaults", FilePath);
        }

        var text = File.ReadAllText(FilePath);
        _lastText = text;
        _lastWrite = File.GetLastWriteTimeUtc(FilePath);
        LoadedAt = _clock.GetUtcNow();
        if (RiskParametersYaml.TryParse(text, out var parameters, out var errors))
        {
            _current = parameters;
            return;
        }
        // Starting is still safe: the defaults are the seed's conservative limits. The alert is raised on the first reload
        // check, once the rest of the module (and its database) is up.
        FileErrors = errors;
        _logger.LogError("Risk parameters file {File} is invalid ({Errors}); running on the defaults", FilePath,
            string.Join("; ", errors.Select(e => e.Message)));
    }

    /// <summary>Raises the start-up file problem as an alert once the host runs.</summary>
    public async Task ReportStartupProblemsAsync(CancellationToken ct)
    {
        if (FileErrors.Count > 0) await NotifyRejectedAsync(FileErrors, ct);
    }

    private void Watch()
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(FilePath)!, Path.GetFileName(FilePath))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => ScheduleReload();
            watcher.Created += (_, _) => ScheduleReload();
            watcher.Renamed += (_, _) => ScheduleReload();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            _logger.LogWarning("Cannot watch {File} ({Reason}); polling it every 2 s instead", FilePath, ex.Message);
        }
        // A safety net even with the watcher: inotify drops events when its queue overflows and misses some editors' saves.
        // Real time on purpose: this is file I/O, not market time (the virtual clock may stand still in manual mode).
        _poll = new Timer(_ => { if (HasFileChanged()) ScheduleReload(); }, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    private bool HasFileChanged()
    {
        try
        {
            return File.Exists(FilePath) && File.GetLastWriteTimeUtc(FilePath) != _lastWrite;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void ScheduleReload()
    {
        if (Interlocked.Exchange(ref _reloadScheduled, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            // Editors write a file in several steps; read once they are done.
            await Task.Delay(TimeSpan.FromMilliseconds(150));
            Interlocked.Exchange(ref _reloadScheduled, 0);
            try
            {
                await ReloadAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Reloading risk parameters from {File} failed", FilePath);
            }
        });
    }

    /// <summary>Reads the file now; applies it when valid and different, otherwise keeps the parameters and alerts.</summary>
    public async Task<bool> ReloadAsync(CancellationToken ct)
    {
        string text;
        List<ParameterChange> changes;
        await _gate.WaitAsync(ct);
        try
        {
            if (!File.Exists(FilePath)) return false;
            try
            {
                _lastWrite = File.GetLastWriteTimeUtc(FilePath);
                text = await File.ReadAllTextAsync(FilePath, ct);
            }
            catch (IOException ex)
            {
                _logger.LogWarning("Cannot read {File} yet ({Reason}); will retry on the next change", FilePath, ex.Message);
                return false;
            }
            if (text == _lastText) return false;
            _lastText = text;

            if (!RiskParametersYaml.TryParse(text, out var parameters, out var errors))
            {
                FileErrors = errors;
                _logger.LogError("Risk parameters file {File} refused, last good parameters stay in force: {Errors}", FilePath,
                    string.Join("; ", errors.Select(e => e.Message)));
                await NotifyRejectedAsync(errors, ct);
                return false;
            }

            FileErrors = [];
            changes = Diff(_current, parameters, "file", _clock.GetUtcNow());
            _current = parameters;
            LoadedAt = _clock.GetUtcNow();
        }
        finally
        {
            _gate.Release();
        }

        if (changes.Count > 0)
        {
            _logger.LogInformation("Risk parameters reloaded from {File}: {Changes}", FilePath,
                string.Join(", ", changes.Select(c => $"{c.Path} {c.OldValue} -> {c.NewValue}")));
            await NotifyChangedAsync(changes, ct);
        }
        return true;
    }

    /// <summary>
    /// Applies one change: validated with every other parameter, written to the file (atomically), and in force when this
    /// returns. <paramref name="audit"/> runs before the file is written, so a change the audit cannot record is not made.
    /// </summary>
    public async Task<ParameterChange> UpdateAsync(string path, decimal value, string actor,
        Func<ParameterChange, CancellationToken, Task> audit, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_current.TryWith(path, value, out var parameters, out var errors))
            {
                var (_, message) = errors[0];
                throw new SharedKernel.Errors.ValidationException("new_value", message);
            }
            var change = new ParameterChange(path, _current[path], value, actor, _clock.GetUtcNow());
            await audit(change, ct);
            var text = RiskParametersYaml.Render(parameters);
            WriteFile(text);
            _lastText = text;
            _lastWrite = File.GetLastWriteTimeUtc(FilePath);
            FileErrors = [];
            _current = parameters;
            return change;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void WriteFile(string text)
    {
        // Write then rename, so the watcher (and anyone reading) never sees half a file.
        var temp = $"{FilePath}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, FilePath, overwrite: true);
    }

    private static List<ParameterChange> Diff(RiskParameters before, RiskParameters after, string actor, DateTimeOffset at) =>
        RiskParameters.Definitions
            .Where(d => before[d.Path] != after[d.Path])
            .Select(d => new ParameterChange(d.Path, before[d.Path], after[d.Path], actor, at))
            .ToList();

    private async Task NotifyChangedAsync(IReadOnlyList<ParameterChange> changes, CancellationToken ct)
    {
        foreach (var listener in _listeners())
        {
            try
            {
                await listener.OnChangedAsync(changes, ct);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Recording reloaded risk parameter changes failed");
            }
        }
    }

    private async Task NotifyRejectedAsync(IReadOnlyList<(string Path, string Message)> errors, CancellationToken ct)
    {
        foreach (var listener in _listeners())
        {
            try
            {
                await listener.OnFileRejectedAsync(FilePath, errors, ct);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Raising the alert for the refused risk parameters file failed");
            }
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _poll?.Dispose();
        _gate.Dispose();
    }
}
