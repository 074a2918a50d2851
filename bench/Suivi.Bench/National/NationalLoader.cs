using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using Suivi.Data.ReadyMade;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Bench.National;

/// <summary>The ids one organisation's records were given in one database, by the dataset's positions.</summary>
internal sealed class LoadedOrganisation
{
    public required Guid Id { get; init; }
    public required Guid HomeCare { get; init; }
    public required Guid Helpline { get; init; }
    public required Guid[] Centres { get; init; }
    public required Guid[] Types { get; init; }
    public required Guid[] Acts { get; init; }
    public required Guid[] Outcomes { get; init; }
    public required Guid[] Sites { get; init; }
    public required Guid[] Staff { get; init; }
    public required Guid[] People { get; init; }
    public required Guid?[] Files { get; init; }
}

/// <summary>
/// Builds the national dataset in a freshly migrated database. The organisations, their lists, services, sites, staff,
/// people, case files (some restricted) and care-insurance periods go through the application's own entities and
/// DbContext, as the pages and imports create them. The three large tables (deliveries, contacts, day-centre visits)
/// are written the fastest way each engine offers — prepared INSERTs in large transactions on SQLite, binary COPY on
/// PostgreSQL — with their secondary indexes dropped during the load and rebuilt from their own definitions after it;
/// primary keys and foreign keys are checked row by row (SQLite) or per statement (PostgreSQL) as always.
/// </summary>
internal static class NationalLoader
{
    public const string ViewerEmail = "statistique@national.test";
    private const string OtherEmail = "coordination@national.test";
    private static readonly string[] BigTables = ["Deliveries", "Contacts", "DayCentreVisits"];
    private static readonly string[] FirstNames = ["Ana", "Marie", "Luca", "João", "Inês", "Paul", "Léa", "Tom", "Sara", "René", "Nadia", "Claude", "Jeff", "Mireille", "Pit", "Sandra", "Yves", "Carla", "Tiago", "Nora"];
    private static readonly string[] LastNames = ["Gonçalves", "Müller", "Weber", "Schmit", "Ferreira", "Da Silva", "Hoffmann", "Lefèvre", "Kieffer", "Thill", "Wagner", "Reuter", "Schroeder", "Pereira", "Hansen", "Klein", "Meyer", "Becker", "Lopes", "Majerus"];
    internal static readonly ContactKind[] Kinds = [ContactKind.HelplineCall, ContactKind.ClientRelations, ContactKind.Other];
    internal static readonly ContactDirection[] Directions = [ContactDirection.Inbound, ContactDirection.Redirected, ContactDirection.Outbound];

    public static async Task LoadAsync(NationalDatabase database, NationalDataset dataset)
    {
        var watch = Stopwatch.StartNew();
        await database.RecreateAsync();
        var organisations = await SeedAsync(database, dataset);
        Console.WriteLine($"{database.Engine}: organisations, lists, staff, {dataset.TotalPeople:N0} people and their case files through EF Core in {watch.Elapsed.TotalSeconds:F0} s");
        var bulk = Stopwatch.StartNew();
        switch (database)
        {
            case SqliteNationalDatabase sqlite:
                await SqliteAsync(sqlite, dataset, organisations);
                break;
            case PostgresNationalDatabase postgres:
                await PostgresAsync(postgres, dataset, organisations);
                break;
        }
        Console.WriteLine($"{database.Engine}: deliveries, contacts and visits written, indexes rebuilt and analysed in {bulk.Elapsed.TotalSeconds:F0} s");
        await using (var connection = database.Connection())
        {
            // The mark of a complete dataset, written last: --reuse trusts nothing else. (Networks have no rename in the domain.)
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE \"Networks\" SET \"Name\" = '{NationalDatabase.CompleteName(dataset)}'";
            await command.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"{database.Engine}: national dataset built in {watch.Elapsed.TotalMinutes:F1} min ({database.Size()})");
    }

