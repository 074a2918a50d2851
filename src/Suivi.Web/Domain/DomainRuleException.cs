namespace Suivi.Domain;

/// <summary>An operation that would break a rule of the domain. The message is a resource key shown to the user.</summary>
public sealed class DomainRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
