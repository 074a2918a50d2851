using Suivi.Bench;

// dotnet run -c Release --project bench/Suivi.Bench -- [people-search] [--people 200000] [--postgres "<connection string>"]
// dotnet run -c Release --project bench/Suivi.Bench -- import [--rows 1000000] [--postgres "<connection string>"]
return args.FirstOrDefault() switch
{
    "import" => await ImportBench.RunAsync(args[1..]),
    _ => await PeopleSearchBench.RunAsync(args),
};
