using Suivi.Domain;
using static Suivi.Infrastructure.Imports.ImportText;

namespace Suivi.Infrastructure.Imports;

/// <summary>
/// The contact log, one contact per row: helpline calls and client-relations contacts, with their outcome.
/// A row without a person is an anonymous contact: counted, without any person being recorded.
/// </summary>
public sealed class ContactsImporter : EntityImporter<ContactsImporter.ContactLine, Contact>
{
    public static readonly ImportColumns Layout = new();
    private static readonly ImportColumn ExternalIdColumn = Layout.Required("external_id",
        TextKey("The contact's id in the previous system: importing the same file again skips the contacts already imported."));
    private static readonly ImportColumn ServiceColumn = Layout.Required("service", TextKey("Code of the service whose log it belongs to (Settings)."));
    private static readonly ImportColumn KindColumn = Layout.Required("kind", TextKey("helpline_call, client_relations or other."));
    private static readonly ImportColumn DirectionColumn = Layout.Required("direction",
        TextKey("inbound (through the public number), redirected (a callback or a call redirected from a branch) or outbound."));
    private static readonly ImportColumn DateColumn = Layout.Required("date", TextKey("Day of the contact: 2024-01-31 or 31/01/2024 (or an Excel date)."));
    private static readonly ImportColumn TimeColumn = Layout.Optional("time", TextKey("Time of the contact: 18:05."));
    private static readonly ImportColumn Minutes = Layout.Optional("minutes", TextKey("How long it lasted, in minutes: 7 or 2.5; at most 12 hours."));
    private static readonly ImportColumn Channel = Layout.Optional("channel", TextKey("Code of the channel (list of channels): PHONE, EMAIL…"));
    private static readonly ImportColumn Person = Layout.Optional("person", TextKey("External id of the person it was with or about (imported before); empty for an anonymous contact."));
    private static readonly ImportColumn Outcome = Layout.Optional("outcome", TextKey("Code of what came of it (list of contact outcomes)."));
    private static readonly ImportColumn Staff = Layout.Optional("staff", TextKey("The staff member who took it: full name as in Suivi (First name Last name), or their id."));
    private static readonly ImportColumn Subject = Layout.Optional("subject", TextKey("What it was about (at most 2000 characters)."));

    /// <summary>What a row says; the contact once its person is found (reading thread).</summary>
    public sealed record ContactLine(string ExternalId, Guid ServiceId, ContactDetails Details, string? Person)
    {
        public Contact? Contact { get; set; }
    }

    public override ImportKind Kind => ImportKind.Contacts;

    public override ImportColumns Columns => Layout;

    protected override ImportColumn ExternalId => ExternalIdColumn;

    protected override string ExternalIdOf(ContactLine record) => record.ExternalId;

    protected override bool TryRead(ImportRow row, ImportContext context, out ContactLine record)
    {
        record = null!;
        var valid = HasRequiredValues(row, context);
        var externalId = ActivityCells.ExternalId(row, context, ExternalIdColumn, ref valid);
        var service = ActivityCells.Service(row, context, ServiceColumn, ref valid);
        var kind = ActivityCells.Word<ContactKind>(row, context, KindColumn,
            TextKey("Unknown kind of contact {0}: give helpline_call, client_relations or other."), ref valid);
        var direction = ActivityCells.Word<ContactDirection>(row, context, DirectionColumn,
            TextKey("Unknown direction {0}: give inbound, redirected or outbound."), ref valid);
        var day = ActivityCells.Date(row, context, DateColumn, ref valid);
        var time = ActivityCells.Time(row, context, TimeColumn, ref valid);
        TimeSpan? duration = null;
        if (row[Minutes] is { } minutesText)
        {
            if (ImportValues.TryDecimal(minutesText, out var minutes) && Math.Abs(minutes) < 1_000_000)
            {
                duration = TimeSpan.FromSeconds((double)Math.Round(minutes * 60));
            }
            else
            {
                valid = false;
                context.Error(row.Line, Minutes, TextKey("Give the minutes as a number: 7 or 2.5."));
            }
        }
        var channel = ActivityCells.ListEntry(row, context, Channel, ListKind.Channel, service, day, ref valid);
        var outcome = ActivityCells.ListEntry(row, context, Outcome, ListKind.ContactOutcome, service, day, ref valid);
        var staff = ActivityCells.Staff(row, context, Staff, ref valid);
        if (!valid)
        {
            return false;
        }
        var details = new ContactDetails(kind!.Value, direction!.Value, day!.Value, time, duration, channel, null, outcome, staff, row[Subject]);
        record = new ContactLine(externalId, service!.Id, details, row[Person]);
        return true;
    }

    protected override async Task ResolveAsync(ImportBatch<ContactLine> batch, ImportContext context, CancellationToken cancellationToken)
    {
        await ActivityCells.LoadPeopleAsync(batch, context, r => r.Person is { } person ? [person] : [], cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var (line, record) = (batch.Line(i), batch[i]);
            var valid = true;
            var person = record.Person is { } externalId ? ActivityCells.Person(context, line, Person, externalId, ref valid) : null;
            try
            {
                var contact = new Contact(record.ServiceId, record.Details with { BeneficiaryId = person }, context.Today);
                contact.ImportedAs(record.ExternalId, context.RunId);
                record.Contact = contact;
            }
            catch (DomainRuleException rule)
            {
                valid = false;
                context.Error(line, rule.Field switch
                {
                    nameof(Contact.OnDate) => DateColumn,
                    "Duration" => Minutes,
                    _ => ColumnOf(rule, ExternalIdColumn),
                }, rule.Message);
            }
            if (!valid)
            {
                batch.Reject(i);
            }
        }
    }

    protected override Contact? Create(long line, ContactLine record, ImportContext context) => record.Contact;
}