    private static async Task<LoadedOrganisation[]> SeedAsync(NationalDatabase database, NationalDataset dataset)
    {
        var network = new Network("Réseau national (loading)");
        var viewer = new UserAccount { Id = Guid.CreateVersion7(), UserName = ViewerEmail, Email = ViewerEmail, DisplayName = "Statistique du réseau", PreferredLanguage = "fr" };
        var other = new UserAccount { Id = Guid.CreateVersion7(), UserName = OtherEmail, Email = OtherEmail, DisplayName = "Coordination", PreferredLanguage = "fr" };
        var created = Enumerable.Range(0, NationalDataset.Organisations)
            .Select(o => new Organisation(network.Id, NationalDataset.Name(o), NationalDataset.Slug(o), OrganisationKind.HomeCare)).ToArray();
        await using (var db = database.Context(new CurrentOrganisation()))
        {
            db.Add(network);
            db.AddRange(created);
            db.Users.AddRange(viewer, other);
            foreach (var organisation in created)
            {
                db.Memberships.Add(new Membership(viewer.Id, organisation.Id, OrganisationRole.OrganisationAdministrator));
                db.Memberships.Add(new Membership(other.Id, organisation.Id, OrganisationRole.Coordinator));
            }
            await db.SaveChangesAsync();
        }
        var loaded = new LoadedOrganisation[NationalDataset.Organisations];
        for (var o = 0; o < loaded.Length; o++)
        {
            loaded[o] = await SeedOrganisationAsync(database, dataset, o, created[o], viewer.Id, other.Id);
            if (o % 10 == 9 || o == 0)
            {
                Console.WriteLine($"{database.Engine}: seeded {o + 1} of {loaded.Length} organisations");
            }
        }
        return loaded;
    }

