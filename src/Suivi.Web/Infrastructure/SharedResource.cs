namespace Suivi.Infrastructure;

/// <summary>
/// Marker for the one set of interface texts: SharedResource.fr.resx and SharedResource.de.resx beside
/// this file. English texts are the keys, so English needs no file and a missing translation shows English.
/// </summary>
public sealed class SharedResource;
