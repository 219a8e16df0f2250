using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// A rule's descriptor with the severity the level switch gives it in this compilation (<see cref="LevelSeverities"/>): the one
    /// way rules create their diagnostics (the <c>Diagnostic.Create</c> overloads that take the descriptor's default are banned).
    /// </summary>
    /// <remarks>Made once per rule at the compilation's start and kept in the rule's closures: a report costs what it cost before.</remarks>
    internal readonly struct RuleDiagnostic
    {
        private readonly DiagnosticDescriptor _descriptor;

        public RuleDiagnostic(DiagnosticDescriptor descriptor, DiagnosticSeverity severity)
        {
            _descriptor = descriptor;
            Severity = severity;
        }

        public DiagnosticSeverity Severity { get; }

        public Diagnostic Create(Location location, params object?[] messageArgs) =>
            Diagnostic.Create(_descriptor, location, Severity, additionalLocations: null, properties: null, messageArgs);

        public Diagnostic Create(Location location, ImmutableDictionary<string, string?>? properties, params object?[] messageArgs) =>
            Diagnostic.Create(_descriptor, location, Severity, additionalLocations: null, properties, messageArgs);

        public Diagnostic Create(Location location, IEnumerable<Location>? additionalLocations, ImmutableDictionary<string, string?>? properties, params object?[] messageArgs) =>
            Diagnostic.Create(_descriptor, location, Severity, additionalLocations, properties, messageArgs);
    }
}
