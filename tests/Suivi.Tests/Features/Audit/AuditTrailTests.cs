using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Audit;

public sealed class AuditTrailTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    [Fact]
    public async Task CreatePersonThroughTheForm_RecordsWhoCreatedWhichRecordWhenAndWhere()
    {
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var form = await FormAsync(client, "/o/alpha/people/new");
        form["Input.FirstName"] = "Clara";
        form["Input.LastName"] = "Hansen";
        var before = TimeProvider.System.GetUtcNow().UtcDateTime;

        var response = await client.PostFormAsync("/o/alpha/people/new", "/o/alpha/people/new", form);

        var after = TimeProvider.System.GetUtcNow().UtcDateTime;
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        var entry = Assert.Single(await EntriesAboutAsync(id));
        Assert.Equal(AuditAction.Create, entry.Action);
        Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
        Assert.Equal(nameof(Beneficiary), entry.EntityType);
        Assert.Equal(Alpha.CoordinatorEmail, entry.UserName);
        Assert.Equal(await UserIdAsync(Alpha.CoordinatorEmail), entry.UserId);
        Assert.Equal(Alpha.Organisation.Id, entry.OrganisationId);
        Assert.Equal(DateTimeKind.Utc, entry.OccurredAt.Kind);
        Assert.InRange(entry.OccurredAt, before.AddSeconds(-1), after.AddSeconds(1));
    }

    [Fact]
    public async Task EditPerson_RecordsTheNamesOfTheChangedFieldsButNeverTheirValues()
    {
        var person = await AddPersonAsync("Sven", "Klein");
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var editPage = $"/o/alpha/people/{person.Id}/edit";
        var form = await FormAsync(client, editPage);
        form["Input.Phone"] = "+352 691 987 654";
        form["Input.Notes"] = "Disclosed a fall at home.";

        var response = await client.PostFormAsync(editPage, editPage, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var update = Assert.Single(await EntriesAboutAsync(person.Id), e => e.Action == AuditAction.Update);
        Assert.Equal(["Notes", "Phone"], update.Details!.Split(", ").Order());
        Assert.DoesNotContain("987", update.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("fall", update.Details, StringComparison.Ordinal);
        Assert.Equal(Alpha.WorkerEmail, update.UserName);
    }

    [Fact]
    public async Task RemoveFamilyLink_RecordsTheDeletionOfTheLink()
    {
        var parent = await AddPersonAsync("Anne", "Becker");
        var child = await AddPersonAsync("Ben", "Becker");
        var link = await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var link = new FamilyLink(parent.Id, child.Id, FamilyRelation.ParentOf);
            db.FamilyLinks.Add(link);
            await db.SaveChangesAsync();
            return link;
        });
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var personPage = $"/o/alpha/people/{parent.Id}";
        var (_, page) = await client.GetPageAsync(personPage);
        var unlink = page.QuerySelectorAll("ul.relatives form").Single(f => f.QuerySelector($"input[name=linkId][value='{link.Id}']") is not null);

        var response = await client.PostFormAsync(unlink.GetAttribute("action")!, personPage, HtmlForms.FieldsOf(unlink));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var deletion = Assert.Single(await EntriesAboutAsync(link.Id), e => e.Action == AuditAction.Delete);
        Assert.Equal(nameof(FamilyLink), deletion.EntityType);
        Assert.Equal(Alpha.WorkerEmail, deletion.UserName);
    }

    [Fact]
    public async Task ViewingAPersonAndACaseFile_RecordsAViewOfEach()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var personViews = await ViewsOfAsync(Alpha.Child.Id);
        var fileViews = await ViewsOfAsync(Alpha.CaseFile.Id);

        var person = await client.GetAsync($"/o/alpha/people/{Alpha.Child.Id}");
        var file = await client.GetAsync($"/o/alpha/case-files/{Alpha.CaseFile.Id}");

        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var personView = Assert.Single((await EntriesAboutAsync(Alpha.Child.Id)).Where(e => e.Action == AuditAction.View).Skip(personViews));
        var fileView = Assert.Single((await EntriesAboutAsync(Alpha.CaseFile.Id)).Where(e => e.Action == AuditAction.View).Skip(fileViews));
        Assert.Equal((nameof(Beneficiary), Alpha.WorkerEmail), (personView.EntityType, personView.UserName));
        Assert.Equal((nameof(CaseFile), Alpha.WorkerEmail), (fileView.EntityType, fileView.UserName));
    }

    [Fact]
    public async Task ReadingAPersonThroughTheApi_RecordsAView()
    {
        using var client = await app.SignedInAsync(Alpha.CoordinatorEmail);
        var views = await ViewsOfAsync(Alpha.Mother.Id);

        var response = await client.GetAsync($"/api/o/alpha/people/{Alpha.Mother.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = Assert.Single((await EntriesAboutAsync(Alpha.Mother.Id)).Where(e => e.Action == AuditAction.View).Skip(views));
        Assert.Equal(Alpha.CoordinatorEmail, view.UserName);
    }

    [Fact]
    public async Task FailedSignIn_RecordsTheRefusedAttempt()
    {
        using var client = app.Client();
        var email = Alpha.StatisticianEmail;

        var response = await client.PostFormAsync("/sign-in", "/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = "not-the-password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempt = Assert.Single(await SignInEventsAsync(email), e => e.Action == nameof(AuditAction.SignInFailed));
        Assert.Equal(nameof(AuditOutcome.Denied), attempt.Outcome);
        Assert.Equal(await UserIdAsync(email), attempt.UserId);
        Assert.Null(attempt.OrganisationId);
    }

    [Fact]
    public async Task RefusedSave_LeavesNoAuditRowBehindForTheNextSave()
    {
        var linkId = Guid.Empty;
        var personId = await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            // A link to another organisation's person is refused by the database; the save after it must not log it.
            var link = new FamilyLink(Alpha.Mother.Id, app.World.Beta.Child.Id, FamilyRelation.CaregiverOf);
            linkId = link.Id;
            db.FamilyLinks.Add(link);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.Entry(link).State = EntityState.Detached;

            var person = new Beneficiary(new BeneficiaryDetails("Noé", "Thill", null, Sex.Male, null, "fr", null, null, null, null));
            db.Beneficiaries.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

        Assert.Empty(await EntriesAboutAsync(linkId));
        Assert.Single(await EntriesAboutAsync(personId));
    }

    [Fact]
    public async Task ChangingOnesAccount_IsRecordedToo()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var userId = await UserIdAsync(Alpha.WorkerEmail);

        await client.PostFormAsync("/language", "/o/alpha", new() { ["language"] = "de", ["returnUrl"] = "/o/alpha" });

        // Account entries belong to no organisation: read past the tenancy filter.
        var changes = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.AuditEntries.IgnoreQueryFilters([SuiviDbContext.TenancyFilter])
            .Where(e => e.EntityType == "UserAccount" && e.EntityId == userId)
            .Select(e => new AccountChange { Action = e.Action.ToString(), Details = e.Details, UserId = e.UserId })
            .ToListAsync());
        var change = Assert.Single(changes, c => c.Action == nameof(AuditAction.Update));
        Assert.Contains("PreferredLanguage", change.Details!, StringComparison.Ordinal);
        Assert.DoesNotContain("\"de\"", change.Details!, StringComparison.Ordinal);
        Assert.Equal(userId, change.UserId);
    }

    private sealed class AccountChange
    {
        public string Action { get; set; } = "";
        public string? Details { get; set; }
        public Guid? UserId { get; set; }
    }

    [Fact]
    public async Task AuditRows_CannotBeChangedOrDeletedThroughTheApplication()
    {
        var id = Alpha.Child.Id;

        var changing = await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var entry = await db.AuditEntries.FirstAsync(e => e.EntityId == id);
            db.Entry(entry).Property(e => e.UserName).CurrentValue = "someone else";
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });
        var deleting = await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            db.AuditEntries.RemoveRange(await db.AuditEntries.Where(e => e.EntityId == id).ToListAsync());
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<InvalidOperationException>(changing);
        Assert.IsType<InvalidOperationException>(deleting);
        var entries = await EntriesAboutAsync(id);
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.UserName == "someone else");
    }

    public static TheoryData<string> TamperingStatements()
    {
        var statements = new TheoryData<string>
        {
            """UPDATE "AuditEntries" SET "UserName" = 'someone else'""",
            """DELETE FROM "AuditEntries" """,
        };
        if (TestDatabase.IsPostgres)
        {
            statements.Add("""TRUNCATE "AuditEntries" """);
        }
        return statements;
    }

    [Theory]
    [MemberData(nameof(TamperingStatements))]
    public async Task AuditRows_CannotBeChangedOrDeletedEvenBySqlAgainstTheDatabase(string sql)
    {
        var before = await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.AuditEntries.CountAsync());

        var failure = await app.InOrganisationAsync(Alpha.Organisation.Id, db => Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(sql)));

        Assert.IsAssignableFrom<DbException>(failure);
        Assert.Contains("audit entries are append-only", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.AuditEntries.CountAsync()));
        Assert.False(await app.InOrganisationAsync(Alpha.Organisation.Id, db => db.AuditEntries.AnyAsync(e => e.UserName == "someone else")));
    }

    public static TheoryData<string, int> Filters()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        return new TheoryData<string, int>
        {
            { "", 4 },
            { "action=View", 2 },
            { "action=Update", 1 },
            { "action=Delete", 0 },
            { "entity=Beneficiary", 4 },
            { "entity=CaseFile", 0 },
            { "user=worker%40alpha", 2 },
            { "user=COORDINATOR", 2 },
            { "user=beta", 0 },
            { $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}", 4 },
            { $"from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}", 4 },
            { $"from={today.AddDays(1):yyyy-MM-dd}", 0 },
            { $"to={today.AddDays(-1):yyyy-MM-dd}", 0 },
            { "action=View&user=coordinator", 0 },
        };
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task AuditPage_FiltersNarrowTheEntriesAboutARecord(string filter, int expected)
    {
        // The coordinator creates and edits a person through the API, the worker looks at it twice.
        using var coordinator = await app.SignedInAsync(Alpha.CoordinatorEmail);
        using var worker = await app.SignedInAsync(Alpha.WorkerEmail);
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        var created = await coordinator.Http.PostAsJsonAsync("/api/o/alpha/people", new { firstName = "Gilles", lastName = "Ries" });
        created.EnsureSuccessStatusCode();
        var person = (await created.Content.ReadFromJsonAsync<PersonDocument>())!;
        await worker.GetAsync($"/o/alpha/people/{person.Id}");
        await worker.GetAsync($"/o/alpha/people/{person.Id}");
        await coordinator.Http.PutAsJsonAsync($"/api/o/alpha/people/{person.Id}",
            new { firstName = "Gilles", lastName = "Ries", phone = "+352 621 000 000", version = person.Version });

        var (response, page) = await admin.GetPageAsync($"/o/alpha/audit?record={person.Id}&{filter}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table.audit tbody tr");
        Assert.Equal(expected, rows.Length);
        Assert.All(rows, row => Assert.Equal($"?record={person.Id}", row.QuerySelector("a")!.GetAttribute("href")));
    }

    [Fact]
    public async Task AuditPage_ListsTheNewestEntriesFirst()
    {
        using var worker = await app.SignedInAsync(Alpha.WorkerEmail);
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        await worker.GetAsync($"/o/alpha/case-files/{Alpha.CaseFile.Id}");

        var (response, page) = await admin.GetPageAsync("/o/alpha/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newest = page.QuerySelector("table.audit tbody tr")!;
        Assert.Contains(Alpha.WorkerEmail, newest.TextContent, StringComparison.Ordinal);
        Assert.Equal($"?record={Alpha.CaseFile.Id}", newest.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AuditPage_NeverShowsEntriesOfAnotherOrganisation()
    {
        var beta = app.World.Beta;
        using (var betaCoordinator = await app.SignedInAsync(beta.CoordinatorEmail))
        {
            Assert.Equal(HttpStatusCode.OK, (await betaCoordinator.GetAsync($"/o/beta/people/{beta.Child.Id}")).StatusCode);
        }
        using var admin = await app.SignedInAsync(Alpha.AdminEmail);
        Guid[] betaRecords = [beta.Child.Id, beta.Mother.Id, beta.CaseFile.Id, beta.Link.Id, beta.Service.Id, beta.Site.Id, beta.Staff.Id];

        var (_, everything) = await admin.GetPageAsync("/o/alpha/audit");
        var (_, aboutBetaChild) = await admin.GetPageAsync($"/o/alpha/audit?record={beta.Child.Id}");
        var (_, byBetaCoordinator) = await admin.GetPageAsync($"/o/alpha/audit?user={Uri.EscapeDataString(beta.CoordinatorEmail)}");

        var shownRecords = everything.QuerySelectorAll("table.audit tbody tr a").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(shownRecords);
        Assert.DoesNotContain(shownRecords, href => betaRecords.Any(id => href == $"?record={id}"));
        Assert.DoesNotContain("beta", everything.QuerySelector("table.audit")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(aboutBetaChild.QuerySelectorAll("table.audit tbody tr"));
        Assert.Empty(byBetaCoordinator.QuerySelectorAll("table.audit tbody tr"));
    }

    private sealed record PersonDocument(Guid Id, long Version);

    /// <summary>A sign-in event as stored: it belongs to no organisation, so it is read with SQL rather than through the tenancy filter.</summary>
    private sealed class SignInEvent
    {
        public string Action { get; set; } = "";
        public string Outcome { get; set; } = "";
        public Guid? UserId { get; set; }
        public Guid? OrganisationId { get; set; }
    }

    private Task<List<SignInEvent>> SignInEventsAsync(string email) =>
        app.InOrganisationAsync(Alpha.Organisation.Id, db => db.AuditEntries.IgnoreQueryFilters([SuiviDbContext.TenancyFilter])
            .Where(e => e.UserName == email)
            .Select(e => new SignInEvent { Action = e.Action.ToString(), Outcome = e.Outcome.ToString(), UserId = e.UserId, OrganisationId = e.OrganisationId })
            .ToListAsync());

    private Task<List<AuditEntry>> EntriesAboutAsync(Guid id) =>
        app.InOrganisationAsync(Alpha.Organisation.Id, db => db.AuditEntries.AsNoTracking().Where(e => e.EntityId == id).OrderBy(e => e.Id).ToListAsync());

    private async Task<int> ViewsOfAsync(Guid id) => (await EntriesAboutAsync(id)).Count(e => e.Action == AuditAction.View);

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(email))!.Id;
    }

    private static async Task<Dictionary<string, string>> FormAsync(TestClient client, string url)
    {
        var (_, page) = await client.GetPageAsync(url);
        return HtmlForms.FieldsOf(page.QuerySelector("main form")!);
    }

    private Task<Beneficiary> AddPersonAsync(string firstName, string lastName) =>
        app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var person = new Beneficiary(new BeneficiaryDetails(firstName, lastName, null, Sex.Unknown, null, "fr", null, null, null, null));
            db.Beneficiaries.Add(person);
            await db.SaveChangesAsync();
            return person;
        });
}
