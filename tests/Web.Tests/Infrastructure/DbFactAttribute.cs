using System.Runtime.CompilerServices;

namespace Bookpost.Web.Tests.Infrastructure;

/// A test that runs on each database its class is made for: a class whose fixture is a PostgresApp is skipped, with a
/// visible reason, where PostgreSQL is not available.
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbFactAttribute : FactAttribute
{
    public DbFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        SkipType = typeof(DatabaseTests);
        SkipWhen = nameof(DatabaseTests.DatabaseUnavailable);
        Skip = "PostgreSQL is not available here (apt-get install postgresql): skipped.";
    }
}

/// The theory form of DbFact.
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbTheoryAttribute : TheoryAttribute
{
    public DbTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        SkipType = typeof(DatabaseTests);
        SkipWhen = nameof(DatabaseTests.DatabaseUnavailable);
        Skip = "PostgreSQL is not available here (apt-get install postgresql): skipped.";
    }
}

/// Where a [DbFact] looks whether its class can run: a class whose fixture is a PostgresApp cannot where PostgreSQL is
/// not available. Read through the running test's class, so the abstract test bodies stay shared by both databases.
public static class DatabaseTests
{
    public static bool DatabaseUnavailable =>
        (TestContext.Current.TestClass as Xunit.v3.IXunitTestClass)?.Class is { } type && RunsOnPostgres(type) && !PostgresCluster.Available;

    private static bool RunsOnPostgres(Type type) => type.GetInterfaces().Any(i =>
        i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>) && typeof(PostgresApp).IsAssignableFrom(i.GenericTypeArguments[0]));
}
