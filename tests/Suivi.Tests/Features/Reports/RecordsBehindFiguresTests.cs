using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Features.Reports;
using Suivi.Security;
using Suivi.Tests.Infrastructure;
using Suivi.Tests.Security;

namespace Suivi.Tests.Features.Reports;

/// <summary>
/// Traceability: every figure a report computes from records links to the list of those records, and the list's
/// total, recomputed from the records one by one, is the figure — for every indicator, within what the viewer may
/// see, without names for a statistician, and never another organisation's records.
/// </summary>
public sealed class RecordsBehindFiguresTests(TraceableWorld world) : IClassFixture<TraceableWorld>
{
    /// <summary>Every indicator, filtered and split along every dimension it has, in tables, crosstabs and key figures.</summary>
    private const string Definition = """
        suivi-report: 1
        title: Traçabilité
        sections:
          - title: Tout
            blocks:
              - type: key-figures
                id: key
                title: Chiffres clés
                figures:
                  - { label: Clients, indicator: beneficiaries.served, previous-year: true }
                  - { label: Visiteurs, indicator: day-centres.visitors, filter: { service: FOYER } }
                  - { label: Abonnés, indicator: alarm.subscribers, filter: { device: [PENDANT, BRACELET, WATCH-GPS] } }
              - type: table
                id: deliveries
                title: Prestations
                years: 2
                decimals: 2
                rows:
                  - { label: Consultations enfant, indicator: deliveries.hours, filter: { type: CONSULT-CHILD } }
                  - { label: Entretiens, indicator: deliveries.hours, filter: { type: [CONSULT-PARENT, CONSULT-FAMILY] } }
                  - { label: Heures, sum: above, total: true }
                  - { label: Saisi, values: { 2022: 12.5, 2023: 13 } }
                  - { label: Prestations, indicator: deliveries.count }
                  - { label: Kilomètres, indicator: deliveries.kilometres, filter: { region: [centre, sud] } }
                  - { label: Part des consultations, sum: [1], share-of: 3 }
                  - { label: Clients assurés, indicator: beneficiaries.served, filter: { care-insurance: with } }
                  - { label: Clients non assurés, indicator: beneficiaries.served, filter: { care-insurance: without } }
                  - { label: Clients, sum: [8, 9], total: true }
                  - { label: Clients AEV, indicator: beneficiaries.served, filter: { act-category: AEV } }
                  - { label: Clients ménage, indicator: beneficiaries.served, filter: { act-category: MENAGE } }
                  - { label: Clients AEV ou ménage, sum: [11, 12] }
                  - { label: Mélange, sum: [1, 5] }
              - type: table
                id: attendance
                title: Accueil
                years: 2
                decimals: 2
                rows:
                  - { label: Visites, indicator: day-centres.visits }
                  - { label: Résidents, indicator: housing.average-residents, filter: { service: LOG } }
                  - { label: Alarmes, indicator: alarms.count, filter: { outcome: [FALSE-ALARM, STAFF, RELATIVE] } }
                  - { label: Contacts reçus, indicator: contacts.count, filter: { direction: [inbound, redirected] } }
                  - { label: Rendez-vous tenus, indicator: appointments.count, filter: { status: held } }
                  - { label: Personnel, indicator: staff.count }
              - type: crosstab
                id: contacts
                title: Contacts
                indicator: contacts.count
                rows: { by: kind, values: [{ label: Appels, codes: [helpline-call] }, { label: Autres, codes: [client-relations, other] }] }
                columns: { by: outcome, values: [{ label: Info, codes: [INFORMATION] }, { label: Clients, codes: [CURRENT-CLIENT, FORMER-CLIENT] }] }
              - type: crosstab
                id: hours
                title: Heures par région
                indicator: deliveries.hours
                filter: { act-category: [AEV, MENAGE, GARDE] }
                decimals: 2
                rows: { by: act-category, values: [{ label: AEV, codes: [AEV] }, { label: Autres, codes: [MENAGE, GARDE, COURSES] }] }
                columns: { by: region, values: [{ label: Centre, codes: [centre] }, { label: Sud, codes: [sud] }] }
              - type: crosstab
                id: fte
                title: ETP
                indicator: staff.fte
                decimals: 2
                rows: { by: profession, values: [{ label: Psy, codes: [psychologist] }, { label: Autres, codes: [social-worker, nurse, educator] }] }
                columns: { by: organisation, values: [{ label: Alpha, codes: [alpha] }] }
        """;

