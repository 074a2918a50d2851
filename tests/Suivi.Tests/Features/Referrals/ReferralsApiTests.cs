using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suivi.Domain;
using Suivi.Security;
using Suivi.Tests.Features.Api;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Referrals;

public sealed class ReferralsApiTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private TestWorld.OrganisationRecords Alpha => app.World.Alpha;

    private string Referrals => $"/api/o/alpha/case-files/{Alpha.CaseFile.Id}/referrals";

    [Fact]
    public async Task List_GivesTheReferralsOfTheCaseFileWithWhatTheyReferTo()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var list = await client.Http.GetFromJsonAsync<JsonElement>(Referrals);

        var referral = list.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == Alpha.Referral.Id);
        Assert.Equal("Consultation pédopsychiatrique", referral.GetProperty("partnerServiceName").GetString());
        Assert.Equal("Partenaire alpha", referral.GetProperty("partnerName").GetString());
        Assert.Equal("2024-02-10", referral.GetProperty("sentOn").GetString());
        Assert.Equal("Sent", referral.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Post_ToAPartnerService_Answers201AndListsIt()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync(Referrals,
            new { partnerServiceId = Alpha.PartnerService.Id, sentOn = "2024-05-02", reason = "Nightmares" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches($"^{Referrals}/[0-9a-f-]{{36}}$", location);
        var referral = await client.Http.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal(Alpha.PartnerService.Id, referral.GetProperty("partnerServiceId").GetGuid());
        Assert.Equal("Nightmares", referral.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Post_ToASpeciality_NamesItsCode()
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var dentist = Alpha.Item(ListKind.ReferralSpeciality, "DENTIST");

        var response = await client.Http.PostAsJsonAsync(Referrals, new { specialityId = dentist.Id, sentOn = "2024-05-03", reason = "Toothache" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var referral = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("DENTIST", referral.GetProperty("specialityCode").GetString());
        Assert.Equal(JsonValueKind.Null, referral.GetProperty("partnerServiceId").ValueKind);
    }

    public static TheoryData<string, string> InvalidReferrals => new()
    {
        { """{"sentOn":"2024-05-01","reason":"No target"}""", "partnerServiceId" },
        { """{"specialityId":"00000000-0000-0000-0000-000000000001","sentOn":"2024-05-01","reason":"Unknown speciality"}""", "specialityId" },
        { """{"partnerServiceId":"00000000-0000-0000-0000-000000000001","sentOn":"2024-05-01","reason":"Unknown service"}""", "partnerServiceId" },
        { """{"partnerServiceId":"{service}","reason":"No date"}""", "sentOn" },
        { """{"partnerServiceId":"{service}","sentOn":"2024-05-01"}""", "reason" },
    };

    [Theory]
    [MemberData(nameof(InvalidReferrals))]
    public async Task Post_WithAnInvalidField_Answers400NamingTheFieldAndSavesNothing(string json, string field)
    {
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var before = await CountReferralsAsync();

        var response = await client.Http.PostAsync(Referrals, new StringContent(json.Replace("{service}", Alpha.PartnerService.Id.ToString(), StringComparison.Ordinal),
            System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"an error for {field}");
        Assert.Equal(before, await CountReferralsAsync());
    }

    [Fact]
    public async Task Outcome_BeforeTheReferralWasSent_Answers400AndChangesNothing()
    {
        var referral = await AddReferralAsync("API outcome too early", new DateOnly(2024, 4, 10));
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);

        var response = await client.Http.PostAsJsonAsync($"{Referrals}/{referral.Id}/outcome",
            new { outcome = "Done", outcomeOn = "2024-04-01", version = referral.Version });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("outcomeOn", out _));
        Assert.Equal(ReferralOutcome.Sent, (await FindAsync(referral.Id)).Outcome);
    }

    [Fact]
    public async Task Outcome_WithStaleVersion_Answers409()
    {
        var referral = await AddReferralAsync("API outcome twice", new DateOnly(2024, 4, 10));
        using var client = await app.SignedInAsync(Alpha.WorkerEmail);
        var outcome = $"{Referrals}/{referral.Id}/outcome";

        var first = await client.Http.PostAsJsonAsync(outcome, new { outcome = "Accepted", outcomeOn = "2024-04-11", version = referral.Version });
        var second = await client.Http.PostAsJsonAsync(outcome, new { outcome = "Declined", outcomeOn = "2024-04-12", version = referral.Version });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Accepted", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        await Problems.ReadAsync(second, HttpStatusCode.Conflict);
        var stored = await FindAsync(referral.Id);
        Assert.Equal(ReferralOutcome.Accepted, stored.Outcome);
        Assert.Equal(new DateOnly(2024, 4, 11), stored.OutcomeOn);
    }

    [Fact]
    public async Task RestrictedCaseFile_AnswersNotFoundToThoseNotNamedOnIt()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var workerId = (await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(Alpha.WorkerEmail))!.Id;
        var fileId = await app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var file = new CaseFile(Alpha.Service.Id, "PSY-2024-API-SEALED", new DateOnly(2024, 3, 1));
            file.RestrictTo([workerId]);
            db.AddRange(file, new Referral(file.Id, Alpha.PartnerService.Id, null, new DateOnly(2024, 3, 5), "Sealed referral"));
            await db.SaveChangesAsync();
            return file.Id;
        });
        var referrals = $"/api/o/alpha/case-files/{fileId}/referrals";
        using var outsider = await app.SignedInAsync(Alpha.CoordinatorEmail);
        using var named = await app.SignedInAsync(Alpha.WorkerEmail);

        var hidden = await outsider.GetAsync(referrals);
        var post = await outsider.Http.PostAsJsonAsync(referrals, new { partnerServiceId = Alpha.PartnerService.Id, sentOn = "2024-05-01", reason = "Intruding" });
        var seen = await named.Http.GetFromJsonAsync<JsonElement>(referrals);

        await Problems.ReadAsync(hidden, HttpStatusCode.NotFound);
        await Problems.ReadAsync(post, HttpStatusCode.NotFound);
        Assert.Equal("Sealed referral", Assert.Single(seen.EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Statistician_IsDenied()
    {
        using var client = await app.SignedInAsync(Alpha.StatisticianEmail);

        var response = await client.GetAsync(Referrals);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<Referral> AddReferralAsync(string reason, DateOnly sentOn) =>
        app.InOrganisationAsync(Alpha.Organisation.Id, async db =>
        {
            var referral = new Referral(Alpha.CaseFile.Id, Alpha.PartnerService.Id, null, sentOn, reason);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral;
        });

    private Task<Referral> FindAsync(Guid id) =>
        app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<int> CountReferralsAsync() =>
        app.InOrganisationAsync(Alpha.Organisation.Id, db => db.Referrals.CountAsync());
}
