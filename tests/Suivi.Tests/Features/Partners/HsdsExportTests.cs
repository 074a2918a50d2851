using System.Net;
using System.Text.Json;
using Suivi.Features.Partners;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Features.Partners;

public sealed class HsdsExportTests(SuiviApp app) : IClassFixture<SuiviApp>
{
    private const string Export = "/api/o/alpha/partners/hsds";

    [Fact]
    public async Task Export_IsAJsonFileToDownload()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var response = await client.GetAsync(Export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^""?partners-alpha-hsds-\d{4}-\d{2}-\d{2}\.json""?$", response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task Export_GivesThePartnerAsAnHsdsOrganization()
    {
        var partner = app.World.Alpha.Partner;
        using var document = await ExportAsync(app.World.Alpha.WorkerEmail);

        var organization = document.RootElement.GetProperty("organizations").EnumerateArray()
            .Single(o => o.GetProperty("id").GetString() == partner.Id.ToString());

        Assert.Equal("Partenaire alpha", organization.GetProperty("name").GetString());
        Assert.Equal("santé mentale", organization.GetProperty("description").GetString());
        Assert.Equal("contact@partner-alpha.example", organization.GetProperty("email").GetString());
        var phone = Assert.Single(organization.GetProperty("phones").EnumerateArray());
        Assert.Equal("+352 40 00 00", phone.GetProperty("number").GetString());
        Assert.Equal(partner.Id.ToString(), phone.GetProperty("organization_id").GetString());
        var theme = Assert.Single(organization.GetProperty("attributes").EnumerateArray());
        Assert.Equal("santé mentale", theme.GetProperty("taxonomy_term").GetProperty("name").GetString());
        Assert.Equal(theme.GetProperty("taxonomy_term_id").GetString(), theme.GetProperty("taxonomy_term").GetProperty("id").GetString());
        Assert.False(organization.TryGetProperty("website", out _), "absent values are left out, not null");
    }

    [Fact]
    public async Task Export_GivesTheServiceWithItsOrganizationStatusAndLanguages()
    {
        var alpha = app.World.Alpha;
        using var document = await ExportAsync(alpha.WorkerEmail);

        var service = document.RootElement.GetProperty("services").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == alpha.PartnerService.Id.ToString());

        Assert.Equal("Consultation pédopsychiatrique", service.GetProperty("name").GetString());
        Assert.Equal(alpha.Partner.Id.ToString(), service.GetProperty("organization_id").GetString());
        Assert.Equal("active", service.GetProperty("status").GetString());
        var language = Assert.Single(service.GetProperty("languages").EnumerateArray());
        Assert.Equal("fr", language.GetProperty("code").GetString());
        Assert.Equal(alpha.PartnerService.Id.ToString(), language.GetProperty("service_id").GetString());
        Assert.False(string.IsNullOrEmpty(language.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Export_GivesThePartnersAddressAsALocationWithItsRegion()
    {
        var partner = app.World.Alpha.Partner;
        using var document = await ExportAsync(app.World.Alpha.WorkerEmail);

        var location = document.RootElement.GetProperty("locations").EnumerateArray()
            .Single(l => l.GetProperty("organization_id").GetString() == partner.Id.ToString());
        var address = Assert.Single(location.GetProperty("addresses").EnumerateArray());

        Assert.Equal("physical", location.GetProperty("location_type").GetString());
        Assert.Equal(location.GetProperty("id").GetString(), address.GetProperty("location_id").GetString());
        Assert.Equal("2, rue du Parc", address.GetProperty("address_1").GetString());
        Assert.Equal("Luxembourg", address.GetProperty("city").GetString());
        Assert.Equal("Centre", address.GetProperty("region").GetString());
        Assert.Equal("LU", address.GetProperty("country").GetString());
        Assert.Equal("physical", address.GetProperty("address_type").GetString());
        Assert.True(address.TryGetProperty("postal_code", out _) && address.TryGetProperty("state_province", out _), "HSDS requires them, empty when unknown");
    }

    [Fact]
    public async Task Export_ContainsNothingOfAnotherOrganisation()
    {
        var beta = app.World.Beta;
        using var client = await app.SignedInAsync(app.World.Alpha.WorkerEmail);

        var body = await (await client.GetAsync(Export)).Content.ReadAsStringAsync();

        Assert.DoesNotContain(beta.Partner.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(beta.PartnerService.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Partenaire beta", body, StringComparison.Ordinal);
        Assert.DoesNotContain("partner-beta", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_GivesTheSameIdsEachTime()
    {
        using var first = await ExportAsync(app.World.Alpha.WorkerEmail);
        using var second = await ExportAsync(app.World.Alpha.CoordinatorEmail);

        Assert.Equal(LocationIds(first), LocationIds(second));
    }

    [Fact]
    public async Task Statistician_DownloadsTheExport()
    {
        using var client = await app.SignedInAsync(app.World.Alpha.StatisticianEmail);

        var response = await client.GetAsync(Export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("2, rue du Parc, Luxembourg", "2, rue du Parc", "", "Luxembourg")]
    [InlineData("12, avenue de la Gare, L-4131 Esch-sur-Alzette", "12, avenue de la Gare", "L-4131", "Esch-sur-Alzette")]
    [InlineData("5 rue Principale, 9530 Wiltz", "5 rue Principale", "L-9530", "Wiltz")]
    [InlineData("Maison 7", "Maison 7", "", "")]
    public void SplitAddress_FindsStreetPostalCodeAndLocality(string address, string line, string postalCode, string city)
    {
        Assert.Equal((line, postalCode, city), HsdsExport.SplitAddress(address));
    }

    private async Task<JsonDocument> ExportAsync(string email)
    {
        using var client = await app.SignedInAsync(email);
        var response = await client.GetAsync(Export);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<string?> LocationIds(JsonDocument document) =>
        document.RootElement.GetProperty("locations").EnumerateArray()
            .SelectMany(l => new[] { l.GetProperty("id").GetString() }.Concat(l.GetProperty("addresses").EnumerateArray().Select(a => a.GetProperty("id").GetString())))
            .ToList();
}
