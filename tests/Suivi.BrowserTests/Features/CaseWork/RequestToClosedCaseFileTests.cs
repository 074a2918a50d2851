using System.Text.RegularExpressions;
using Suivi.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Suivi.BrowserTests.Features.CaseWork;

[Collection(BrowserCollection.Name)]
public sealed partial class RequestToClosedCaseFileTests(SuiviInBrowser suivi)
{
    [Fact]
    public Task Coordinator_TakesARequestFromAPhoneCall_ToAClosedCaseFile() => suivi.JourneyAsync(async page =>
    {
        var call = Guid.NewGuid().ToString("N")[..6];
        var summary = $"L'école appelle ({call}) : Léna arrive en classe avec des bleus sur les bras.";

        // Signed in, the coordinator goes to Arc-en-ciel, then to its requests.
        await page.SignInAsync(DemoAccounts.Coordinator, "/");
        await page.Locator("main a[href='/o/arc-en-ciel']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel$"));
        await page.Locator("header nav a[href='/o/arc-en-ciel/requests']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel/requests$"));
        var psychologyQueue = page.Locator("main table.queues tbody tr").Filter(new() { HasText = "Service psychologique" });
        var waitingBefore = int.Parse(await psychologyQueue.Locator("td").Nth(0).InnerTextAsync());
        var urgentBefore = int.Parse(await psychologyQueue.Locator("td").Nth(1).InnerTextAsync());

