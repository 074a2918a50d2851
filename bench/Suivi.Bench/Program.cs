using Suivi.Bench;
using Suivi.Bench.National;

// dotnet run -c Release --project bench/Suivi.Bench -- [people-search] [--people 200000] [--postgres "<connection string>"]
// dotnet run -c Release --project bench/Suivi.Bench -- import [--rows 1000000] [--postgres "<connection string>"] [--only import|writer|raw]
// dotnet run -c Release --project bench/Suivi.Bench -- national [--scale 1.0] [--postgres "<connection string>"] [--sqlite <path>] [--reuse] [--runs 5]
//     [--build-only] [--no-sqlite] [--no-duckdb] [--duckdb <path>]
return args.FirstOrDefault() switch
{
    "import" => await ImportBench.RunAsync(args[1..]),
    "national" => await NationalBench.RunAsync(args[1..]),
    _ => await PeopleSearchBench.RunAsync(args),
};
