using Microsoft.Extensions.Options;

namespace Bookpost.Web.Data;

/// <summary>
/// One step of the start-up, run after the migrations and before the server takes requests. Features register their
/// own (seeders, indexes, derived tables) in their <c>Add&lt;Feature&gt;()</c>, so the database layer names none of them.
/// </summary>
public interface IStartupTask
{
    /// <summary>Lower runs first; tasks with the same order run in the order they were registered.</summary>
    int Order { get; }

    /// <summary>Runs the step in the start-up's service scope. It must be idempotent: every start runs it again.</summary>
    Task RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>When a start-up task runs: always, or only with the demo data (and its catalogue) switched on.</summary>
public enum StartupWhen
{
    Always,
    Demo,
    DemoCatalog,
}

public static class StartupTaskRegistration
{
    /// <summary>Registers a start-up step given as a delegate; <paramref name="when"/> skips it outside demo mode.</summary>
    public static IServiceCollection AddStartupTask(this IServiceCollection services, int order, StartupWhen when,
        Func<IServiceProvider, CancellationToken, Task> run) =>
        services.AddSingleton<IStartupTask>(new DelegateStartupTask(order, when, run));

    private sealed class DelegateStartupTask(int order, StartupWhen when, Func<IServiceProvider, CancellationToken, Task> run)
        : IStartupTask
    {
        public int Order => order;

        public Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
            var runs = when switch
            {
                StartupWhen.Demo => demo.Enabled,
                StartupWhen.DemoCatalog => demo.Enabled && demo.Catalog,
                _ => true,
            };
            return runs ? run(services, ct) : Task.CompletedTask;
        }
    }
}
