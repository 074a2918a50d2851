using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using Suivi.Domain;

namespace Suivi.Data.ReadyMade;

/// <summary>
/// What a new organisation starts from: sensible lists (request sources, channels, reasons, justice
/// authorities, specialities, flags) and two typologies — the 24-category maltreatment typology
/// (M1–M24) and the main motives of a psychological service. Everything can then be relabelled,
/// reordered, retired or extended by the organisation.
/// </summary>
public static class ReadyMade
{
    public const string MaltreatmentScheme = "maltreatment";
    public const string MainMotiveScheme = "main-motive";

    private static readonly (ListKind List, string Code, string Fr, string De, string En, FlagValue Flag)[] Lists =
    [
        (ListKind.RequestSource, "FAMILY", "La famille elle-même", "Die Familie selbst", "The family itself", FlagValue.None),
        (ListKind.RequestSource, "PERSON", "La personne elle-même", "Die Person selbst", "The person themself", FlagValue.None),
        (ListKind.RequestSource, "MATERNITY", "Maternité d'un hôpital", "Entbindungsstation eines Krankenhauses", "Maternity ward of a hospital", FlagValue.None),
        (ListKind.RequestSource, "HOSPITAL", "Hôpital (autre service)", "Krankenhaus (anderer Dienst)", "Hospital (other ward)", FlagValue.None),
        (ListKind.RequestSource, "JUSTICE", "Justice", "Justiz", "Justice", FlagValue.None),
        (ListKind.RequestSource, "POLICE", "Police", "Polizei", "Police", FlagValue.None),
        (ListKind.RequestSource, "SCHOOL", "École", "Schule", "School", FlagValue.None),
        (ListKind.RequestSource, "SOCIAL", "Service social", "Sozialdienst", "Social service", FlagValue.None),
        (ListKind.RequestSource, "DOCTOR", "Médecin", "Arzt/Ärztin", "Doctor", FlagValue.None),
        (ListKind.RequestSource, "SHELTER", "Foyer ou logement encadré", "Heim oder betreutes Wohnen", "Shelter or sheltered housing", FlagValue.None),
        (ListKind.RequestSource, "PROFESSIONAL", "Autre professionnel", "Andere Fachkraft", "Another professional", FlagValue.None),
        (ListKind.Channel, "PHONE", "Téléphone", "Telefon", "Phone", FlagValue.None),
        (ListKind.Channel, "EMAIL", "Courriel", "E-Mail", "E-mail", FlagValue.None),
        (ListKind.Channel, "VISIT", "En personne", "Persönlich", "In person", FlagValue.None),
        (ListKind.Channel, "LETTER", "Courrier", "Brief", "Letter", FlagValue.None),
        (ListKind.RefusalReason, "SCOPE", "Hors du champ du service", "Außerhalb des Aufgabenbereichs", "Outside the service's scope", FlagValue.None),
        (ListKind.RefusalReason, "NO-FOLLOW-UP", "Pas de suite à la demande", "Keine weitere Nachfrage", "No further request", FlagValue.None),
        (ListKind.RefusalReason, "JUSTICE-FIRST", "Procédure judiciaire prioritaire", "Vorrang des Gerichtsverfahrens", "Justice first", FlagValue.None),
        (ListKind.RefusalReason, "CAPACITY", "Manque de thérapeutes", "Mangel an Therapeut*innen", "Lack of therapists", FlagValue.None),
        (ListKind.RefusalReason, "CRITERIA", "Critère d'admission non rempli", "Aufnahmekriterium nicht erfüllt", "Admission criterion not met", FlagValue.None),
        (ListKind.RefusalReason, "REFUSED", "Refus de la famille", "Ablehnung durch die Familie", "Refused by the family", FlagValue.None),
        (ListKind.ReorientationReason, "BETTER-SUITED", "Service plus adapté", "Besser geeigneter Dienst", "Better suited service", FlagValue.None),
        (ListKind.ReorientationReason, "MEDICAL", "Orientation vers une prise en charge médicale", "Weiterleitung an medizinische Versorgung", "Oriented to medical care", FlagValue.None),
        (ListKind.ReorientationReason, "REGION", "Région de résidence", "Wohnregion", "Region of residence", FlagValue.None),
        (ListKind.ReorientationReason, "LANGUAGE", "Langue", "Sprache", "Language", FlagValue.None),
        (ListKind.NoFileReason, "ADVICE-PARENT", "Conseil téléphonique à un parent", "Telefonische Beratung eines Elternteils", "Advice by phone to a parent", FlagValue.None),
        (ListKind.NoFileReason, "ADVICE-PRO", "Conseil à un professionnel", "Beratung einer Fachkraft", "Advice to a professional", FlagValue.None),
        (ListKind.NoFileReason, "INFORMATION", "Information seulement", "Nur Information", "Information only", FlagValue.None),
        (ListKind.ClosureReason, "GOOD-EVOLUTION", "Bonne évolution", "Gute Entwicklung", "Good evolution", FlagValue.None),
        (ListKind.ClosureReason, "GOALS-MET", "Objectifs atteints", "Ziele erreicht", "Goals met", FlagValue.None),
        (ListKind.ClosureReason, "REORIENTED", "Réorientation", "Weiterleitung", "Re-oriented", FlagValue.None),
        (ListKind.ClosureReason, "WRONG-ADMISSION", "Mauvais critère d'admission", "Falsches Aufnahmekriterium", "Wrong admission criterion", FlagValue.None),
        (ListKind.ClosureReason, "NO-COLLABORATION", "Refus de collaborer", "Verweigerte Zusammenarbeit", "Refusal to collaborate", FlagValue.None),
        (ListKind.ClosureReason, "PLACEMENT", "Signalement ou placement", "Meldung oder Unterbringung", "Report or placement", FlagValue.None),
        (ListKind.ClosureReason, "MOVED", "Déménagement", "Umzug", "Moved away", FlagValue.None),
        (ListKind.ClosureReason, "AGE-LIMIT", "Limite d'âge atteinte", "Altersgrenze erreicht", "Age limit reached", FlagValue.None),
        (ListKind.JusticeAuthority, "YOUTH-COURT", "Tribunal de la jeunesse", "Jugendgericht", "Youth court", FlagValue.None),
        (ListKind.JusticeAuthority, "PROSECUTOR", "Parquet", "Staatsanwaltschaft", "Public prosecutor", FlagValue.None),
        (ListKind.JusticeAuthority, "PROBATION", "Service central d'assistance sociale", "Bewährungshilfe", "Probation service", FlagValue.None),
        (ListKind.JusticeAuthority, "POLICE", "Police", "Polizei", "Police", FlagValue.None),
        (ListKind.ReferralSpeciality, "DENTIST", "Dentiste", "Zahnarzt/Zahnärztin", "Dentist", FlagValue.None),
        (ListKind.ReferralSpeciality, "OPHTHALMOLOGIST", "Ophtalmologue", "Augenarzt/Augenärztin", "Ophthalmologist", FlagValue.None),
        (ListKind.ReferralSpeciality, "CHILD-PSYCHIATRIST", "Pédopsychiatre", "Kinder- und Jugendpsychiater*in", "Child psychiatrist", FlagValue.None),
        (ListKind.ReferralSpeciality, "SPEECH-THERAPIST", "Orthophoniste", "Logopäd*in", "Speech therapist", FlagValue.None),
        (ListKind.ReferralSpeciality, "PAEDIATRICIAN", "Pédiatre", "Kinderarzt/Kinderärztin", "Paediatrician", FlagValue.None),
        (ListKind.ReferralSpeciality, "PSYCHOTHERAPIST", "Psychothérapeute", "Psychotherapeut*in", "Psychotherapist", FlagValue.None),
        (ListKind.Flag, "PREGNANCY", "Admission pendant la grossesse (semaine)", "Aufnahme während der Schwangerschaft (Woche)", "Admitted during pregnancy (week)", FlagValue.Number),
        (ListKind.Flag, "UNDER-3", "Enfant de moins de 3 ans", "Kind unter 3 Jahren", "Child under 3", FlagValue.None),
        (ListKind.Flag, "JUSTICE", "Justice impliquée", "Justiz beteiligt", "Justice involved", FlagValue.JusticeAuthority),
        (ListKind.Flag, "SYMPTOMS", "Enfant présentant des symptômes", "Kind mit Symptomen", "Child showing symptoms", FlagValue.None),
        (ListKind.DeliveryType, "HOME-VISIT", "Visite à domicile", "Hausbesuch", "Home visit", FlagValue.None),
        (ListKind.DeliveryType, "PAIR-VISIT", "Visite en binôme", "Hausbesuch zu zweit", "Visit in pairs", FlagValue.None),
        (ListKind.DeliveryType, "CARE", "Soins et aides à domicile", "Pflege und Hilfe zu Hause", "Care at home", FlagValue.None),
        (ListKind.DeliveryType, "CONSULT-CHILD", "Consultation enfant", "Beratung Kind", "Child consultation", FlagValue.None),
        (ListKind.DeliveryType, "CONSULT-PARENT", "Entretien avec les parents", "Elterngespräch", "Parent interview", FlagValue.None),
        (ListKind.DeliveryType, "CONSULT-FAMILY", "Entretien familial", "Familiengespräch", "Family interview", FlagValue.None),
        (ListKind.DeliveryType, "COORDINATION", "Réunion de coordination", "Koordinationssitzung", "Coordination meeting", FlagValue.None),
        (ListKind.DeliveryType, "PAEDIATRICIAN", "Visite chez le pédiatre", "Besuch beim Kinderarzt", "Visit to the paediatrician", FlagValue.None),
        (ListKind.DeliveryType, "CALL", "Appel téléphonique", "Telefonat", "Phone call", FlagValue.None),
        (ListKind.DeliveryType, "LETTER", "Courrier ou courriel", "Brief oder E-Mail", "Letter or e-mail", FlagValue.None),
        (ListKind.ActCategory, "AEV", "Actes essentiels de la vie", "Aktivitäten des täglichen Lebens", "Essential acts of daily life", FlagValue.None),
        (ListKind.ActCategory, "MENAGE", "Tâches domestiques", "Hauswirtschaftliche Hilfe", "Household help", FlagValue.None),
        (ListKind.ActCategory, "GARDE", "Gardes individuelles", "Einzelbetreuung", "Individual sitting", FlagValue.None),
        (ListKind.ActCategory, "COURSES", "Sorties courses", "Einkaufsbegleitung", "Shopping outings", FlagValue.None),
        (ListKind.ActCategory, "AUTRES", "Autres actes", "Sonstige Leistungen", "Other acts", FlagValue.None),
        (ListKind.ContactOutcome, "NEW-CARE", "Nouvelle prise en charge", "Neue Betreuung", "New care", FlagValue.None),
        (ListKind.ContactOutcome, "CURRENT-CLIENT", "Client actuel", "Aktuelle Kundin/aktueller Kunde", "Current client", FlagValue.None),
        (ListKind.ContactOutcome, "FORMER-CLIENT", "Ancien client", "Ehemalige Kundin/ehemaliger Kunde", "Former client", FlagValue.None),
        (ListKind.ContactOutcome, "INFORMATION", "Information seulement", "Nur Information", "Information only", FlagValue.None),
        (ListKind.ContactOutcome, "REDIRECTED", "Orienté vers un autre service", "An einen anderen Dienst verwiesen", "Directed to another service", FlagValue.None),
        (ListKind.AlarmDevice, "BRACELET", "Bracelet", "Armband", "Bracelet", FlagValue.None),
        (ListKind.AlarmDevice, "PENDANT", "Pendentif", "Anhänger", "Pendant", FlagValue.None),
        (ListKind.AlarmDevice, "WATCH-GPS", "Montre avec géolocalisation", "Uhr mit Ortung", "Watch with geolocation", FlagValue.None),
        (ListKind.AlarmOutcome, "FALSE-ALARM", "Fausse alerte", "Fehlalarm", "False alarm", FlagValue.None),
        (ListKind.AlarmOutcome, "REASSURED", "Personne rassurée à distance", "Person aus der Ferne beruhigt", "Person reassured remotely", FlagValue.None),
        (ListKind.AlarmOutcome, "RELATIVE", "Proche prévenu", "Angehörige verständigt", "Relative called", FlagValue.None),
        (ListKind.AlarmOutcome, "STAFF", "Intervention de l'équipe", "Einsatz des Teams", "Team went out", FlagValue.None),
        (ListKind.AlarmOutcome, "EMERGENCY", "Services d'urgence", "Rettungsdienst", "Emergency services", FlagValue.None),
        (ListKind.GroupActivityKind, "CLUB-SESSION", "Séance de club", "Clubtreffen", "Club session", FlagValue.None),
        (ListKind.GroupActivityKind, "EXCURSION", "Excursion", "Ausflug", "Excursion", FlagValue.None),
        (ListKind.GroupActivityKind, "STAY", "Séjour", "Aufenthalt", "Stay", FlagValue.None),
        (ListKind.GroupActivityKind, "PARTY", "Fête", "Fest", "Party", FlagValue.None),
        (ListKind.GroupActivityKind, "CINEMA", "Séance de cinéma", "Kinovorstellung", "Cinema session", FlagValue.None),
    ];

