namespace Suivi.BrowserTests.Infrastructure;

/// <summary>The accounts of the demo network (see Data/DemoNetwork.cs in Suivi.Web).</summary>
public static class DemoAccounts
{
    public const string Password = "Suivi-Demo-2026";

    /// <summary>Coordinator in Arc-en-ciel and Mosaïque.</summary>
    public const string Coordinator = "coordinatrice@demo.suivi.test";

    /// <summary>Worker in Arc-en-ciel.</summary>
    public const string Worker = "intervenant@demo.suivi.test";

    /// <summary>Organisation administrator everywhere, and network administrator.</summary>
    public const string Administrator = "admin@demo.suivi.test";

    /// <summary>Statistician in Mosaïque: figures, never names.</summary>
    public const string Statistician = "statistique@demo.suivi.test";
}
