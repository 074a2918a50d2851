using Suivi.Bench;

// dotnet run -c Release --project bench/Suivi.Bench -- people-search [--people 200000] [--postgres "<connection string>"]
return await PeopleSearchBench.RunAsync(args);