    private SuiviApp App => world.App;

    private const string Key = "tracability";

    [Fact]
    public async Task EveryFigureComputedFromRecords_LinksToTheListOfThem_WhoseTotalIsTheFigure()
    {
        using var worker = await App.SignedInAsync(App.World.Alpha.WorkerEmail);
        var report = await ReportAsync(worker, 2023);

        var linked = Figures(report).Where(f => f.Figure.Records is not null).ToList();
        var failures = new List<string>();
        foreach (var (block, row, figure) in linked)
        {
            var (response, page) = await worker.GetPageAsync(figure.Records!);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{block} / {row}: {figure.Records} answers {(int)response.StatusCode}");
                continue;
            }
            var (shown, recomputed, listed) = (Value(page, "dd.figure"), Value(page, "dd.recomputed"), Value(page, "strong.record-total"));
            if (shown != figure.Value || recomputed != figure.Value || listed != figure.Value)
            {
                failures.Add($"{block} / {row}: the report says {figure.Value}, the page {shown}, its records {recomputed} and {listed} ({figure.Records})");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // Every indicator of the catalogue is behind at least one figure, and every figure computed from records links.
        Assert.Equal(RecordsQuery.Listed.Order(), linked.Select(f => IndicatorOf(f.Figure.Records!)).Distinct().Order());
        Assert.Equal(61, linked.Count);
    }

    [Fact]
    public async Task FiguresTypedIn_Percentages_AndSumsOfDifferentThings_HaveNoList()
    {
        using var worker = await App.SignedInAsync(App.World.Alpha.WorkerEmail);
        var report = await ReportAsync(worker, 2023);

        var rows = report.Sections.SelectMany(s => s.Blocks).Single(b => b.Id == "deliveries").Rows!;
        Assert.All(rows[3].Values, v => Assert.Equal((null, true), (v.Records, v.Typed)));
        Assert.All(rows[6].Values, v => Assert.Null(v.Records));
        Assert.All(rows[13].Values, v => Assert.Null(v.Records));
        // A total of rows differing in one dimension lists their records together.
        Assert.Equal("/o/alpha/reports/records?indicator=deliveries.hours&year=2023&type=CONSULT-CHILD,CONSULT-FAMILY,CONSULT-PARENT", rows[2].Values[1].Records);
        Assert.Equal("/o/alpha/reports/records?indicator=beneficiaries.served&year=2023&care-insurance=with,without", rows[9].Values[1].Records);
        Assert.Equal((4m, 2m, 2m), (rows[9].Values[1].Value, rows[7].Values[1].Value, rows[8].Values[1].Value));
        // In 2023 one client had deliveries of both categories: counted once in their union, the sum has no one list behind it.
        Assert.Equal((4m, null), (rows[12].Values[1].Value, rows[12].Values[1].Records));
        Assert.Equal("/o/alpha/reports/records?indicator=beneficiaries.served&year=2022&act-category=AEV,MENAGE", rows[12].Values[0].Records);
        var page = await worker.Http.GetStringAsync($"/o/alpha/reports/{Key}?year=2023");
        Assert.Contains("title=\"Saisi à la main : aucun enregistrement n’est derrière ce chiffre.\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReportPage_LinksItsFigures_AndThePdfMarkupDoesNot()
    {
        using var worker = await App.SignedInAsync(App.World.Alpha.WorkerEmail);
        await ReportAsync(worker, 2023);

        var (_, page) = await worker.GetPageAsync($"/o/alpha/reports/{Key}?year=2023");

        var cell = page.QuerySelectorAll("table#contacts tbody tr")[0].QuerySelectorAll("td.figure")[0];
        Assert.Equal("/o/alpha/reports/records?indicator=contacts.count&year=2023&kind=helpline-call&outcome=INFORMATION",
            cell.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("1", cell.TextContent);
        Assert.Empty(page.QuerySelectorAll("table#deliveries tbody tr:nth-child(7) td.figure a"));
    }

    [Fact]
    public async Task ARestrictedFilesRecords_AreInNeitherTheFigureNorTheList_ForAMemberNotNamedOnIt()
    {
        using var worker = await App.SignedInAsync(App.World.Alpha.WorkerEmail);
        using var admin = await App.SignedInAsync(App.World.Alpha.AdminEmail);
        const string hours = "/o/alpha/reports/records?indicator=deliveries.hours&year=2023&type=CONSULT-CHILD";

        var (_, unnamed) = await worker.GetPageAsync(hours);
        var (_, named) = await admin.GetPageAsync(hours);
        var workersReport = Figures(await ReportAsync(worker, 2023)).Single(f => f.Block == "deliveries" && f.Row == "Consultations enfant" && f.Figure.Records == hours);

        var adminsReport = Figures(await ReportAsync(admin, 2023)).Single(f => f.Block == "deliveries" && f.Row == "Consultations enfant" && f.Figure.Records == hours);

        // 1:30:00 + 1:00:07 + 0:30:00 for the worker; the administrator, named on the file, also sees its 2:00:00 — in the
        // figure too, which adds the restricted file's deliveries to the totals the database keeps without them (decision 012).
        Assert.Equal(10_807m / 3600, workersReport.Figure.Value);
        Assert.Equal(18_007m / 3600, adminsReport.Figure.Value);
        Assert.Equal(10_807m / 3600, Value(unnamed, "strong.record-total"));
        Assert.Equal(18_007m / 3600, Value(named, "strong.record-total"));
        Assert.Equal(3, unnamed.QuerySelectorAll("table.records tbody tr").Length);
        Assert.Equal(4, named.QuerySelectorAll("table.records tbody tr").Length);
        Assert.DoesNotContain(world.Hidden.LastName, unnamed.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(TraceableWorld.RestrictedReference, unnamed.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains(TraceableWorld.RestrictedReference, named.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal($"/o/alpha/people/{world.Entitled.Id}", named.QuerySelectorAll("table.records tbody tr")[1].QuerySelector($"a[href*='/people/']")?.GetAttribute("href"));
        // The restricted file's held appointment is not counted either.
        var (_, appointments) = await worker.GetPageAsync("/o/alpha/reports/records?indicator=appointments.count&year=2023&status=held");
        Assert.Equal(1m, Value(appointments, "strong.record-total"));
    }

    [Fact]
    public async Task AStatistician_SeesTheFiguresAndTheirRecords_WithoutNames()
    {
        using var statistician = await App.SignedInAsync(App.World.Alpha.StatisticianEmail);
        var report = await ReportAsync(statistician, 2023);

        var failures = new List<string>();
        foreach (var (block, row, figure) in Figures(report).Where(f => f.Figure.Records is not null))
        {
            var (response, page) = await statistician.GetPageAsync(figure.Records!);
            var body = page.DocumentElement.OuterHtml;
            failures.AddRange(world.Secrets.Where(secret => RouteWalk.Mentions(body, secret)).Select(secret => $"{block} / {row} shows \"{secret}\""));
            failures.AddRange(page.QuerySelectorAll("table.records a").Select(a => $"{block} / {row} links to {a.GetAttribute("href")}"));
            if (response.StatusCode != HttpStatusCode.OK || Value(page, "strong.record-total") != figure.Value)
            {
                failures.Add($"{block} / {row}: {(int)response.StatusCode}, total {Value(page, "strong.record-total")} for {figure.Value}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var (_, subscribers) = await statistician.GetPageAsync("/o/alpha/reports/records?indicator=alarm.subscribers&year=2023");
        Assert.Equal([OpaqueReference.Of(world.Entitled.Id), OpaqueReference.Of(world.Subscriber.Id)],
            subscribers.QuerySelectorAll("table.records tbody tr").Select(r => r.QuerySelectorAll("td")[4].TextContent.Trim()));
    }

    [Fact]
    public async Task ALongList_IsPaged_InDateOrder_AndEveryPageShowsTheWholeTotal()
    {
        using var worker = await App.SignedInAsync(App.World.Alpha.WorkerEmail);
        const string calls = "/o/alpha/reports/records?indicator=deliveries.count&year=2022&type=CALL";

        var (_, first) = await worker.GetPageAsync(calls);
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await worker.GetPageAsync(next);

        Assert.Equal(calls + "&page=2", next);
        Assert.Equal(50, first.QuerySelectorAll("table.records tbody tr").Length);
        Assert.Equal(10, second.QuerySelectorAll("table.records tbody tr").Length);
        Assert.Equal((60m, 60m), (Value(first, "strong.record-total"), Value(second, "strong.record-total")));
        var dates = first.QuerySelectorAll("table.records tbody tr").Concat(second.QuerySelectorAll("table.records tbody tr"))
            .Select(r => DateOnly.ParseExact(r.QuerySelector("td")!.TextContent.Trim()[..10], "dd/MM/yyyy", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.Order(), dates);
        Assert.Equal(new DateOnly(2022, 1, 1), dates[0]);
    }

    [Theory]
    [InlineData("indicator=deliveries.hours&year=2023&service=NOWHERE")]
    [InlineData("indicator=staff.fte&year=2023&profession=nurse,care-assistant")]
    public async Task AnotherOrganisationsRecords_AreNotFound(string query)
    {
        using var outsider = await App.SignedInAsync(App.World.Beta.AdminEmail);
        using var worker = await App.SignedInAsync(App.World.Alpha.WorkerEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/o/alpha/reports/records?{query}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/o/beta/reports/records?{query}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/o/alpha/reports/records?{query}&organisation=alpha,beta")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/o/alpha/reports/records?{query}&organisation=beta")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/o/alpha/reports/records?{query}&organisation=alpha")).StatusCode);
    }

    [Theory]
    [InlineData("", "Nommez l’un des indicateurs : alarm.subscribers, alarms.count,")]
    [InlineData("indicator=deliveries.minutes&year=2023", "Nommez l’un des indicateurs")]
    [InlineData("indicator=deliveries.hours", "Choisissez une année entre 1900 et 2200.")]
    [InlineData("indicator=deliveries.hours&year=20x3", "Choisissez une année entre 1900 et 2200.")]
    [InlineData("indicator=deliveries.hours&year=99999", "Choisissez une année entre 1900 et 2200.")]
    [InlineData("indicator=deliveries.hours&year=2023&device=PENDANT",
        "« deliveries.hours » ne peut pas être filtré par « device ». Il peut l’être par : service, act-category, type, region, organisation.")]
    [InlineData("indicator=deliveries.hours&year=2023&region=moon", "Code « moon » inconnu pour « region ». Codes possibles : centre, sud, nord, est, ouest.")]
    [InlineData("indicator=deliveries.hours&year=2023&service=", "Donnez les codes de « service » séparés par des virgules, aucun vide.")]
    [InlineData("indicator=deliveries.hours&year=2023&service=PSY,,LOG", "Donnez les codes de « service » séparés par des virgules, aucun vide.")]
    [InlineData("indicator=deliveries.hours&year=2023&service=PSY&service=LOG", "Donnez « service » une seule fois, ses codes séparés par des virgules.")]
    public async Task AnAddressThatNamesNoFigure_IsExplained(string query, string message)
    {
        using var worker = await App.SignedInAsync(App.World.Alpha.WorkerEmail);

        var response = await worker.Http.GetAsync($"/o/alpha/reports/records?{query}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, TestClient.Parse(body).QuerySelector("p.warning")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACodeTheOrganisationDoesNotHave_ListsNothing_AndSaysTheCodeAsItIs()
    {
        using var worker = await App.SignedInAsync(App.World.Alpha.WorkerEmail);

        var (response, page) = await worker.GetPageAsync("/o/alpha/reports/records?indicator=deliveries.count&year=2023&service=NOWHERE,PSY%2C2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0m, Value(page, "dd.recomputed"));
        Assert.Contains("NOWHERE, PSY,2", page.QuerySelector("dl.record-filters dd")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// A network report read in alpha, by its administrator who is also beta's statistician: each figure adds up both
    /// organisations; the list shows one at a time, beta's under beta's address, as a statistician there sees it.
    /// </summary>
    [Fact]
    public async Task ANetworkFigure_ListsEachOrganisationsRecords_UnderItsOwnAddress_AsTheMembershipThereAllows()
    {
        var (alpha, beta) = (App.World.Alpha, App.World.Beta);
        var email = "network-" + Guid.NewGuid().ToString("N")[..8] + "@alpha.test";
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var user = new UserAccount { UserName = email, Email = email, DisplayName = "Network", PreferredLanguage = "fr" };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().CreateAsync(user, TestWorld.Password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<Suivi.Data.SuiviDbContext>();
            db.Memberships.AddRange(new Membership(user.Id, alpha.Organisation.Id, OrganisationRole.OrganisationAdministrator),
                new Membership(user.Id, beta.Organisation.Id, OrganisationRole.Statistician));
            await db.SaveChangesAsync();
        }
        using var reader = await App.SignedInAsync(email);
        const string network = """
            suivi-report: 1
            title: Réseau
            scope: network
            sections:
              - title: Réseau
                blocks:
                  - type: table
                    id: network
                    title: Réseau
                    years: 1
                    rows:
                      - { label: Prestations, indicator: deliveries.count }
                  - type: crosstab
                    id: staff
                    title: Personnel
                    indicator: staff.count
                    rows: { by: profession, values: [{ label: Psy, codes: [psychologist] }] }
                    columns: { by: organisation, values: [{ label: Alpha, codes: [alpha] }, { label: Beta, codes: [beta] }] }
            """;
        Assert.True((await reader.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = "network", text = network })).IsSuccessStatusCode);

        var report = await reader.Http.GetFromJsonAsync<ReportDocument>("/api/o/alpha/reports/network/2024?lang=fr");
        var blocks = report!.Sections.Single().Blocks;
        var deliveries = blocks[0].Rows![0].Values[0];
        var (_, page) = await reader.GetPageAsync(deliveries.Records!);
        var betaAddress = page.QuerySelectorAll("table.record-organisations tbody th a")[1].GetAttribute("href")!;
        var (betaResponse, betaPage) = await reader.GetPageAsync(betaAddress);

        Assert.Equal("/o/alpha/reports/records?indicator=deliveries.count&year=2024&organisation=alpha,beta", deliveries.Records);
        Assert.Equal(2m, deliveries.Value);
        Assert.Equal((2m, 2m, 1m), (Value(page, "dd.figure"), Value(page, "dd.recomputed"), Value(page, "strong.record-total")));
        Assert.Contains(alpha.Child.LastName, page.QuerySelector("table.records")!.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("/o/beta/reports/records?indicator=deliveries.count&year=2024&organisation=alpha,beta", betaAddress);
        Assert.Equal(HttpStatusCode.OK, betaResponse.StatusCode);
        Assert.Equal((2m, 1m), (Value(betaPage, "dd.recomputed"), Value(betaPage, "strong.record-total")));
        Assert.DoesNotContain(RouteWalk.Secrets(beta).Where(s => s != beta.Organisation.Name), s => RouteWalk.Mentions(betaPage.DocumentElement.OuterHtml, s));
        Assert.Contains(OpaqueReference.Of(beta.Child.Id), betaPage.QuerySelector("table.records")!.TextContent, StringComparison.Ordinal);
        // A crosstab column of beta's opens under beta's address.
        Assert.Equal("/o/beta/reports/records?indicator=staff.count&year=2024&profession=psychologist", blocks[1].Rows![0].Values[1].Records);
    }

    /// <summary>The report of <see cref="Definition"/>, uploaded (and so checked) by alpha's administrator the first time.</summary>
    private async Task<ReportDocument> ReportAsync(TestClient client, int year)
    {
        using (var admin = await App.SignedInAsync(App.World.Alpha.AdminEmail))
        {
            if ((await admin.GetAsync($"/api/o/alpha/reports/{Key}/definition")).StatusCode == HttpStatusCode.NotFound)
            {
                var created = await admin.Http.PostAsJsonAsync("/api/o/alpha/reports", new { key = Key, text = Definition });
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            }
        }
        return (await client.Http.GetFromJsonAsync<ReportDocument>($"/api/o/alpha/reports/{Key}/{year}?lang=fr"))!;
    }

    private static IEnumerable<(string Block, string Row, FigureDocument Figure)> Figures(ReportDocument report) =>
        report.Sections.SelectMany(s => s.Blocks).Where(b => b.Rows is not null && b.Type != "chart")
            .SelectMany(b => b.Rows!.SelectMany(r => r.Values.Select(v => (b.Id, r.Label, v))));

    private static string IndicatorOf(string link) => link.Split('?')[1].Split('&')[0]["indicator=".Length..];

    private static decimal? Value(IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.GetAttribute("data-value") is { } value ? decimal.Parse(value, CultureInfo.InvariantCulture) : null;
}