    /// <summary>Adds the ready-made lists and typologies to a context acting in the new organisation.</summary>
    public static (IReadOnlyList<ListItem> Lists, IReadOnlyList<TypologyScheme> Typologies) AddTo(SuiviDbContext db)
    {
        var lists = ListItems();
        var typologies = Typologies();
        db.ListItems.AddRange(lists);
        db.TypologySchemes.AddRange(typologies);
        return (lists, typologies);
    }

    /// <summary>The ready-made lists, to be saved inside the new organisation.</summary>
    public static IReadOnlyList<ListItem> ListItems() =>
        Lists.Select((l, index) => new ListItem(l.List, l.Code, new Label(l.Fr, l.De, l.En), index + 1, null, l.Flag)).ToList();

    /// <summary>The ready-made typologies, to be saved inside the new organisation.</summary>
    public static IReadOnlyList<TypologyScheme> Typologies() =>
    [
        Scheme(MaltreatmentScheme, new Label("Typologie de la maltraitance (M1–M24)", "Typologie der Misshandlung (M1–M24)", "Maltreatment typology (M1–M24)"),
            "typology-maltreatment.csv"),
        Scheme(MainMotiveScheme, new Label("Motif principal", "Hauptanlass", "Main motive"), "main-motive.csv"),
    ];

    private static TypologyScheme Scheme(string code, Label name, string file)
    {
        var scheme = new TypologyScheme(code, name);
        using var stream = typeof(ReadyMade).Assembly.GetManifestResourceStream($"Suivi.Data.ReadyMade.{file}")
            ?? throw new InvalidOperationException($"The ready-made typology {file} is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        foreach (var row in csv.GetRecords<CategoryRow>())
        {
            scheme.AddCategory(row.Code, new Label(row.Fr, row.De, row.En), row.Group);
        }
        return scheme;
    }

    private sealed class CategoryRow
    {
        [Name("code")] public string Code { get; set; } = "";
        [Name("label_fr")] public string Fr { get; set; } = "";
        [Name("label_de")] public string? De { get; set; }
        [Name("label_en")] public string? En { get; set; }
        [Name("group")] public string? Group { get; set; }
    }
}
