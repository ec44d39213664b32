using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Search;

/// <summary>
/// A copy of what search and the facet counts read of every <see cref="CatalogueFacets.SampleEvery"/>th initiative
/// (PostgreSQL): its id, publication, owner, facet keys, search words and title, in a table of its own (<see cref="Table"/>)
/// kept in step by a trigger on the initiatives (written in migration <c>InitiativeSampleTable</c>), in the same transaction
/// as the change.
/// </summary>
/// <remarks>
/// The sample is what a very large result's counts are estimated from (<see cref="CatalogueFacets"/>, <c>/stats</c>), and
/// what says "many" before thousands of rows are read. At a million initiatives its rows are spread over 160 MB of the
/// table, more than PostgreSQL keeps in memory by default (128 MB), so each question read most of its sample rows from the
/// operating system (about 60 µs a page on a small virtual machine: 10–30 ms a question). Together in a table of their own
/// they take about 34 MB with their indexes and stay in memory. Not an entity of its own for queries: the sample is read as
/// initiatives (<see cref="Of"/>), so that every filter applies to it unchanged.
/// </remarks>
public sealed class InitiativeSample
{
    public const string Table = "InitiativeSamples";

    /// <summary>The initiative's id (a multiple of <see cref="CatalogueFacets.SampleEvery"/>).</summary>
    public int Id { get; set; }
    public PublicationState Publication { get; set; }
    /// <summary>Whose record it is (<c>/stats</c> tells civil society's records from the others' by the owner's kind).</summary>
    public int OwnerId { get; set; }
    public List<string> FacetKeys { get; set; } = [];
    public string SearchTitle { get; set; } = "";

    /// <summary>The columns the copy holds (the initiatives' names for them); the others read as null.</summary>
    internal static readonly string[] Columns = ["Id", "Publication", "OwnerId", "FacetKeys", PostgresAppDbContext.SearchVector, "SearchTitle"];

    private static readonly ConcurrentDictionary<IModel, string> Selects = new();

    /// <summary>
    /// The sample, read as initiatives: on PostgreSQL the copy (every column it does not hold is null, so only filters on
    /// what it holds and projections of it may be used: the id, publication, owner, keys, search words and title); on SQLite the
    /// initiatives themselves (a small portal: the whole is read in a moment).
    /// </summary>
    public static IQueryable<Initiative> Of(AppDbContext db)
    {
        if (!db.Database.IsNpgsql()) return db.Initiatives.AsNoTracking();
        var select = Selects.GetOrAdd(db.Model, model =>
        {
            var type = model.FindEntityType(typeof(Initiative))!;
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var columns = new StringBuilder();
            foreach (var property in type.GetProperties())
            {
                var column = property.GetColumnName(table)!;
                if (columns.Length > 0) columns.Append(", ");
                columns.Append(Columns.Contains(column) ? $"\"{column}\"" : $"NULL::{property.GetColumnType(table)} AS \"{column}\"");
            }
            return $"SELECT {columns} FROM \"{Table}\"";
        });
        return db.Initiatives.FromSqlRaw(select).AsNoTracking();
    }
}
