using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Catalyst.Modules.Scanner.Persistence;

/// <summary>
/// Stores a scan's symbol rows (about a hundred, forty-odd columns each) with one binary COPY instead of an INSERT per
/// row: EF's batch of single-row INSERTs cost ~80 ms per scan, most of a scan's time. The columns and values are the
/// ones EF would insert (read from the model, so a new column is copied too); the id stays the database's identity.
/// </summary>
internal static class ScanResultCopy
{
    public static async Task WriteAsync(ScannerDbContext db, IReadOnlyList<ScanResultRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(ScanResultRow))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        var getters = columns.Select(p => p.GetGetter()).ToList();
        var names = string.Join(", ", columns.Select(p => $"\"{p.GetColumnName(table)}\""));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table.Schema}\".\"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var getter in getters)
            {
                if (getter.GetClrValue(row) is { } value) await writer.WriteAsync(value, ct);
                else await writer.WriteNullAsync(ct);
            }
        }
        await writer.CompleteAsync(ct);
    }
}
