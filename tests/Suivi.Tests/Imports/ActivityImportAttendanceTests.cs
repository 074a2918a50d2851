using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Imports;

/// <summary>
/// Imports of attendance: day-centre visits, supervised-housing stays, group activities and care-insurance
/// periods — each written whole or not at all, a re-import changing nothing, and the rules across rows (one
/// visit a day, one stay or period at a time) held against the file itself and against what is recorded.
/// </summary>
public sealed class ActivityImportAttendanceTests(SuiviApp app) : ActivityImportTests(app), IClassFixture<SuiviApp>
{
    private const string Visits = "external_id,service,person,date";
    private const string Stays = "external_id,service,person,from,to";
    private const string Activities = "external_id,service,kind,title,date,end_date,site,participants,unnamed";
    private const string Periods = "external_id,person,from,to";

    // Day-centre visits

    [Fact]
    public async Task DayCentreVisits_FromAGoodFile_AreRecorded_AndImportingItAgainChangesNothing()
    {
        var people = await PeopleAsync(2, "visitor");
        string[] ids = [Unique("visit"), Unique("visit"), Unique("visit")];
        var file = Csv(Visits,
            $"{ids[0]},FOYER,{people[0]},2023-05-02",
            $"{ids[1]},foyer,{people[0]},03/05/2023",
            $"{ids[2]},FOYER,{people[1]},2023-05-02");

        var first = await ImportCleanAsync(ImportKind.DayCentreVisits, file);
        var again = await ImportCleanAsync(ImportKind.DayCentreVisits, file);

        Assert.Equal((3L, 3L, 0L), (first.RowsRead, first.RowsWritten, first.RowsSkipped));
        Assert.Equal((0L, 3L), (again.RowsWritten, again.RowsSkipped));
        var visits = await InAlphaAsync(db => db.DayCentreVisits.Where(v => ids.Contains(v.ExternalId!)).ToListAsync());
        var (visitor, other) = (await PersonIdAsync(people[0]), await PersonIdAsync(people[1]));
        Assert.Equal(
            [(ids[0], visitor, new DateOnly(2023, 5, 2)), (ids[1], visitor, new DateOnly(2023, 5, 3)), (ids[2], other, new DateOnly(2023, 5, 2))],
            visits.OrderBy(v => Array.IndexOf(ids, v.ExternalId)).Select(v => (v.ExternalId, v.BeneficiaryId, v.OnDate)));
        Assert.All(visits, v => Assert.Equal((Alpha.Activities.DayCentre.Id, (Guid?)first.RunId), (v.ServiceId, v.ImportRunId)));
    }

