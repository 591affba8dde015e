using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;
using SupplyChain.Data;

namespace SupplyChain.Import;

/// <summary>
/// New rows of one entity type written through the engine's bulk path inside the import's transaction, without EF
/// change tracking: PostgreSQL binary COPY, SQLite one prepared INSERT re-bound per row. Ids are taken first (the
/// identity sequence on PostgreSQL; above the table's highest id on SQLite, where the transaction holds the write lock)
/// and set on the objects, so claims can point at what was just written. Columns and value conversions (enums as
/// text) come from the EF model, so the rows are the ones SaveChanges would write.
/// </summary>
static class BulkInsert
{
    public static bool Supported(SupplyChainDb db) => db.Database.IsSqlite() || db.Database.IsNpgsql();

    /// <summary>
    /// A column and how to read its provider value from an entity (a compiled getter, not reflection per row); on
    /// PostgreSQL also how COPY writes it.
    /// </summary>
    sealed record Column(string Name, Func<object, object?> Get, Func<object?, object?>? ToProvider, bool RawSqlite,
        Action<NpgsqlBinaryImporter, object>? PgWrite);

    static Func<object, object?> Getter(PropertyInfo p)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(object));
        var read = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(row, p.DeclaringType!), p);
        return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(System.Linq.Expressions.Expression.Convert(read, typeof(object)), row).Compile();
    }

    sealed record Shape(string Table, PropertyInfo Key, Column[] Columns);

    static readonly Dictionary<(Type, bool), Shape> Shapes = new();

    static Shape ShapeOf(SupplyChainDb db, Type type)
    {
        var pg = db.Database.IsNpgsql();
        lock (Shapes)
        {
            if (Shapes.TryGetValue((type, pg), out var s)) return s;
            var et = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
            var table = et.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, et.GetSchema());
            var key = et.FindPrimaryKey()!.Properties.Single().PropertyInfo!;
            var columns = et.GetProperties().Where(p => p.PropertyInfo is not null && p.GetColumnName(store) is not null)
                .Select(p =>
                {
                    var converter = p.GetValueConverter() ?? p.GetTypeMapping().Converter;
                    var providerType = converter?.ProviderClrType ?? p.ClrType;
                    var storeType = p.GetColumnType(store);
                    return new Column(p.GetColumnName(store)!, Getter(p.PropertyInfo!), converter is null ? null : converter.ConvertToProvider,
                        RawBindable(providerType), pg ? PgWriter(Nullable.GetUnderlyingType(providerType) ?? providerType, storeType) : null);
                }).ToArray();
            return Shapes[(type, pg)] = new Shape(table, key, columns);
        }
    }

    /// <summary>
    /// PostgreSQL ids taken ahead for one import (its writer, every file of the manifest), by table: a chunk's rows take theirs from here, and the sequence
    /// is asked for blocks that double up to 8,192 ids (a round trip per table per block, not per chunk: each cost more
    /// than a millisecond on a busy machine). The first block is exactly what the first chunk needs, so a small import
    /// takes no more; ids left over at the end are a gap in the sequence (at most what the import used), as a
    /// rolled-back insert leaves one. Ids stay in ascending order.
    /// </summary>
    public sealed class IdBlocks
    {
        internal const int MaxBlock = 8192;
        internal readonly Dictionary<string, (Queue<long> Held, long Taken)> Tables = new(StringComparer.Ordinal);
    }

    public static async Task InsertAsync<T>(SupplyChainDb db, IReadOnlyList<T> rows, IdBlocks blocks, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var shape = ShapeOf(db, typeof(T));
        var conn = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("bulk insert needs the import's transaction");
        long[] ids;
        using (ImportProfile.Time($"bulk: ids {shape.Table}")) ids = await TakeIdsAsync(db, conn, tx, shape, rows.Count, blocks, ct);
        using var write = ImportProfile.Time($"bulk: write {shape.Table}");
        for (var i = 0; i < rows.Count; i++) shape.Key.SetValue(rows[i], ids[i]);
        if (conn is NpgsqlConnection pg)
        {
            var copy = $"COPY \"{shape.Table}\" ({string.Join(", ", shape.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await pg.BeginBinaryImportAsync(copy, ct);
            // Synchronous writes: the importer buffers, so an await per value only adds a state machine per value.
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                importer.StartRow();
                for (var i = 0; i < shape.Columns.Length; i++)
                {
                    var v = Value(shape.Columns[i], row);
                    if (v is null) importer.WriteNull();
                    else shape.Columns[i].PgWrite!(importer, v);
                }
            }
            await importer.CompleteAsync(ct);
            return;
        }
        if (conn is SqliteConnection sqlite && shape.Columns.All(c => c.RawSqlite))
        {
            InsertRaw(sqlite, shape, rows, ct);
            return;
        }
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{shape.Table}\" ({string.Join(", ", shape.Columns.Select(c => $"\"{c.Name}\""))}) " +
                          $"VALUES ({string.Join(", ", shape.Columns.Select((_, i) => $"@p{i}"))})";
        var ps = shape.Columns.Select((_, i) => { var p = cmd.CreateParameter(); p.ParameterName = $"@p{i}"; cmd.Parameters.Add(p); return p; }).ToArray();
        cmd.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < ps.Length; i++) ps[i].Value = Value(shape.Columns[i], row) ?? DBNull.Value;
            ct.ThrowIfCancellationRequested();
            cmd.ExecuteNonQuery(); // SQLite runs in this thread anyway: no task per row
        }
    }

    /// <summary>
    /// SQLite: one statement prepared on the connection's handle and bound by position, values bound as
    /// Microsoft.Data.Sqlite binds them (text as UTF-8, integers and booleans as 64-bit integers, DateTime as its text,
    /// NaN refused), without a parameter object, a name look-up and a UTF-8 array per value; the transaction is the
    /// connection's, as for any command on it.
    /// </summary>
    static void InsertRaw<T>(SqliteConnection conn, Shape shape, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        var handle = conn.Handle ?? throw new InvalidOperationException("the connection is not open");
        var sql = $"INSERT INTO \"{shape.Table}\" ({string.Join(", ", shape.Columns.Select(c => $"\"{c.Name}\""))}) " +
                  $"VALUES ({string.Join(", ", shape.Columns.Select((_, i) => $"?{i + 1}"))})";
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, sql, out var stmt), handle);
        using (stmt)
        {
            var utf8 = new byte[1024];
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < shape.Columns.Length; i++)
                    SqliteException.ThrowExceptionForRC(Bind(stmt, i + 1, Value(shape.Columns[i], row), ref utf8), handle);
                var rc = raw.sqlite3_step(stmt);
                if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, handle);
                SqliteException.ThrowExceptionForRC(raw.sqlite3_reset(stmt), handle);
            }
        }
    }

    static int Bind(sqlite3_stmt stmt, int index, object? value, ref byte[] utf8)
    {
        switch (value)
        {
            case null: return raw.sqlite3_bind_null(stmt, index);
            case string text:
                var n = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
                if (n > utf8.Length) utf8 = new byte[Math.Max(n, utf8.Length * 2)];
                var length = System.Text.Encoding.UTF8.GetBytes(text, utf8);
                return raw.sqlite3_bind_text(stmt, index, utf8.AsSpan(0, length));
            case long l: return raw.sqlite3_bind_int64(stmt, index, l);
            case int i: return raw.sqlite3_bind_int64(stmt, index, i);
            case bool b: return raw.sqlite3_bind_int64(stmt, index, b ? 1 : 0);
            case double d when double.IsNaN(d): throw new InvalidOperationException("Cannot store 'NaN' values.");
            case double d: return raw.sqlite3_bind_double(stmt, index, d);
            case DateTime t: return Bind(stmt, index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture), ref utf8);
            default: throw new InvalidOperationException($"no raw SQLite binding for {value.GetType().Name}");
        }
    }

    /// <summary>Provider types <see cref="Bind"/> writes as Microsoft.Data.Sqlite would.</summary>
    static bool RawBindable(Type t) => (Nullable.GetUnderlyingType(t) ?? t) is var u &&
        (u == typeof(string) || u == typeof(long) || u == typeof(int) || u == typeof(bool) || u == typeof(double) || u == typeof(DateTime));

    /// <summary>A column's value of a row as the database holds it (after the model's value converter).</summary>
    static object? Value(Column c, object row)
    {
        var v = c.Get(row);
        return v is null ? null : c.ToProvider is null ? v : c.ToProvider(v);
    }

    /// <summary>
    /// A column's COPY write typed by its provider CLR type: Npgsql keeps a column's converter when the same type comes
    /// again, where a value passed as object is resolved anew each time.
    /// </summary>
    static Action<NpgsqlBinaryImporter, object> PgWriter(Type providerType, string storeType) =>
        (Action<NpgsqlBinaryImporter, object>)typeof(BulkInsert).GetMethod(nameof(WriteTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(providerType).Invoke(null, [BaseType(storeType)])!;

    static Action<NpgsqlBinaryImporter, object> WriteTyped<T>(string type) => (importer, value) => importer.Write((T)value, type);

    /// <summary>"character varying(4000)" → "character varying": the type COPY is told each value is.</summary>
    static string BaseType(string storeType) => storeType.IndexOf('(') is var p and > 0 ? storeType[..p].Trim() : storeType;

    static async Task<long[]> TakeIdsAsync(SupplyChainDb db, DbConnection conn, DbTransaction tx, Shape shape, int n, IdBlocks blocks, CancellationToken ct)
    {
        var ids = new long[n];
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        if (db.Database.IsNpgsql())
        {
            // Values from the identity sequence, as EF's inserts would take them; other writers keep their own.
            var (held, taken) = blocks.Tables.TryGetValue(shape.Table, out var t) ? t : (new Queue<long>(), 0);
            if (held.Count < n)
            {
                // One array back, not a row per id; the sequence looked up once (materialized), not per id.
                var want = (int)Math.Max(n - held.Count, Math.Min(IdBlocks.MaxBlock, taken));
                cmd.CommandText = $"WITH q AS MATERIALIZED (SELECT pg_get_serial_sequence('\"{shape.Table}\"', '{shape.Key.Name}')::regclass AS s) " +
                                  $"SELECT array_agg(nextval(q.s)) FROM q CROSS JOIN generate_series(1, {want})";
                var got = (long[])(await cmd.ExecuteScalarAsync(ct))!;
                if (got.Length != want) throw new InvalidOperationException($"took {got.Length} ids of {shape.Table}, wanted {want}");
                Array.Sort(got);
                foreach (var id in got) held.Enqueue(id);
                blocks.Tables[shape.Table] = (held, taken + want);
            }
            for (var i = 0; i < n; i++) ids[i] = held.Dequeue();
            return ids;
        }
        // SQLite AUTOINCREMENT never reuses an id: above both the highest row and the highest id ever handed out.
        cmd.CommandText = $"SELECT MAX(COALESCE((SELECT MAX(\"{shape.Key.Name}\") FROM \"{shape.Table}\"), 0), " +
                          $"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{shape.Table}'), 0))";
        var top = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < n; i++) ids[i] = top + 1 + i;
        return ids;
    }
}
