using System.Diagnostics;
using Bookpost.Marc;
using Bookpost.Web.Tests.Features.Network;
using Microsoft.Data.Sqlite;

namespace Bookpost.Web.Tests.Features.Catalog;

/// The import CLI is killed with SIGKILL in the middle of a file and run again: every record ends up stored exactly once.
public sealed class ImportCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportCli_KilledAndRestarted_StoresEveryRecordExactlyOnce()
    {
        var source = TestData.MarcFile("iso2709-utf8/qa-marc__BooksAll.2014.part01-0001.mrc");
        Assert.SkipUnless(File.Exists(source), "tests/data/marc is not here.");
        var dir = Directory.CreateTempSubdirectory("bookpost-crash-").FullName;
        var file = Path.Combine(dir, "books.mrc");
        const int records = 20_000;
        WriteUniqueRecords(source, file, records);

        var first = Start(dir, file);
        // Wait until some batches are committed, then kill without warning.
        var committed = 0L;
        var clock = Stopwatch.StartNew();
        while (committed == 0 && clock.Elapsed < TimeSpan.FromMinutes(2) && !first.HasExited)
        {
            await Task.Delay(20, Ct);
            committed = Query(dir, "SELECT COALESCE(MAX(LastOrdinal), 0) FROM ImportJobs");
        }
        if (first.HasExited)
            Assert.Fail($"the import ended (exit {first.ExitCode}) before it could be killed: {await first.StandardOutput.ReadToEndAsync(Ct)} {await first.StandardError.ReadToEndAsync(Ct)}");
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(Ct);
        Assert.True(committed > 0 && committed < records, $"killed after {committed} committed records");

        var second = Start(dir, file);
        var output = await second.StandardOutput.ReadToEndAsync(Ct);
        await second.WaitForExitAsync(Ct);
        Assert.True(second.ExitCode == 0, output);
        Assert.Contains("Resuming import", output, StringComparison.Ordinal);

        Assert.Equal(records, Query(dir, "SELECT COUNT(*) FROM Titles"));
        Assert.Equal(records, Query(dir, "SELECT COUNT(DISTINCT ControlNumber) FROM Titles"));
        Assert.Equal(1, Query(dir, "SELECT COUNT(*) FROM ImportJobs"));
        Assert.Equal(records, Query(dir, "SELECT Imported FROM ImportJobs"));
        Directory.Delete(dir, recursive: true);
    }

    /// Real records, each given its own control number so that none matches another.
    private static void WriteUniqueRecords(string source, string target, int count)
    {
        using var reader = new MarcReader(File.OpenRead(source));
        var templates = reader.ReadAll().Select(r => r.Record!).Where(r => r.GetValue("245", 'a') is not null).ToList();
        using var writer = new MarcWriter(File.Create(target));
        for (var i = 0; i < count; i++)
        {
            var record = templates[i % templates.Count];
            record.Fields.RemoveAll(f => f.Tag is "001" or "020");
            record.Fields.Insert(0, MarcField.Control("001", $"CRASH-{i:D6}"));
            writer.Write(record);
        }
    }

    private static Process Start(string dataDir, string file)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Bookpost.Web.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{web}\" import-marc \"{file}\" --items none")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Database__DataDirectory"] = dataDir;
        info.Environment["Catalog__ImportBatchSize"] = "100";
        // The killed run's lease on its job runs out soon, so the second run need not wait long to take the job.
        info.Environment["Instances__ImportLeaseSeconds"] = "2";
        info.Environment["Demo__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(info)!;
    }

    private static long Query(string dataDir, string sql)
    {
        var path = Path.Combine(dataDir, "bookpost.db");
        if (!File.Exists(path)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Default Timeout=5");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the tables are not there yet
        }
    }
}
