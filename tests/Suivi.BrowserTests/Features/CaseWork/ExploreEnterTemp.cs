using Suivi.BrowserTests.Infrastructure;
namespace Suivi.BrowserTests.Features.CaseWork;

[Collection(BrowserCollection.Name)]
public sealed class ExploreEnterTemp(SuiviInBrowser suivi)
{
    [Fact]
    public Task ExploreEnter() => suivi.JourneyAsync(async page =>
    {
        await page.SignInAsync(DemoAccounts.Coordinator, "/o/arc-en-ciel/requests/new");
        await page.Field("Input.ServiceId").ChooseAsync("Service psychologique");
        await page.Field("Input.SourceId").ChooseAsync("École");
        await page.Field("Input.Summary").FillAsync("Essai touche Entrée");
        await page.Field("Input.NewPeople[0].FirstName").FillAsync("Enzo");
        await page.Field("Input.NewPeople[0].LastName").FillAsync("Entree");
        await page.Field("Input.NewPeople[0].LastName").PressAsync("Enter");
        await page.WaitForLoadStateAsync();
        await page.WaitForTimeoutAsync(1000);
        await page.ScreenshotAsync(new() { Path = "/tmp/casework-shots/enter-after.png", FullPage = true });
        System.IO.File.WriteAllText("/tmp/casework-shots/enter-url.txt", page.Url);
        // decision form with nothing: accept without qualification, and with secondary from another scheme
    });
}