        // The phone call: a new request for a person not recorded yet.
        await page.Locator("main a[href='/o/arc-en-ciel/requests/new']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/o/arc-en-ciel/requests/new"));
        await Expect(page.Field("Input.ReceivedOn")).ToHaveValueAsync(CaseWorkSteps.Today);
        await page.Field("Input.ServiceId").ChooseAsync("Service psychologique");
        await page.Field("Input.SourceId").ChooseAsync("École");
        await page.Field("Input.ChannelId").ChooseAsync("Téléphone");
        await page.Locator("main input[name='Input.Urgency'][value='Urgent']").CheckAsync();
        await page.Field("Input.Summary").FillAsync(summary);
        await page.Field("Input.NewPeople[0].FirstName").FillAsync("Léna");
        await page.Field("Input.NewPeople[0].LastName").FillAsync("Weyer");
        await page.SaveButton().ClickAsync();

        // The request waits for a decision, since today.
        await Expect(page).ToHaveURLAsync(CaseWorkSteps.RequestPage());
        var requestUrl = page.Url;
        await Expect(page.Locator("main .heading .status-open")).ToBeVisibleAsync();
        await Expect(page.Detail("Attente (jours)")).ToHaveTextAsync("0");
        await Expect(page.Detail("Service sollicité")).ToHaveTextAsync("Service psychologique");
        await Expect(page.Detail("Provenance")).ToHaveTextAsync("École");
        await Expect(page.Detail("Canal")).ToHaveTextAsync("Téléphone");
        await Expect(page.Detail("Urgence")).ToHaveTextAsync("Urgente");
        await Expect(page.Detail("Résumé de la demande")).ToHaveTextAsync(summary);
        await Expect(page.Locator("main ul.relatives a", new() { HasText = "Léna Weyer" })).ToBeVisibleAsync();

        // The queue counts it, urgent, waiting for 0 days.
        await page.Locator("header nav a[href='/o/arc-en-ciel/requests']").ClickAsync();
        await Expect(psychologyQueue.Locator("td").Nth(0)).ToHaveTextAsync($"{waitingBefore + 1}");
        await Expect(psychologyQueue.Locator("td").Nth(1)).ToHaveTextAsync($"{urgentBefore + 1}");
        var waiting = page.Locator("main table.requests tbody tr").Filter(new() { HasText = call });
        await Expect(waiting).ToHaveCountAsync(1);
        await Expect(waiting.Locator("td.num")).ToHaveTextAsync("0");
        await Expect(waiting.Locator("td strong")).ToHaveTextAsync("Urgente");
        await Expect(waiting).ToContainTextAsync("Léna Weyer");
        await waiting.Locator("th a").ClickAsync();
        await Expect(page).ToHaveURLAsync(requestUrl);

        // Accepted: Léna is the child of the file, opened with its qualification.
        var decision = page.Locator("main form.decision");
        await decision.Locator("input[name='Input.Kind'][value='Accepted']").CheckAsync();
        await Expect(decision.Locator("select[name='Input.Roles[0].Role']")).ToHaveCountAsync(1);
        await decision.Locator("select[name='Input.Roles[0].Role']").SelectOptionAsync("Child");
        await decision.Locator("select[name='Input.SchemeId']").ChooseAsync("Motif principal");
        await decision.Locator("select[name='Input.PrimaryCategoryId']").ChooseAsync("Violence physique");
        await decision.Locator("details > summary").ClickAsync();
        await decision.Locator("details fieldset").Filter(new() { HasText = "Motif principal" })
            .GetByLabel("Comportement alarmant").CheckAsync();
        await decision.Locator(".actions button[type='submit']").ClickAsync();

        await Expect(page).ToHaveURLAsync(requestUrl);
        await Expect(page.Locator("main .heading .status")).ToHaveTextAsync("Acceptée");
        var fileLink = page.Locator("main table.decisions a[href^='/o/arc-en-ciel/case-files/']");
        var reference = (await fileLink.InnerTextAsync()).Trim();
        Assert.Matches(PsychologyReference(), reference);
        await fileLink.ClickAsync();

        // The case file is open, with Léna as its child and the opening qualification.
        await Expect(page).ToHaveURLAsync(CaseWorkSteps.CaseFilePage());
        var fileUrl = page.Url;
        await Expect(page.Locator("main h1")).ToContainTextAsync(reference);
        await Expect(page.Locator("main .badges .status-open")).ToBeVisibleAsync();
        await Expect(page.Locator("#members tbody tr").Filter(new() { HasText = "Léna Weyer" })).ToContainTextAsync("Enfant");

        // Assessed orange, for a reason.
        await page.CaseWorkLink("assess").ClickAsync();
        await page.Locator("main input[name='Input.Colour'][value='Orange']").CheckAsync();
        await page.Field("Input.Rationale").FillAsync("Des bleus répétés, mais la mère collabore et l'école suit Léna de près.");
        await page.SaveButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(fileUrl);
        await Expect(page.Locator("main .badges .status-orange")).ToHaveTextAsync(new Regex("Orange$"));

        // Referred to the hospital's child psychiatry, for a reason.
        await page.Locator("main nav.actions a[href$='/referrals']").ClickAsync();
        await Expect(page).ToHaveURLAsync(CaseWorkSteps.ReferralsPage());
        await page.Field("Input.PartnerServiceId").ChooseAsync("Pédopsychiatrie");
        await page.Field("Input.SpecialityId").ChooseAsync("Pédopsychiatre");
        await Expect(page.Field("Input.SentOn")).ToHaveValueAsync(CaseWorkSteps.Today);
        await page.Field("Input.Reason").FillAsync("Bilan pédopsychiatrique demandé après les signalements de l'école.");
        await page.SaveButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(CaseWorkSteps.ReferralsPage());
        var referral = page.Locator("main table tbody tr");
        await Expect(referral).ToHaveCountAsync(1);
        await Expect(referral).ToContainTextAsync("Pédopsychiatrie — Centre hospitalier du Nord (démo)");
        await Expect(referral).ToContainTextAsync("Pédopsychiatre");
        await page.Locator($"main .heading a[href='{new Uri(fileUrl).AbsolutePath}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(fileUrl);

        // A note for the whole team.
        await page.CaseWorkLink("note").ClickAsync();
        await page.Field("Input.Text").FillAsync("Premier entretien avec la mère : rendez-vous pris avec l'école vendredi.");
        await Expect(page.Locator("main input[name='Input.Visibility'][value='Team']")).ToBeCheckedAsync();
        await page.SaveButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(fileUrl);

        // Requalified: the violence turns out to be psychological.
        await page.CaseWorkLink("requalify").ClickAsync();
        await page.Field("Input.PrimaryCategoryId").ChooseAsync("Violence psychologique");
        await page.Field("Input.Why").FillAsync("Les bleus viennent du sport ; l'entretien révèle des humiliations répétées.");
        await page.SaveButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(fileUrl);

        // Closed: things went well.
        await page.CaseWorkLink("close").ClickAsync();
        await Expect(page.Field("Input.ClosedOn")).ToHaveValueAsync(CaseWorkSteps.Today);
        await page.Field("Input.ClosureReasonId").ChooseAsync("Bonne évolution");
        await page.Field("Input.PrimaryCategoryId").ChooseAsync("Violence psychologique");
        await page.SaveButton().ClickAsync();
        await Expect(page).ToHaveURLAsync(fileUrl);

        // The file tells its whole story.
        await Expect(page.Locator("main .badges .status-closed")).ToHaveTextAsync("Clôturé");
        await Expect(page.CaseWorkLink("close")).ToHaveCountAsync(0);
        var qualifications = page.Locator("#qualifications tbody tr");
        await Expect(qualifications.Locator("th")).ToHaveTextAsync(["Ouverture", "Requalification", "Clôture"]);
        await Expect(qualifications.Nth(0)).ToContainTextAsync("Violence physique");
        await Expect(qualifications.Nth(0)).ToContainTextAsync("Comportement alarmant");
        await Expect(qualifications.Nth(1)).ToContainTextAsync("Violence psychologique");
        await Expect(qualifications.Nth(1)).ToContainTextAsync("humiliations répétées");
        await Expect(qualifications.Nth(2)).ToContainTextAsync("Violence psychologique");
        var episode = page.Locator("#episodes tbody tr");
        await Expect(episode).ToHaveCountAsync(1);
        await Expect(episode).ToContainTextAsync("Bonne évolution");
        var assessment = page.Locator("#assessments tbody tr");
        await Expect(assessment).ToHaveCountAsync(1);
        await Expect(assessment.Locator(".status-orange")).ToHaveTextAsync(new Regex("Orange$"));
        await Expect(assessment).ToContainTextAsync("la mère collabore");
        await Expect(page.Locator("#notes li")).ToContainTextAsync("rendez-vous pris avec l'école vendredi");

        await page.Locator("main nav.actions a[href$='/referrals']").ClickAsync();
        await Expect(page.Locator("main table tbody tr")).ToContainTextAsync("Bilan pédopsychiatrique demandé");
    });

    [GeneratedRegex(@"^PSY-\d{4}-\d{4}$")]
    private static partial Regex PsychologyReference();
}
