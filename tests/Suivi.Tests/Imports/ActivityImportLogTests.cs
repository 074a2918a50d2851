using Microsoft.EntityFrameworkCore;
using Suivi.Domain;
using Suivi.Tests.Infrastructure;

namespace Suivi.Tests.Imports;

/// <summary>
/// Imports of appointments (with what became of them, and by whom) and of the contact log (anonymous
/// contacts included), all-or-nothing and idempotent.
/// </summary>
public sealed class ActivityImportLogTests(SuiviApp app) : ActivityImportTests(app), IClassFixture<SuiviApp>
{
    private const string Appointments = "external_id,service,requested_on,date,start,site,type,person,case_file,staff,status,changed_by,change_reason,note";
    private const string Contacts = "external_id,service,kind,direction,date,time,minutes,channel,person,outcome,staff,subject";

    private string CaseFile => Alpha.CaseFile.Reference;

    // Appointments

    [Fact]
    public async Task Appointments_FromAGoodFile_AreRecordedWithWhatBecameOfThem_AndImportingItAgainChangesNothing()
    {
        var people = await PeopleAsync(2, "patient");
        string[] ids = [Unique("appt"), Unique("appt"), Unique("appt"), Unique("appt")];
        var coming = Today.AddDays(14);
        var file = Csv(Appointments,
            $"{ids[0]},PSY,2024-02-20,2024-03-05,14:00,Antenne Centre,CONSULT-PARENT,{people[0]},{CaseFile},Paula Reis,held,,,First consultation",
            $"{ids[1]},PSY,,2024-03-12,,,,{people[0]},,,postponed,family,Child is ill,",
            $"{ids[2]},PSY,,2024-03-19,,,,,{CaseFile},,Cancelled,Service,,",
            $"{ids[3]},PSY,,{Iso(coming)},10:30,,,{people[1]},,,,,,");

        var first = await ImportCleanAsync(ImportKind.Appointments, file);
        var again = await ImportCleanAsync(ImportKind.Appointments, file);

        Assert.Equal((4L, 0L), (first.RowsWritten, first.RowsSkipped));
        Assert.Equal((0L, 4L), (again.RowsWritten, again.RowsSkipped));
        var appointments = await InAlphaAsync(db => db.Appointments.Where(a => ids.Contains(a.ExternalId!)).ToDictionaryAsync(a => a.ExternalId!));
        var (patient, other) = (await PersonIdAsync(people[0]), await PersonIdAsync(people[1]));
        var held = appointments[ids[0]];
        Assert.Equal((AppointmentStatus.Held, new DateOnly(2024, 2, 20), new DateOnly(2024, 3, 5), (TimeOnly?)new TimeOnly(14, 0)),
            (held.Status, held.RequestedOn, held.OnDate, held.StartTime));
        Assert.Equal(((Guid?)Alpha.Site.Id, (Guid?)Alpha.Item(ListKind.DeliveryType, "CONSULT-PARENT").Id, (Guid?)patient, (Guid?)Alpha.CaseFile.Id, (Guid?)Alpha.Staff.Id),
            (held.SiteId, held.TypeId, held.BeneficiaryId, held.CaseFileId, held.StaffMemberId));
        Assert.Equal(("First consultation", (AppointmentParty?)null), (held.Note, held.ChangedBy));
        var postponed = appointments[ids[1]];
        Assert.Equal((AppointmentStatus.Postponed, (AppointmentParty?)AppointmentParty.Family, "Child is ill", new DateOnly(2024, 3, 12)),
            (postponed.Status, postponed.ChangedBy, postponed.ChangeReason, postponed.RequestedOn));
        var cancelled = appointments[ids[2]];
        Assert.Equal((AppointmentStatus.Cancelled, (AppointmentParty?)AppointmentParty.Service, (Guid?)null, (Guid?)Alpha.CaseFile.Id),
            (cancelled.Status, cancelled.ChangedBy, cancelled.BeneficiaryId, cancelled.CaseFileId));
        var requested = appointments[ids[3]];
        Assert.Equal((AppointmentStatus.Requested, Today, coming, (Guid?)other), (requested.Status, requested.RequestedOn, requested.OnDate, requested.BeneficiaryId));
        Assert.All(appointments.Values, a => Assert.Equal((Alpha.Service.Id, (Guid?)first.RunId), (a.ServiceId, a.ImportRunId)));
    }

