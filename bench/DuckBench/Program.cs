using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

// The DuckDB side of bench/national-report.sh (issue 18): a Decree 09 year's loans by commune × quarter × sex.
//   parquet DIR            loans.csv, readers.csv, points.csv (exported from SQLite by the script) → Parquet files
//   query DIR FROM TO CUTOFF ROUNDS   times the report over the Parquet files, ROUNDS times, and prints the median
//   sqlite DB FROM TO CUTOFF ROUNDS   the same report with DuckDB reading the SQLite file (its sqlite extension)
// Times are of the query alone, in one process, on a connection opened before; the first run is a warm-up.
if (args.Length < 2) return Usage();
var culture = CultureInfo.InvariantCulture;
switch (args[0])
{
    case "parquet":
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        var dir = Path.GetFullPath(args[1]);
        var clock = Stopwatch.StartNew();
        Run(db, $$"""
            COPY (SELECT * FROM read_csv('{{dir}}/loans.csv', header = false,
                    columns = {'PointId': 'INTEGER', 'ReaderId': 'INTEGER', 'LentAt': 'TIMESTAMP', 'ReturnedAt': 'TIMESTAMP',
                                'ReturnedAtPointId': 'INTEGER'}))
              TO '{{dir}}/loans.parquet' (FORMAT parquet);
            COPY (SELECT * FROM read_csv('{{dir}}/readers.csv', header = false, columns = {'Id': 'INTEGER', 'Sex': 'VARCHAR'}))
              TO '{{dir}}/readers.parquet' (FORMAT parquet);
            COPY (SELECT * FROM read_csv('{{dir}}/points.csv', header = false, columns = {'Id': 'INTEGER', 'CommuneCode': 'VARCHAR'}))
              TO '{{dir}}/points.parquet' (FORMAT parquet);
            """);
        Console.WriteLine($"parquet written in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
    case "query" or "sqlite" when args.Length >= 6:
    {
        var from = DateOnly.Parse(args[2], culture);
        var to = DateOnly.Parse(args[3], culture);
        var cutoff = int.Parse(args[4], culture);
        var rounds = int.Parse(args[5], culture);
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        string loans, readers, points;
        if (args[0] == "query")
        {
            var dir = Path.GetFullPath(args[1]);
            (loans, readers, points) = ($"read_parquet('{dir}/loans.parquet')", $"read_parquet('{dir}/readers.parquet')",
                $"read_parquet('{dir}/points.parquet')");
        }
        else
        {
            try
            {
                Run(db, $"LOAD sqlite; ATTACH '{Path.GetFullPath(args[1])}' AS s (TYPE sqlite, READ_ONLY);");
            }
            catch (Exception e)
            {
                Console.WriteLine($"duckdb-sqlite: unavailable ({e.Message.Split('\n')[0]})");
                return 0;
            }
            // SQLite stores times as text: DuckDB's scanner reads them as strings, cast here.
            (loans, readers, points) = ("(SELECT \"PointId\", \"ReaderId\", CAST(\"LentAt\" AS TIMESTAMP) AS \"LentAt\" FROM s.\"Loans\")",
                "s.\"Readers\"", "s.\"ServicePoints\"");
        }
        // Times are UTC; the day is Vietnam's (UTC+7); a day after the cut-off belongs to the next month's quarter.
        var sql = $"""
            WITH l AS (SELECT "PointId", "ReaderId", "LentAt" + INTERVAL 7 HOUR AS local FROM {loans}
                       WHERE "LentAt" >= TIMESTAMP '{from:yyyy-MM-dd}' - INTERVAL 7 HOUR
                         AND "LentAt" < TIMESTAMP '{to.AddDays(1):yyyy-MM-dd}' - INTERVAL 7 HOUR)
            SELECT p."CommuneCode", ((month(l.local) + CAST(day(l.local) > {cutoff} AS INTEGER)) - 1) % 12 // 3 + 1 AS q,
                   r."Sex", count(*) AS n
            FROM l JOIN {readers} r ON r."Id" = l."ReaderId" JOIN {points} p ON p."Id" = l."PointId"
            GROUP BY ALL
            """;
        var times = new List<double>();
        long rows = 0, total = 0;
        for (var i = 0; i <= rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            using var command = db.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            (rows, total) = (0, 0);
            while (reader.Read())
            {
                rows++;
                total += reader.GetInt64(3);
            }
            if (i > 0) times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(culture, $"duckdb-{(args[0] == "query" ? "parquet" : "sqlite")}: median {times[times.Count / 2]:F3} s"
            + $" (rounds {string.Join(", ", times.Select(t => t.ToString("F3", culture)))}); {rows} commune×quarter×sex rows, {total} loans"));
        return 0;
    }
    default:
        return Usage();
}

static void Run(DuckDBConnection db, string sql)
{
    using var command = db.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static int Usage()
{
    Console.Error.WriteLine("usage: DuckBench parquet DIR | query DIR FROM TO CUTOFF ROUNDS | sqlite DB FROM TO CUTOFF ROUNDS");
    return 2;
}
