using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bookpost.Web.Data;

/// A query compiled once per model (EF.CompileAsyncQuery). EF Core binds a compiled query to the model it first ran
/// with and refuses any other; the app has one model, but SQLite and PostgreSQL each have theirs, and the tests run
/// both in one process.
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