    [Fact]
    public async Task Appointment_WithAnUnknownTypeInTheMiddle_WritesNothing_AndNamesTheLine()
    {
        var people = await PeopleAsync(1, "patient");
        string[] ids = [Unique("appt"), Unique("appt"), Unique("appt")];

        var outcome = await ImportAsync(ImportKind.Appointments, Csv(Appointments,
            $"{ids[0]},PSY,,2024-03-05,,,CONSULT-CHILD,{people[0]},,,held,,,",
            $"{ids[1]},PSY,,2024-03-06,,,PALM-READING,{people[0]},,,held,,,",
            $"{ids[2]},PSY,,2024-03-07,,,CONSULT-CHILD,{people[0]},,,held,,,"));

        Assert.Equal(["3 type: Unknown code PALM-READING for the service PSY."], Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.Appointments.CountAsync(a => ids.Contains(a.ExternalId!))));
    }

    [Fact]
    public async Task Appointment_WithAnOutcomeItCannotHave_IsRefusedOnTheRightColumn()
    {
        var people = await PeopleAsync(1, "patient");

        var outcome = await ImportAsync(ImportKind.Appointments, Csv(Appointments,
            $"{Unique("appt")},PSY,,2024-03-05,,,,{people[0]},,,postponed,,,",
            $"{Unique("appt")},PSY,,{Iso(Today.AddDays(3))},,,,{people[0]},,,held,,,",
            $"{Unique("appt")},PSY,,2024-03-05,,,,{people[0]},,,held,family,,",
            $"{Unique("appt")},PSY,,2024-03-05,,,,{people[0]},,,forgotten,,,",
            $"{Unique("appt")},PSY,,2024-01-15,,,,,{CaseFile},,held,,,",
            $"{Unique("appt")},PSY,2024-03-10,2024-03-05,,,,{people[0]},,,,,,",
            $"{Unique("appt")},PSY,,2024-03-05,,,,,,,held,,,"));

        Assert.Equal(
            [
                "2 changed_by: Say who postponed or cancelled it: family or service.",
                "3 date: An appointment is held on its day, not before.",
                "4 changed_by: Only a postponed or cancelled appointment says who changed it and why: leave this empty.",
                "5 status: Unknown status forgotten: give requested, held, postponed or cancelled.",
                "6 case_file: The case file was not open on this date.",
                "7 date: An appointment falls on or after the day it was requested.",
                "8 person: Give the person or the case file the appointment is for.",
            ],
            Refused(outcome));
    }

    [Fact]
    public async Task Appointment_WhoseExternalIdAnAppointmentOfARestrictedFileHolds_IsRefused_WithoutWritingIt()
    {
        var externalId = Unique("hidden");
        await InAlphaAsync(async db =>
        {
            var coordinator = await db.Users.Where(u => u.Email == Alpha.CoordinatorEmail).Select(u => u.Id).SingleAsync();
            var file = new CaseFile(Alpha.Service.Id, $"R-{Guid.NewGuid():N}"[..20], new DateOnly(2024, 1, 2));
            file.RestrictTo([coordinator]);
            var appointment = new Appointment(Alpha.Service.Id,
                new AppointmentDetails(new DateOnly(2024, 1, 9), null, null, null, null, file.Id, null, null), new DateOnly(2024, 1, 3), Today);
            appointment.ImportedAs(externalId, Alpha.Activities.ImportRun.Id);
            db.AddRange(file, appointment);
            return await db.SaveChangesAsync();
        });
        var people = await PeopleAsync(1, "patient");

        var outcome = await ImportAsync(ImportKind.Appointments, Csv(Appointments, $"{externalId},PSY,,2024-03-05,,,,{people[0]},,,held,,,"));

        Assert.Equal([$"2 external_id: The external id {externalId} is already used by an appointment of a restricted case file you are not named on."],
            Refused(outcome));
    }

    // Contacts

    [Fact]
    public async Task Contacts_FromAGoodFile_AreRecorded_AnonymousOnesWithoutAPerson_AndImportingItAgainChangesNothing()
    {
        var people = await PeopleAsync(1, "caller");
        string[] ids = [Unique("contact"), Unique("contact")];
        var file = Csv(Contacts,
            $"{ids[0]},PSY,helpline_call,inbound,2024-02-14,18:05,\"7,5\",PHONE,{people[0]},CURRENT-CLIENT,Paula Reis,Asks about the next appointment",
            $"{ids[1]},PSY,Client relations,Outbound,14/02/2024,,,,,information,,");

        var first = await ImportCleanAsync(ImportKind.Contacts, file);
        var again = await ImportCleanAsync(ImportKind.Contacts, file);

        Assert.Equal((2L, 0L), (first.RowsWritten, first.RowsSkipped));
        Assert.Equal((0L, 2L), (again.RowsWritten, again.RowsSkipped));
        var contacts = await InAlphaAsync(db => db.Contacts.Where(c => ids.Contains(c.ExternalId!)).ToDictionaryAsync(c => c.ExternalId!));
        var call = contacts[ids[0]];
        Assert.Equal((ContactKind.HelplineCall, ContactDirection.Inbound, new DateOnly(2024, 2, 14), (TimeOnly?)new TimeOnly(18, 5), (int?)450),
            (call.Kind, call.Direction, call.OnDate, call.AtTime, call.DurationSeconds));
        Assert.Equal(((Guid?)Alpha.Item(ListKind.Channel, "PHONE").Id, (Guid?)await PersonIdAsync(people[0]), (Guid?)Alpha.Item(ListKind.ContactOutcome, "CURRENT-CLIENT").Id,
                (Guid?)Alpha.Staff.Id, "Asks about the next appointment"),
            (call.ChannelId, call.BeneficiaryId, call.OutcomeId, call.StaffMemberId, call.Subject));
        var anonymous = contacts[ids[1]];
        Assert.Equal((ContactKind.ClientRelations, ContactDirection.Outbound, true, (Guid?)Alpha.Item(ListKind.ContactOutcome, "INFORMATION").Id, (int?)null),
            (anonymous.Kind, anonymous.Direction, anonymous.IsAnonymous, anonymous.OutcomeId, anonymous.DurationSeconds));
    }

    [Fact]
    public async Task Contact_WithAnUnknownOutcomeInTheMiddle_WritesNothing_AndNamesTheLine()
    {
        string[] ids = [Unique("contact"), Unique("contact"), Unique("contact")];

        var outcome = await ImportAsync(ImportKind.Contacts, Csv(Contacts,
            $"{ids[0]},PSY,helpline_call,inbound,2024-02-14,,,,,INFORMATION,,",
            $"{ids[1]},PSY,helpline_call,inbound,2024-02-14,,,,,MAYBE-LATER,,",
            $"{ids[2]},PSY,helpline_call,redirected,2024-02-15,,,,,NEW-CARE,,"));

        Assert.Equal(["3 outcome: Unknown code MAYBE-LATER for the service PSY."], Refused(outcome));
        Assert.Equal(0, await InAlphaAsync(db => db.Contacts.CountAsync(c => ids.Contains(c.ExternalId!))));
    }

    [Fact]
    public async Task Contact_BreakingItsRules_IsRefusedOnEachColumn()
    {
        var outcome = await ImportAsync(ImportKind.Contacts, Csv(Contacts,
            $"{Unique("contact")},PSY,fax,inbound,2024-02-14,,,,,,,",
            $"{Unique("contact")},PSY,other,sideways,2024-02-14,,,,,,,",
            $"{Unique("contact")},PSY,other,inbound,2024-02-14,,800,,,,,",
            $"{Unique("contact")},PSY,other,inbound,{Iso(Today.AddDays(5))},,,,,,,",
            $"{Unique("contact")},PSY,other,inbound,2024-02-14,,,,,,Nobody Here,",
            $"{Unique("contact")},PSY,other,inbound,2024-02-14,,,,stranger,,,"));

        Assert.Equal(
            [
                "2 kind: Unknown kind of contact fax: give helpline_call, client_relations or other.",
                "3 direction: Unknown direction sideways: give inbound, redirected or outbound.",
                "4 minutes: A contact lasts between 0 and 12 hours.",
                "5 date: A contact is recorded once it happened: the date lies in the future.",
                "6 staff: No staff member is called Nobody Here: give the full name as in Suivi, or the id.",
                "7 person: No person has the external id stranger: import the people first.",
            ],
            Refused(outcome));
    }
}
