using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Infrastructure;

public sealed class SettingsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// Settings are read once at start. A settings file watched for changes watches the whole content root, where the
    /// SQLite database lives by default, and its watcher thread then woke at every write to the database's journal.
    [Fact]
    public void SettingsFiles_AreNotWatchedForChanges()
    {
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched for changes"));
    }
}