    private static async Task<LoadedOrganisation> SeedOrganisationAsync(NationalDatabase database, NationalDataset dataset, int o,
        Organisation organisation, Guid viewer, Guid other)
    {
        var current = new CurrentOrganisation();
        current.Enter(organisation.Id, organisation.Slug, organisation.Name, OrganisationRole.OrganisationAdministrator, viewer);
        var homeCare = new Service("SAD", "Aides et soins à domicile", ServiceKind.Branch);
        var helpline = new Service("TEL", "Ligne d'écoute", ServiceKind.Helpline);
        var centres = Enumerable.Range(0, dataset.DayCentres[o]).Select(c => new Service($"CJ-{c + 1}", $"Centre de jour {c + 1}", ServiceKind.DayCentre)).ToArray();
        var sites = Enumerable.Range(0, NationalDataset.SitesPerOrganisation)
            .Select(i => new Site(homeCare.Id, $"Antenne {i + 1}", Enum.Parse<Region>(NationalDataset.Regions[i % NationalDataset.Regions.Length]), null)).ToArray();
        var staff = Enumerable.Range(0, dataset.Staff[o])
            .Select(i => new StaffMember(FirstNames[i % FirstNames.Length], $"{LastNames[i / FirstNames.Length % LastNames.Length]} {i + 1}",
                (Profession)(i % 4), 1m, homeCare.Id))
            .ToArray();
        IReadOnlyList<ListItem> lists;
        await using (var db = database.Context(current))
        {
            lists = ReadyMade.AddTo(db).Lists;
            db.AddRange(homeCare, helpline);
            db.AddRange(centres);
            db.AddRange(sites);
            db.AddRange(staff);
            await db.SaveChangesAsync();
        }
        Guid Item(ListKind kind, string code) => lists.Single(l => l.List == kind && l.Code == code && l.ServiceId is null).Id;

        var count = dataset.People[o];
        var people = new Guid[count];
        var files = new Guid?[count];
        const int Batch = 2_000;
        for (var start = 0; start < count; start += Batch)
        {
            await using var db = database.Context(current);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var p = start; p < Math.Min(count, start + Batch); p++)
            {
                var person = new Beneficiary(new BeneficiaryDetails(FirstNames[p % FirstNames.Length], $"{LastNames[p / 7 % LastNames.Length]}",
                    new DateOnly(1925, 1, 1).AddDays(p * 7 % 25_000), (Sex)(p % 2), Enum.Parse<Region>(NationalDataset.Regions[p % 5]), "lb", null, null, null, null));
                people[p] = person.Id;
                db.Add(person);
                if (NationalDataset.HasCaseFile(o, p))
                {
                    var file = new CaseFile(homeCare.Id, "SAD-" + (p + 1).ToString("000000", CultureInfo.InvariantCulture), new DateOnly(2014, 1, 1));
                    file.AddMember(person.Id, CaseMemberRole.Client);
                    switch (NationalDataset.Access(o, p))
                    {
                        case FileAccess.RestrictedToViewer:
                            file.RestrictTo([viewer]);
                            break;
                        case FileAccess.RestrictedToOthers:
                            file.RestrictTo([other]);
                            break;
                    }
                    files[p] = file.Id;
                    db.Add(file);
                }
                if (NationalDataset.CareInsurance(o, p) is var (from, to))
                {
                    db.Add(new CareInsurancePeriod(person.Id, from, to));
                }
            }
            await db.SaveChangesAsync();
        }
        return new LoadedOrganisation
        {
            Id = organisation.Id,
            HomeCare = homeCare.Id,
            Helpline = helpline.Id,
            Centres = [.. centres.Select(c => c.Id)],
            Types = [.. NationalDataset.TypeCodes.Select(c => Item(ListKind.DeliveryType, c))],
            Acts = [.. NationalDataset.ActCodes.Select(c => Item(ListKind.ActCategory, c))],
            Outcomes = [.. NationalDataset.OutcomeCodes.Select(c => Item(ListKind.ContactOutcome, c))],
            Sites = [.. sites.Select(s => s.Id)],
            Staff = [.. staff.Select(s => s.Id)],
            People = people,
            Files = files,
        };
    }

    /// <summary>Ids in the order rows are written, so primary keys grow at their end as they do for records typed day by day.</summary>
    private sealed class Ids
    {
        private DateTimeOffset _at = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public Guid Next()
        {
            _at = _at.AddMilliseconds(1);
            return Guid.CreateVersion7(_at);
        }
    }

    private sealed class Progress(string engine, string table, long total)
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private long _done;
        private int _shown = -1;

        public void Add(long rows)
        {
            _done += rows;
            var percent = total == 0 ? 100 : (int)(100 * _done / total);
            if (percent / 5 != _shown / 5)
            {
                _shown = percent;
                Console.Write($"\r{engine}: {table} {percent,3} % ({_done:N0} rows, {_done / Math.Max(0.001, _watch.Elapsed.TotalSeconds):N0} rows/s)   ");
            }
        }

        public void Done() => Console.WriteLine($"\r{engine}: {table} {_done:N0} rows in {_watch.Elapsed.TotalSeconds:F0} s ({_done / Math.Max(0.001, _watch.Elapsed.TotalSeconds):N0} rows/s)          ");
    }

    private static async Task SqliteAsync(SqliteNationalDatabase database, NationalDataset dataset, LoadedOrganisation[] organisations)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var db = connection.Handle!;
        // A generated dataset: no journal while loading (a crash leaves no complete mark and the next run starts over).
        Exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000000; PRAGMA temp_store = MEMORY;");
        var indexes = new List<(string Name, string Sql)>();
        foreach (var table in BigTables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = $table";
            command.Parameters.AddWithValue("$table", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            Exec(db, $"DROP INDEX \"{name}\"");
        }
        var ids = new Ids();
        // Ids as the application stores them on SQLite: 16 bytes, most significant first (decision 010).
        static byte[] Text(Guid id) => Suivi.Data.GuidBytesConverter.ToBytes(id);
        var first = new DateOnly(NationalDataset.FirstYear, 1, 1);
        var days = Enumerable.Range(0, new DateOnly(NationalDataset.LastYear, 12, 31).DayNumber - first.DayNumber + 1)
            .Select(d => Encoding.ASCII.GetBytes(first.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToArray();
        var minutes = Enumerable.Range(0, 24 * 60).Select(m => Encoding.ASCII.GetBytes($"{m / 60:00}:{m % 60:00}:00")).ToArray();
        var id = new byte[16];
        const long Commit = 500_000;
        long sinceCommit = 0;
        void Step(sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
            raw.sqlite3_reset(statement);
            if (++sinceCommit >= Commit)
            {
                Exec(db, "COMMIT; BEGIN");
                sinceCommit = 0;
            }
        }
        void NewId() => ids.Next().TryWriteBytes(id, bigEndian: true, out _);

        Exec(db, "BEGIN");
        Check(db, raw.sqlite3_prepare_v2(db, """
            INSERT INTO "Deliveries" ("Id", "OrganisationId", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId",
                "ActCategoryId", "WorkerId", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Note", "ExternalId",
                "ImportRunId", "Version")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, NULL, NULL, NULL, 0)
            """, out var insert));
        using (insert)
        {
            var progress = new Progress(database.Engine, "deliveries", dataset.Deliveries.Sum());
            for (var o = 0; o < organisations.Length; o++)
            {
                var l = organisations[o];
                var (types, acts, staff, sites, people) = (l.Types.Select(Text).ToArray(), l.Acts.Select(Text).ToArray(), l.Staff.Select(Text).ToArray(),
                    l.Sites.Select(Text).ToArray(), l.People.Select(Text).ToArray());
                var files = l.Files.Select(f => f is { } file ? Text(file) : null).ToArray();
                raw.sqlite3_bind_blob(insert, 2, Text(l.Id));
                raw.sqlite3_bind_blob(insert, 3, Text(l.HomeCare));
                long rows = 0;
                foreach (var d in dataset.DeliveriesOf(o))
                {
                    NewId();
                    raw.sqlite3_bind_blob(insert, 1, id);
                    raw.sqlite3_bind_text(insert, 4, days[d.Day.DayNumber - first.DayNumber]);
                    _ = d.StartMinutes >= 0 ? raw.sqlite3_bind_text(insert, 5, minutes[d.StartMinutes]) : raw.sqlite3_bind_null(insert, 5);
                    raw.sqlite3_bind_int(insert, 6, d.Seconds);
                    raw.sqlite3_bind_blob(insert, 7, types[d.Type]);
                    _ = d.Act >= 0 ? raw.sqlite3_bind_blob(insert, 8, acts[d.Act]) : raw.sqlite3_bind_null(insert, 8);
                    raw.sqlite3_bind_blob(insert, 9, staff[d.Worker]);
                    _ = d.CaseFile ? raw.sqlite3_bind_blob(insert, 10, files[d.Person]!) : raw.sqlite3_bind_null(insert, 10);
                    _ = d.Person >= 0 ? raw.sqlite3_bind_blob(insert, 11, people[d.Person]) : raw.sqlite3_bind_null(insert, 11);
                    _ = d.Site >= 0 ? raw.sqlite3_bind_blob(insert, 12, sites[d.Site]) : raw.sqlite3_bind_null(insert, 12);
                    _ = d.Metres >= 0 ? raw.sqlite3_bind_int(insert, 13, d.Metres) : raw.sqlite3_bind_null(insert, 13);
                    Step(insert);
                    if (++rows % 100_000 == 0)
                    {
                        progress.Add(100_000);
                    }
                }
                progress.Add(rows % 100_000);
            }
            progress.Done();
        }
        Check(db, raw.sqlite3_prepare_v2(db, """
            INSERT INTO "Contacts" ("Id", "OrganisationId", "ServiceId", "Kind", "Direction", "OnDate", "AtTime", "DurationSeconds",
                "ChannelId", "BeneficiaryId", "OutcomeId", "StaffMemberId", "Subject", "RequestId", "ExternalId", "ImportRunId", "Version")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?10, ?11, NULL, NULL, NULL, NULL, 0)
            """, out var contact));
        using (contact)
        {
            var progress = new Progress(database.Engine, "contacts", dataset.Contacts.Sum());
            var kinds = Kinds.Select(k => Encoding.ASCII.GetBytes(k.ToString())).ToArray();
            var directions = Directions.Select(k => Encoding.ASCII.GetBytes(k.ToString())).ToArray();
            for (var o = 0; o < organisations.Length; o++)
            {
                var l = organisations[o];
                var (outcomes, staff, people) = (l.Outcomes.Select(Text).ToArray(), l.Staff.Select(Text).ToArray(), l.People.Select(Text).ToArray());
                raw.sqlite3_bind_blob(contact, 2, Text(l.Id));
                raw.sqlite3_bind_blob(contact, 3, Text(l.Helpline));
                long rows = 0;
                foreach (var c in dataset.ContactsOf(o))
                {
                    NewId();
                    raw.sqlite3_bind_blob(contact, 1, id);
                    raw.sqlite3_bind_text(contact, 4, kinds[c.Kind]);
                    raw.sqlite3_bind_text(contact, 5, directions[c.Direction]);
                    raw.sqlite3_bind_text(contact, 6, days[c.Day.DayNumber - first.DayNumber]);
                    raw.sqlite3_bind_text(contact, 7, minutes[c.AtMinutes]);
                    _ = c.Seconds >= 0 ? raw.sqlite3_bind_int(contact, 8, c.Seconds) : raw.sqlite3_bind_null(contact, 8);
                    _ = c.Person >= 0 ? raw.sqlite3_bind_blob(contact, 9, people[c.Person]) : raw.sqlite3_bind_null(contact, 9);
                    _ = c.Outcome >= 0 ? raw.sqlite3_bind_blob(contact, 10, outcomes[c.Outcome]) : raw.sqlite3_bind_null(contact, 10);
                    raw.sqlite3_bind_blob(contact, 11, staff[c.Staff]);
                    Step(contact);
                    rows++;
                }
                progress.Add(rows);
            }
            progress.Done();
        }
        Check(db, raw.sqlite3_prepare_v2(db, """
            INSERT INTO "DayCentreVisits" ("Id", "OrganisationId", "ServiceId", "BeneficiaryId", "OnDate", "ExternalId", "ImportRunId")
            VALUES (?1, ?2, ?3, ?4, ?5, NULL, NULL)
            """, out var visit));
        using (visit)
        {
            var progress = new Progress(database.Engine, "day-centre visits", dataset.Visits.Sum());
            for (var o = 0; o < organisations.Length; o++)
            {
                var l = organisations[o];
                var (centres, people) = (l.Centres.Select(Text).ToArray(), l.People.Select(Text).ToArray());
                raw.sqlite3_bind_blob(visit, 2, Text(l.Id));
                long rows = 0;
                foreach (var v in dataset.VisitsOf(o))
                {
                    NewId();
                    raw.sqlite3_bind_blob(visit, 1, id);
                    raw.sqlite3_bind_blob(visit, 3, centres[v.Centre]);
                    raw.sqlite3_bind_blob(visit, 4, people[v.Person]);
                    raw.sqlite3_bind_text(visit, 5, days[v.Day.DayNumber - first.DayNumber]);
                    Step(visit);
                    rows++;
                }
                progress.Add(rows);
            }
            progress.Done();
        }
        Exec(db, "COMMIT");
        var rebuild = Stopwatch.StartNew();
        foreach (var (name, sql) in indexes)
        {
            Exec(db, sql);
            Console.WriteLine($"{database.Engine}: rebuilt {name} ({rebuild.Elapsed.TotalSeconds:F0} s)");
        }
        // Statistics from a sample of each index, as PRAGMA optimize gathers them: a full ANALYZE reads the whole file.
        Exec(db, "PRAGMA analysis_limit = 10000; ANALYZE");
        Exec(db, "PRAGMA cache_size = -2000; PRAGMA synchronous = FULL; PRAGMA journal_mode = WAL;");
    }

    private static async Task PostgresAsync(PostgresNationalDatabase database, NationalDataset dataset, LoadedOrganisation[] organisations)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
        await ExecuteAsync("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'");
        var indexes = new List<(string Name, string Sql)>();
        await using (var command = new NpgsqlCommand("""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename = ANY(@tables) AND indexname LIKE 'IX\_%'
            """, connection))
        {
            command.Parameters.AddWithValue("tables", BigTables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync($"DROP INDEX \"{name}\"");
        }
        var ids = new Ids();
        {
            var progress = new Progress(database.Engine, "deliveries", dataset.Deliveries.Sum());
            for (var o = 0; o < organisations.Length; o++)
            {
                var l = organisations[o];
                // One COPY per organisation: the statement-level reference checks (decision 007) run over each.
                await using var copy = await connection.BeginBinaryImportAsync("""
                    COPY "Deliveries" ("Id", "OrganisationId", "ServiceId", "OnDate", "StartTime", "DurationSeconds", "TypeId", "ActCategoryId",
                        "WorkerId", "CaseFileId", "BeneficiaryId", "SiteId", "DistanceMetres", "Version")
                    FROM STDIN (FORMAT BINARY)
                    """);
                copy.Timeout = TimeSpan.Zero;
                long rows = 0;
                foreach (var d in dataset.DeliveriesOf(o))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(ids.Next(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(l.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(l.HomeCare, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(d.Day, NpgsqlDbType.Date);
                    await (d.StartMinutes >= 0 ? copy.WriteAsync(new TimeOnly(d.StartMinutes / 60, d.StartMinutes % 60), NpgsqlDbType.Time) : copy.WriteNullAsync());
                    await copy.WriteAsync(d.Seconds, NpgsqlDbType.Integer);
                    await copy.WriteAsync(l.Types[d.Type], NpgsqlDbType.Uuid);
                    await (d.Act >= 0 ? copy.WriteAsync(l.Acts[d.Act], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                    await copy.WriteAsync(l.Staff[d.Worker], NpgsqlDbType.Uuid);
                    await (d.CaseFile ? copy.WriteAsync(l.Files[d.Person]!.Value, NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                    await (d.Person >= 0 ? copy.WriteAsync(l.People[d.Person], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                    await (d.Site >= 0 ? copy.WriteAsync(l.Sites[d.Site], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                    await (d.Metres >= 0 ? copy.WriteAsync(d.Metres, NpgsqlDbType.Integer) : copy.WriteNullAsync());
                    await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                    if (++rows % 100_000 == 0)
                    {
                        progress.Add(100_000);
                    }
                }
                await copy.CompleteAsync();
                progress.Add(rows % 100_000);
            }
            progress.Done();
        }
        {
            var progress = new Progress(database.Engine, "contacts", dataset.Contacts.Sum());
            for (var o = 0; o < organisations.Length; o++)
            {
                var l = organisations[o];
                await using var copy = await connection.BeginBinaryImportAsync("""
                    COPY "Contacts" ("Id", "OrganisationId", "ServiceId", "Kind", "Direction", "OnDate", "AtTime", "DurationSeconds",
                        "BeneficiaryId", "OutcomeId", "StaffMemberId", "Version")
                    FROM STDIN (FORMAT BINARY)
                    """);
                copy.Timeout = TimeSpan.Zero;
                long rows = 0;
                foreach (var c in dataset.ContactsOf(o))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(ids.Next(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(l.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(l.Helpline, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(Kinds[c.Kind].ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(Directions[c.Direction].ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(c.Day, NpgsqlDbType.Date);
                    await copy.WriteAsync(new TimeOnly(c.AtMinutes / 60, c.AtMinutes % 60), NpgsqlDbType.Time);
                    await (c.Seconds >= 0 ? copy.WriteAsync(c.Seconds, NpgsqlDbType.Integer) : copy.WriteNullAsync());
                    await (c.Person >= 0 ? copy.WriteAsync(l.People[c.Person], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                    await (c.Outcome >= 0 ? copy.WriteAsync(l.Outcomes[c.Outcome], NpgsqlDbType.Uuid) : copy.WriteNullAsync());
                    await copy.WriteAsync(l.Staff[c.Staff], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                    rows++;
                }
                await copy.CompleteAsync();
                progress.Add(rows);
            }
            progress.Done();
        }
        {
            var progress = new Progress(database.Engine, "day-centre visits", dataset.Visits.Sum());
            for (var o = 0; o < organisations.Length; o++)
            {
                var l = organisations[o];
                if (l.Centres.Length == 0)
                {
                    continue;
                }
                await using var copy = await connection.BeginBinaryImportAsync("""
                    COPY "DayCentreVisits" ("Id", "OrganisationId", "ServiceId", "BeneficiaryId", "OnDate") FROM STDIN (FORMAT BINARY)
                    """);
                copy.Timeout = TimeSpan.Zero;
                long rows = 0;
                foreach (var v in dataset.VisitsOf(o))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(ids.Next(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(l.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(l.Centres[v.Centre], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(l.People[v.Person], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(v.Day, NpgsqlDbType.Date);
                    rows++;
                }
                await copy.CompleteAsync();
                progress.Add(rows);
            }
            progress.Done();
        }
        var rebuild = Stopwatch.StartNew();
        foreach (var (name, sql) in indexes)
        {
            await ExecuteAsync(sql);
            Console.WriteLine($"{database.Engine}: rebuilt {name} ({rebuild.Elapsed.TotalSeconds:F0} s)");
        }
        await ExecuteAsync("VACUUM ANALYZE");
    }

    private static void Exec(sqlite3 db, string sql) => Check(db, raw.sqlite3_exec(db, sql));

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
