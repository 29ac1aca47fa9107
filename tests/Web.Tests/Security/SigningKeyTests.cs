using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Tests.Security;

/// Finding 8: data/token-signing.key was created 0644, and whoever reads it signs tokens with any role.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SigningKeyTests(SqliteApp app) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bookpost-tests", "keys-" + Guid.NewGuid().ToString("N"), "data");

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void UnixOnly()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes only (Windows keeps its folder ACLs).");
    }

    private SigningKeyStore Store() => new(Options.Create(new AuthOptions()), Options.Create(new DatabaseOptions { DataDirectory = _dir }));

    [Fact]
    public void NewKey_Is0600_InA0700Folder()
    {
        UnixOnly();
        Store();
        Assert.Equal(DataFolder.OwnerOnlyFolder, File.GetUnixFileMode(_dir));
        Assert.Equal(DataFolder.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(_dir, "token-signing.key")));
        // Read back the same key on the next start.
        Assert.Equal(Store().Key.Key, Store().Key.Key);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void KeyFile_OpenToOthers_StopsTheStart_WithTheFix(UnixFileMode extra)
    {
        UnixOnly();
        Store();
        var path = Path.Combine(_dir, "token-signing.key");
        File.SetUnixFileMode(path, DataFolder.OwnerOnlyFile | extra);
        var error = Assert.Throws<InvalidOperationException>(Store);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingDataFolder_OpenToOthers_ItsKeysAndDatabase_AreNarrowedToTheOwner()
    {
        UnixOnly();
        var keys = Path.Combine(_dir, "keys");
        Directory.CreateDirectory(keys);
        File.SetUnixFileMode(keys, DataFolder.OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var xml = Path.Combine(keys, "key-1.xml");
        var db = Path.Combine(_dir, "bookpost.db");
        foreach (var file in new[] { xml, db })
        {
            File.WriteAllText(file, "x");
            File.SetUnixFileMode(file, DataFolder.OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        Assert.Equal(3, DataFolder.RestrictAppFiles(_dir));
        Assert.Equal(DataFolder.OwnerOnlyFolder, File.GetUnixFileMode(keys));
        Assert.Equal(DataFolder.OwnerOnlyFile, File.GetUnixFileMode(xml));
        Assert.Equal(DataFolder.OwnerOnlyFile, File.GetUnixFileMode(db));
        // Files made afterwards are private from the start (umask 077).
        var later = Path.Combine(_dir, "later.txt");
        File.WriteAllText(later, "x");
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(later) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead));
    }

    [Fact]
    public void TheAppsKeyFile_IsOwnerOnly()
    {
        UnixOnly();
        var data = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory;
        Assert.NotNull(app.Services.GetRequiredService<SigningKeyStore>().Key);
        Assert.Equal(DataFolder.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, "token-signing.key")));
    }

    [Fact]
    public void TheApp_RefusesToStart_WhenItsKeyFileIsWorldReadable()
    {
        UnixOnly();
        var data = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory;
        var path = Path.Combine(data, "token-signing.key");
        File.SetUnixFileMode(path, DataFolder.OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            using var restarted = app.WithWebHostBuilder(_ => { });
            var error = Assert.ThrowsAny<Exception>(() => restarted.Server);
            Assert.Contains("chmod 600", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(path, DataFolder.OwnerOnlyFile);
        }
    }
}