    [Fact]
    public async Task DayCentreVisits_WithOneUnknownPersonInTheMiddle_WriteNothing_AndNameTheLine()
    {
        var people = await PeopleAsync(1, "visitor");
        string[] ids = [Unique("visit"), Unique("visit"), Unique("visit")];
        var file = Csv(Visits,
            $"{ids[0]},FOYER,{people[0]},2023-05-02",
            $"{ids[1]},FOYER,nobody-{ids[1]},2023-05-02",
            $"{ids[2]},FOYER,{people[0]},2023-05-03");

        var outcome = await ImportAsync(ImportKind.DayCentreVisits, file);

        Assert.Equal([$"3 person: No person has the external id nobody-{ids[1]}: import the people first."], Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.DayCentreVisits.CountAsync(v => ids.Contains(v.ExternalId!))));
    }

    [Fact]
    public async Task DayCentreVisit_OfTheSamePersonOnTheSameDayTwice_IsRefused_InTheFileAndAgainstWhatIsRecorded()
    {
        var people = await PeopleAsync(1, "visitor");
        await ImportCleanAsync(ImportKind.DayCentreVisits, Csv(Visits, $"{Unique("visit")},FOYER,{people[0]},2023-06-01"));
        string[] ids = [Unique("visit"), Unique("visit"), Unique("visit")];

        var outcome = await ImportAsync(ImportKind.DayCentreVisits, Csv(Visits,
            $"{ids[0]},FOYER,{people[0]},2023-06-02",
            $"{ids[1]},FOYER,{people[0]},02/06/2023",
            $"{ids[2]},FOYER,{people[0]},2023-06-01"));

        Assert.Equal(
            [
                $"3 date: The person {people[0]} already has a visit to this day centre on 2023-06-02, on line 2 of the file: one visit a day.",
                $"4 date: The person {people[0]} already has a visit to this day centre on 2023-06-01 recorded in Suivi: one visit a day.",
            ],
            Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.DayCentreVisits.CountAsync(v => ids.Contains(v.ExternalId!))));
    }

    [Fact]
    public async Task DayCentreVisit_RepeatingOneOfAnEarlierBatch_IsRefused()
    {
        var people = await PeopleAsync(1, "regular");
        var start = new DateOnly(2019, 1, 1);
        var rows = Enumerable.Range(0, 1000).Select(i => $"{Unique("day")},FOYER,{people[0]},{Iso(start.AddDays(i))}");

        var outcome = await ImportAsync(ImportKind.DayCentreVisits, Csv([Visits, .. rows, $"{Unique("again")},FOYER,{people[0]},{Iso(start.AddDays(3))}"]));

        Assert.Equal(
            [$"1002 date: The person {people[0]} already has a visit to this day centre on 2019-01-04, on an earlier line of the file: one visit a day."],
            Refused(outcome));
        var person = await PersonIdAsync(people[0]);
        Assert.Equal(0, await InAlphaAsync(db => db.DayCentreVisits.CountAsync(v => v.BeneficiaryId == person)));
    }

    [Fact]
    public async Task DayCentreVisit_AtAServiceThatIsNotADayCentre_IsRefused()
    {
        var people = await PeopleAsync(1, "visitor");

        var outcome = await ImportAsync(ImportKind.DayCentreVisits, Csv(Visits, $"{Unique("visit")},PSY,{people[0]},2023-05-02"));

        Assert.Equal(["2 service: The service PSY is not a day centre: visits are recorded at a service of the kind day centre."], Refused(outcome));
    }

    // Supervised-housing stays

    [Fact]
    public async Task HousingStays_FromAGoodFile_AreRecorded_AndImportingItAgainChangesNothing()
    {
        var people = await PeopleAsync(2, "resident");
        string[] ids = [Unique("stay"), Unique("stay"), Unique("stay")];
        var file = Csv(Stays,
            $"{ids[0]},LOG,{people[0]},2022-01-01,2022-06-30",
            $"{ids[1]},LOG,{people[0]},2022-07-01,",
            $"{ids[2]},LOG,{people[1]},01/03/2022,31/03/2022");

        var first = await ImportCleanAsync(ImportKind.HousingStays, file);
        var again = await ImportCleanAsync(ImportKind.HousingStays, file);

        Assert.Equal((3L, 0L), (first.RowsWritten, first.RowsSkipped));
        Assert.Equal((0L, 3L), (again.RowsWritten, again.RowsSkipped));
        var stays = await InAlphaAsync(db => db.HousingStays.Where(s => ids.Contains(s.ExternalId!)).ToListAsync());
        var (resident, other) = (await PersonIdAsync(people[0]), await PersonIdAsync(people[1]));
        Assert.Equal(
            [
                (ids[0], resident, new DateOnly(2022, 1, 1), (DateOnly?)new DateOnly(2022, 6, 30)),
                (ids[1], resident, new DateOnly(2022, 7, 1), null),
                (ids[2], other, new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 31)),
            ],
            stays.OrderBy(s => Array.IndexOf(ids, s.ExternalId)).Select(s => (s.ExternalId, s.BeneficiaryId, s.From, s.To)));
        Assert.All(stays, s => Assert.Equal(Alpha.Activities.Residence.Id, s.ServiceId));
    }

    [Fact]
    public async Task HousingStay_EndingBeforeItStarts_InTheMiddle_WritesNothing_AndNamesTheLine()
    {
        var people = await PeopleAsync(3, "resident");
        string[] ids = [Unique("stay"), Unique("stay"), Unique("stay")];
        var file = Csv(Stays,
            $"{ids[0]},LOG,{people[0]},2022-01-01,2022-06-30",
            $"{ids[1]},LOG,{people[1]},2022-05-01,2022-04-30",
            $"{ids[2]},LOG,{people[2]},2022-01-01,");

        var outcome = await ImportAsync(ImportKind.HousingStays, file);

        Assert.Equal(["3 to: A stay ends on or after the day it started."], Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.HousingStays.CountAsync(s => ids.Contains(s.ExternalId!))));
    }

    [Fact]
    public async Task HousingStays_OverlappingForOnePerson_AreRefused_InTheFileAndAgainstAStayInAnotherResidence()
    {
        var people = await PeopleAsync(2, "resident");
        await AddServiceAsync("LOG-NORD", ServiceKind.SupervisedHousing);
        await ImportCleanAsync(ImportKind.HousingStays, Csv(Stays, $"{Unique("stay")},LOG-NORD,{people[1]},2021-01-01,"));
        string[] ids = [Unique("stay"), Unique("stay"), Unique("stay")];

        var outcome = await ImportAsync(ImportKind.HousingStays, Csv(Stays,
            $"{ids[0]},LOG,{people[0]},2022-01-01,2022-06-30",
            $"{ids[1]},LOG,{people[0]},2022-06-30,2022-12-31",
            $"{ids[2]},LOG,{people[1]},2023-01-01,2023-02-01"));

        Assert.Equal(
            [
                "3 from: This stay overlaps the stay of the same person from 2022-01-01 on line 2 of the file: a person lives in one residence at a time.",
                "4 from: This stay overlaps a stay of the same person from 2021-01-01 already recorded: a person lives in one residence at a time.",
            ],
            Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.HousingStays.CountAsync(s => ids.Contains(s.ExternalId!))));
    }

    [Fact]
    public async Task HousingStay_AtAServiceThatIsNotAResidence_IsRefused()
    {
        var people = await PeopleAsync(1, "resident");

        var outcome = await ImportAsync(ImportKind.HousingStays, Csv(Stays, $"{Unique("stay")},FOYER,{people[0]},2022-01-01,"));

        Assert.Equal(["2 service: The service FOYER is not a residence: stays are recorded at a service of the kind supervised housing."], Refused(outcome));
    }

    // Group activities

    [Fact]
    public async Task GroupActivities_FromAGoodFile_AreRecordedWithTheirParticipants_AndImportingItAgainChangesNothing()
    {
        var people = await PeopleAsync(2, "member");
        string[] ids = [Unique("activity"), Unique("activity")];
        var file = Csv(Activities,
            $"{ids[0]},FOYER,EXCURSION,Trip to Vianden,2023-06-10,,,{people[0]}; {people[1]},4",
            $"{ids[1]},PSY,stay,Summer stay,2023-07-01,2023-07-05,Antenne Centre,{people[1]},");

        var first = await ImportCleanAsync(ImportKind.GroupActivities, file);
        var again = await ImportCleanAsync(ImportKind.GroupActivities, file);

        Assert.Equal((2L, 0L), (first.RowsWritten, first.RowsSkipped));
        Assert.Equal((0L, 2L), (again.RowsWritten, again.RowsSkipped));
        var activities = await InAlphaAsync(db => db.GroupActivities.Include(a => a.Participants).Where(a => ids.Contains(a.ExternalId!)).ToListAsync());
        var (member, other) = (await PersonIdAsync(people[0]), await PersonIdAsync(people[1]));
        var trip = activities.Single(a => a.ExternalId == ids[0]);
        Assert.Equal((Alpha.Activities.DayCentre.Id, Alpha.Item(ListKind.GroupActivityKind, "EXCURSION").Id, "Trip to Vianden", new DateOnly(2023, 6, 10)),
            (trip.ServiceId, trip.KindId, trip.Title, trip.OnDate));
        Assert.Equal(((DateOnly?)null, (Guid?)null, 4, 6), (trip.EndDate, trip.SiteId, trip.UnnamedParticipants, trip.ParticipantCount));
        Assert.Equal(new[] { member, other }.Order(), trip.Participants.Select(p => p.BeneficiaryId).Order());
        var stay = activities.Single(a => a.ExternalId == ids[1]);
        Assert.Equal((Alpha.Service.Id, Alpha.Item(ListKind.GroupActivityKind, "STAY").Id, (DateOnly?)new DateOnly(2023, 7, 5), (Guid?)Alpha.Site.Id, 0),
            (stay.ServiceId, stay.KindId, stay.EndDate, stay.SiteId, stay.UnnamedParticipants));
        Assert.Equal([other], stay.Participants.Select(p => p.BeneficiaryId));
    }

    [Fact]
    public async Task GroupActivity_WithAnUnknownParticipantInTheMiddle_WritesNothing_AndNamesTheLine()
    {
        var people = await PeopleAsync(1, "member");
        string[] ids = [Unique("activity"), Unique("activity"), Unique("activity")];
        var file = Csv(Activities,
            $"{ids[0]},FOYER,PARTY,Summer party,2023-06-21,,,{people[0]},",
            $"{ids[1]},FOYER,CINEMA,Cinema,2023-06-22,,,{people[0]};stranger-{ids[1]},2",
            $"{ids[2]},FOYER,CLUB-SESSION,Club,2023-06-23,,,,8");

        var outcome = await ImportAsync(ImportKind.GroupActivities, file);

        Assert.Equal([$"3 participants: No person has the external id stranger-{ids[1]}: import the people first."], Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.GroupActivities.CountAsync(a => ids.Contains(a.ExternalId!))));
    }

    [Fact]
    public async Task GroupActivity_BreakingItsRules_IsRefusedOnEachColumn()
    {
        var outcome = await ImportAsync(ImportKind.GroupActivities, Csv(Activities,
            $"{Unique("activity")},FOYER,RACE,Race,2023-06-21,,,,",
            $"{Unique("activity")},FOYER,STAY,Stay,2023-06-21,2023-06-20,,,",
            $"{Unique("activity")},FOYER,PARTY,Party,{Iso(Today.AddDays(10))},,,,",
            $"{Unique("activity")},FOYER,PARTY,Party,2023-06-21,,,,many"));

        Assert.Equal(
            [
                "2 kind: Unknown code RACE for the service FOYER.",
                "3 end_date: An activity ends on or after the day it starts.",
                "4 date: An activity is recorded once it has taken place: the date lies in the future.",
                "5 unnamed: Give a whole number: 3.",
            ],
            Refused(outcome));
    }

    // Care-insurance periods

    [Fact]
    public async Task CareInsurancePeriods_FromAGoodFile_AreRecorded_AndImportingItAgainChangesNothing()
    {
        var people = await PeopleAsync(2, "insured");
        string[] ids = [Unique("period"), Unique("period"), Unique("period")];
        var file = Csv(Periods,
            $"{ids[0]},{people[0]},2020-01-01,2021-12-31",
            $"{ids[1]},{people[0]},2022-01-01,",
            $"{ids[2]},{people[1]},2021-05-01,2021-05-31");

        var first = await ImportCleanAsync(ImportKind.CareInsurancePeriods, file);
        var again = await ImportCleanAsync(ImportKind.CareInsurancePeriods, file);

        Assert.Equal((3L, 0L), (first.RowsWritten, first.RowsSkipped));
        Assert.Equal((0L, 3L), (again.RowsWritten, again.RowsSkipped));
        var periods = await InAlphaAsync(db => db.CareInsurancePeriods.Where(p => ids.Contains(p.ExternalId!)).ToListAsync());
        var (insured, other) = (await PersonIdAsync(people[0]), await PersonIdAsync(people[1]));
        Assert.Equal(
            [
                (ids[0], insured, new DateOnly(2020, 1, 1), (DateOnly?)new DateOnly(2021, 12, 31)),
                (ids[1], insured, new DateOnly(2022, 1, 1), null),
                (ids[2], other, new DateOnly(2021, 5, 1), new DateOnly(2021, 5, 31)),
            ],
            periods.OrderBy(p => Array.IndexOf(ids, p.ExternalId)).Select(p => (p.ExternalId, p.BeneficiaryId, p.From, p.To)));
    }

    [Fact]
    public async Task CareInsurancePeriod_OverlappingInTheMiddle_WritesNothing_AndNamesTheLines()
    {
        var people = await PeopleAsync(2, "insured");
        await ImportCleanAsync(ImportKind.CareInsurancePeriods, Csv(Periods, $"{Unique("period")},{people[1]},2019-01-01,2019-12-31"));
        string[] ids = [Unique("period"), Unique("period"), Unique("period"), Unique("period")];

        var outcome = await ImportAsync(ImportKind.CareInsurancePeriods, Csv(Periods,
            $"{ids[0]},{people[0]},2020-01-01,",
            $"{ids[1]},{people[0]},2023-01-01,2023-12-31",
            $"{ids[2]},{people[1]},2019-12-31,2020-03-31",
            $"{ids[3]},{people[1]},2020-04-01,"));

        Assert.Equal(
            [
                "3 from: This period overlaps the period of the same person from 2020-01-01 on line 2 of the file.",
                "4 from: This period overlaps a period of the same person from 2019-01-01 already recorded.",
            ],
            Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.CareInsurancePeriods.CountAsync(p => ids.Contains(p.ExternalId!))));
    }

    [Fact]
    public async Task CareInsurancePeriod_OverlappingOneOfAnEarlierBatch_IsRefused_NamingItsExternalId()
    {
        var people = await PeopleAsync(1, "insured");
        var start = new DateOnly(2015, 1, 1);
        var ids = Enumerable.Range(0, 1000).Select(_ => Unique("month")).ToList();
        var rows = ids.Select((id, i) => $"{id},{people[0]},{Iso(start.AddDays(i))},{Iso(start.AddDays(i))}");

        var outcome = await ImportAsync(ImportKind.CareInsurancePeriods,
            Csv([Periods, .. rows, $"{Unique("late")},{people[0]},{Iso(start.AddDays(500))},"]));

        Assert.Equal([$"1002 from: This period overlaps the period of the same person from 2016-05-15 (external id {ids[500]}) earlier in the file."],
            Refused(outcome));
        var person = await PersonIdAsync(people[0]);
        Assert.Equal(0, await InAlphaAsync(db => db.CareInsurancePeriods.CountAsync(p => p.BeneficiaryId == person)));
    }

    [Fact]
    public async Task CareInsurancePeriod_EndingBeforeItStarts_OrOfAnUnknownPerson_IsRefused()
    {
        var people = await PeopleAsync(1, "insured");

        var outcome = await ImportAsync(ImportKind.CareInsurancePeriods, Csv(Periods,
            $"{Unique("period")},{people[0]},2020-01-01,2019-12-31",
            $"{Unique("period")},ghost,2020-01-01,",
            $"{Unique("period")},{people[0]},2020-13-01,"));

        Assert.Equal(
            [
                "2 to: A period ends on or after the day it started.",
                "3 person: No person has the external id ghost: import the people first.",
                "4 from: Give the date as 2024-01-31 or 31/01/2024.",
            ],
            Refused(outcome));
    }
}
