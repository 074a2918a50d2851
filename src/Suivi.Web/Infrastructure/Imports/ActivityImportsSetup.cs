namespace Suivi.Infrastructure.Imports;

/// <summary>The importers of appointments, contacts, alarms and attendance, on top of <see cref="ImportsSetup"/>.</summary>
public static class ActivityImportsSetup
{
    public static IServiceCollection AddActivityImporters(this IServiceCollection services)
    {
        services.AddTransient<IRecordImporter, AppointmentsImporter>();
        services.AddTransient<IRecordImporter, ContactsImporter>();
        services.AddTransient<IRecordImporter, AlarmSubscriptionsImporter>();
        services.AddTransient<IRecordImporter, AlarmsImporter>();
        services.AddTransient<IRecordImporter, DayCentreVisitsImporter>();
        services.AddTransient<IRecordImporter, HousingStaysImporter>();
        services.AddTransient<IRecordImporter, GroupActivitiesImporter>();
        services.AddTransient<IRecordImporter, CareInsurancePeriodsImporter>();
        return services;
    }
}
