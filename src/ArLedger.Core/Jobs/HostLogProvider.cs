using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ArLedger.Jobs;

/// <summary>
/// Hangfire's logs in the host's logging. Hangfire keeps one log provider for the whole process (a static), set by
/// the last host that configured it; a process that hosts several apps one after the other (the test suite does)
/// must not have the workers of the apps still running fail because that host stopped and disposed its logging,
/// as Hangfire's own provider makes them do: a log written after that is dropped instead.
/// </summary>
sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new HostLog(factory, name);

    sealed class HostLog(ILoggerFactory factory, string name) : ILog
    {
        ILogger? logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HangfireLevel.Trace => LogLevel.Trace,
                HangfireLevel.Debug => LogLevel.Debug,
                HangfireLevel.Info => LogLevel.Information,
                HangfireLevel.Warn => LogLevel.Warning,
                HangfireLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                logger ??= factory.CreateLogger(name);
                if (messageFunc is null || !logger.IsEnabled(level))
                    return logger.IsEnabled(level);
                logger.Log(level, default, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
