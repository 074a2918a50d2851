using System.Diagnostics;
using DuckDB.NET.Data;

namespace Suivi.Bench.National;

/// <summary>
/// The reference: DuckDB (an in-process columnar engine, DuckDB.NET with its bundled native library) holding the same
/// rows — same organisations, dates, durations, codes, people, case files and their restrictions, care-insurance
/// periods, contacts and visits, from the same generator — loaded through its appender into a file kept beside the
/// SQLite one. Its ids are integers where the application's are Guids: the work is the same grouping, not the same bytes.
/// </summary>
internal static class DuckReference
{
    public static DuckDBConnection Open(string path) => new($"Data Source={path}");

    public static async Task<bool> HoldsAsync(string path, NationalDataset dataset)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        await using var connection = Open(path);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'dataset'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }
        command.CommandText = "SELECT label FROM dataset";
        return (string?)await command.ExecuteScalarAsync() == NationalDatabase.CompleteName(dataset);
    }

    public static async Task LoadAsync(string path, NationalDataset dataset)
    {
        var watch = Stopwatch.StartNew();
        foreach (var suffix in new[] { "", ".wal" })
        {
            File.Delete(path + suffix);
        }
        await using var connection = Open(path);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            CREATE TABLE organisations (o SMALLINT, slug VARCHAR);
            CREATE TABLE types (id SMALLINT, code VARCHAR);
            CREATE TABLE acts (id SMALLINT, code VARCHAR);
            CREATE TABLE outcomes (id SMALLINT, code VARCHAR);
            CREATE TABLE sites (o SMALLINT, id SMALLINT, region VARCHAR);
            CREATE TABLE case_files (id INTEGER, o SMALLINT, restricted BOOLEAN);
            CREATE TABLE case_file_access (case_file INTEGER, user_name VARCHAR);
            CREATE TABLE care_periods (person INTEGER, "from" DATE, "to" DATE);
            CREATE TABLE deliveries (o SMALLINT, on_date DATE, start_minute SMALLINT, seconds INTEGER, type SMALLINT, act SMALLINT,
                worker INTEGER, case_file INTEGER, person INTEGER, site SMALLINT, metres INTEGER);
            CREATE TABLE contacts (o SMALLINT, on_date DATE, at_minute SMALLINT, seconds INTEGER, kind VARCHAR, direction VARCHAR,
                outcome SMALLINT, person INTEGER, staff INTEGER);
            CREATE TABLE visits (o SMALLINT, centre SMALLINT, person INTEGER, on_date DATE);
            """);
        using (var appender = connection.CreateAppender("organisations"))
        {
            for (short o = 0; o < NationalDataset.Organisations; o++)
            {
                appender.CreateRow().AppendValue(o).AppendValue(NationalDataset.Slug(o)).EndRow();
            }
        }
        foreach (var (table, codes) in new[] { ("types", NationalDataset.TypeCodes), ("acts", NationalDataset.ActCodes), ("outcomes", NationalDataset.OutcomeCodes) })
        {
            using var appender = connection.CreateAppender(table);
            for (short i = 0; i < codes.Length; i++)
            {
                appender.CreateRow().AppendValue(i).AppendValue(codes[i]).EndRow();
            }
        }
        using (var appender = connection.CreateAppender("sites"))
        {
            for (short o = 0; o < NationalDataset.Organisations; o++)
            {
                for (short s = 0; s < NationalDataset.SitesPerOrganisation; s++)
                {
                    appender.CreateRow().AppendValue(o).AppendValue(s).AppendValue(NationalDataset.Regions[s % NationalDataset.Regions.Length]).EndRow();
                }
            }
        }
        using (var files = connection.CreateAppender("case_files"))
        using (var access = connection.CreateAppender("case_file_access"))
        using (var care = connection.CreateAppender("care_periods"))
        {
            for (short o = 0; o < NationalDataset.Organisations; o++)
            {
                for (var p = 0; p < dataset.People[o]; p++)
                {
                    var person = dataset.PersonOffset[o] + p;
                    if (NationalDataset.HasCaseFile(o, p))
                    {
                        var restriction = NationalDataset.Access(o, p);
                        files.CreateRow().AppendValue(person).AppendValue(o).AppendValue(restriction != FileAccess.Open).EndRow();
                        if (restriction != FileAccess.Open)
                        {
                            access.CreateRow().AppendValue(person).AppendValue(restriction == FileAccess.RestrictedToViewer ? "viewer" : "other").EndRow();
                        }
                    }
                    if (NationalDataset.CareInsurance(o, p) is var (from, to))
                    {
                        var row = care.CreateRow().AppendValue(person).AppendValue(from);
                        (to is { } end ? row.AppendValue(end) : row.AppendNullValue()).EndRow();
                    }
                }
            }
        }
        var rows = 0L;
        using (var appender = connection.CreateAppender("deliveries"))
        {
            for (short o = 0; o < NationalDataset.Organisations; o++)
            {
                var offset = dataset.PersonOffset[o];
                foreach (var d in dataset.DeliveriesOf(o))
                {
                    var row = appender.CreateRow().AppendValue(o).AppendValue(d.Day);
                    row = d.StartMinutes >= 0 ? row.AppendValue((short)d.StartMinutes) : row.AppendNullValue();
                    row = row.AppendValue(d.Seconds).AppendValue((short)d.Type);
                    row = d.Act >= 0 ? row.AppendValue((short)d.Act) : row.AppendNullValue();
                    row = row.AppendValue(d.Worker);
                    row = d.CaseFile ? row.AppendValue(offset + d.Person) : row.AppendNullValue();
                    row = d.Person >= 0 ? row.AppendValue(offset + d.Person) : row.AppendNullValue();
                    row = d.Site >= 0 ? row.AppendValue((short)d.Site) : row.AppendNullValue();
                    row = d.Metres >= 0 ? row.AppendValue(d.Metres) : row.AppendNullValue();
                    row.EndRow();
                    if (++rows % 1_000_000 == 0)
                    {
                        Console.Write($"\rDuckDB: {rows:N0} deliveries   ");
                    }
                }
            }
        }
        using (var appender = connection.CreateAppender("contacts"))
        {
            for (short o = 0; o < NationalDataset.Organisations; o++)
            {
                var offset = dataset.PersonOffset[o];
                foreach (var c in dataset.ContactsOf(o))
                {
                    var row = appender.CreateRow().AppendValue(o).AppendValue(c.Day).AppendValue((short)c.AtMinutes);
                    row = c.Seconds >= 0 ? row.AppendValue(c.Seconds) : row.AppendNullValue();
                    row = row.AppendValue(NationalLoader.Kinds[c.Kind].ToString()).AppendValue(NationalLoader.Directions[c.Direction].ToString());
                    row = c.Outcome >= 0 ? row.AppendValue((short)c.Outcome) : row.AppendNullValue();
                    row = c.Person >= 0 ? row.AppendValue(offset + c.Person) : row.AppendNullValue();
                    row.AppendValue(c.Staff).EndRow();
                }
            }
        }
        using (var appender = connection.CreateAppender("visits"))
        {
            for (short o = 0; o < NationalDataset.Organisations; o++)
            {
                var offset = dataset.PersonOffset[o];
                foreach (var v in dataset.VisitsOf(o))
                {
                    appender.CreateRow().AppendValue(o).AppendValue((short)v.Centre).AppendValue(offset + v.Person).AppendValue(v.Day).EndRow();
                }
            }
        }
        await ExecuteAsync(connection, $"CREATE TABLE dataset (label VARCHAR); INSERT INTO dataset VALUES ('{NationalDatabase.CompleteName(dataset)}'); CHECKPOINT;");
        Console.WriteLine($"\rDuckDB: the same rows appended in {watch.Elapsed.TotalSeconds:F0} s ({new FileInfo(path).Length / 1e9:F1} GB file)        ");
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
