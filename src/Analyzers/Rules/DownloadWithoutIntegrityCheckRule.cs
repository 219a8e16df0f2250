using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG2003: data or a model downloaded at run time and loaded into ML code with no hash computed: a truncated, replaced or
    /// tampered file trains or serves silently. The download reaches the load directly, through the file it is written to, through
    /// the folder an archive of it is extracted to, or from a helper that downloads into a member's or a parameter's path;
    /// with HttpClient, WebClient, or a cloud storage SDK (Azure Blob Storage, Amazon S3, Google Cloud Storage).
    /// </summary>
    public sealed class DownloadWithoutIntegrityCheckRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.DownloadWithoutIntegrityCheck);

        private const int MaxHops = 12;

        private static readonly string[] HttpClientDownloads = { "GetByteArrayAsync", "GetStreamAsync", "GetAsync" };
        private static readonly string[] WebClientDownloads = { "DownloadFile", "DownloadFileTaskAsync", "DownloadData", "DownloadDataTaskAsync", "OpenRead", "OpenReadTaskAsync" };

        /// <summary>Downloads of the cloud storage SDKs: Azure Blob Storage, Amazon S3 (TransferUtility), Google Cloud Storage.</summary>
        private static readonly string[] CloudDownloads = { "DownloadTo", "DownloadToAsync", "DownloadContent", "DownloadContentAsync", "DownloadStreaming", "DownloadStreamingAsync", "Download", "DownloadAsync", "DownloadObject", "DownloadObjectAsync" };

        private static readonly string[] CloudNamespaces = { "Azure.Storage.Blobs", "Amazon.S3", "Google.Cloud.Storage" };

        /// <summary>Names of the project's own helpers that count as an integrity check (a hash computed in a helper is still a check).</summary>
        private static readonly string[] CheckHelperWords = { "Hash", "Checksum", "Integrity", "Verify" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (ArtifactCalls.For(types) is not ArtifactCalls calls)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    // By name first: HttpClient and WebClient are resolved only in a compilation that calls a download method.
                    var download = (IInvocationOperation)operationContext.Operation;
                    var name = download.TargetMethod.Name;
                    var httpName = Array.IndexOf(HttpClientDownloads, name) >= 0;
                    var cloud = !httpName && Array.IndexOf(CloudDownloads, name) >= 0 && IsCloudStorage(download.TargetMethod.ContainingType);
                    if (!httpName && !cloud && Array.IndexOf(WebClientDownloads, name) < 0)
                    {
                        return;
                    }

                    var type = download.TargetMethod.ContainingType;
                    if (!cloud && !Is(type, httpName ? types.HttpClient : types.WebClient))
                    {
                        return;
                    }

                    var locals = LocalValues.For(download);
                    if (HasIntegrityCheck(locals.Root))
                    {
                        return;
                    }

                    var files = DownloadedFiles(download, calls, types, locals);
                    var folders = ExtractedFolders(files, types, locals);
                    foreach (var operation in locals.Root.Descendants())
                    {
                        if (calls.TryGet(operation, out var access, out var target)
                            && access != ArtifactAccess.ModelSave
                            && (Reaches(download, target, files, calls, types, locals) || IsInFolder(target, folders, calls, locals)))
                        {
                            operationContext.ReportDiagnostic(diagnostics.Create(download.Syntax.GetLocation(), name, Kind(access)));
                            return;
                        }
                    }

                    // Downloaded by a helper into a member or a parameter's path, and loaded by the code around it.
                    if (LoadedElsewhere(download, files.Concat(folders).ToList(), calls, locals) is ArtifactAccess elsewhere)
                    {
                        operationContext.ReportDiagnostic(diagnostics.Create(download.Syntax.GetLocation(), name, Kind(elsewhere)));
                    }
                },
                OperationKind.Invocation);
        }

        private static string Kind(ArtifactAccess access) => access == ArtifactAccess.DataLoad ? "data" : "a model";

        /// <summary>
        /// Folders a downloaded archive is extracted to (<c>ZipFile.ExtractToDirectory(archive, folder)</c>,
        /// <c>TarFile.ExtractToDirectory(archive, folder, …)</c>): every file in them came with the download.
        /// </summary>
        private static List<IOperation> ExtractedFolders(List<IOperation> files, MlTypes types, LocalValues locals)
        {
            var folders = new List<IOperation>();
            if (files.Count == 0)
            {
                return folders;
            }

            foreach (var invocation in locals.Calls)
            {
                var method = invocation.TargetMethod;
                if (method.Name == "ExtractToDirectory"
                    && method.ContainingType?.Name is "ZipFile" or "TarFile"
                    && invocation.Arguments.Length >= 2
                    && files.Exists(file => SamePath(file, invocation.Arguments[0].Value, locals)))
                {
                    folders.Add(invocation.Arguments[1].Value);
                }
            }

            return folders;
        }

        private static bool IsInFolder(IArgumentOperation target, List<IOperation> folders, ArtifactCalls calls, LocalValues locals) =>
            folders.Count > 0 && calls.PathOf(target, locals) is IOperation path && folders.Exists(folder => PathRelations.IsInside(path, folder, locals));

        /// <summary>
        /// A download into a path held by a member (a static or instance field or property) or given as a parameter, loaded by ML
        /// code elsewhere in the type: a load of that member, or, for a parameter, of what the helper's callers pass for it.
        /// Read in this file, where the semantic model is at hand; a method that computes a hash before its load is checked.
        /// </summary>
        private static ArtifactAccess? LoadedElsewhere(IInvocationOperation download, List<IOperation> targets, ArtifactCalls calls, LocalValues locals)
        {
            if (download.SemanticModel is not SemanticModel model || download.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>() is not { } type)
            {
                return null;
            }

            var held = new List<ISymbol>();
            var passed = new List<IParameterSymbol>();
            foreach (var target in targets)
            {
                var path = locals.Resolve(target);
                switch (path)
                {
                    case IMemberReferenceOperation member:
                        held.Add(member.Member);
                        break;
                    case IParameterReferenceOperation parameter:
                        passed.Add(parameter.Parameter);
                        break;
                    case IInvocationOperation combine when ConstantPaths.TryGetPathJoinParts(combine, out var parts, out _) && parts.Count > 0
                        && locals.Resolve(parts[0]) is IMemberReferenceOperation baseMember:
                        held.Add(baseMember.Member); // Path.Combine(Folder, name): the file lives in the member's folder
                        break;
                }
            }

            if (held.Count == 0 && passed.Count == 0)
            {
                return null;
            }

            var method = download.SemanticModel.GetEnclosingSymbol(download.Syntax.SpanStart) as IMethodSymbol;
            foreach (var member in type.Members)
            {
                if (model.GetOperation(member) is not IOperation body || member.Span.Contains(download.Syntax.Span))
                {
                    continue;
                }

                var bodyLocals = LocalValues.For(body);
                if (HasIntegrityCheck(body))
                {
                    continue;
                }

                // What callers of the helper pass for its path parameters joins the members to look for, per caller.
                var wanted = new List<IOperation>();
                foreach (var operation in body.Descendants())
                {
                    if (operation is IInvocationOperation call && method != null && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                    {
                        foreach (var argument in call.Arguments)
                        {
                            if (argument.Parameter != null && passed.Exists(p => p.Ordinal == argument.Parameter.Ordinal))
                            {
                                wanted.Add(argument.Value);
                            }
                        }
                    }
                }

                foreach (var operation in body.Descendants())
                {
                    if (!calls.TryGet(operation, out var access, out var target) || access == ArtifactAccess.ModelSave || calls.PathOf(target, bodyLocals) is not IOperation path)
                    {
                        continue;
                    }

                    var resolved = bodyLocals.Resolve(path);
                    if ((resolved is IMemberReferenceOperation loaded && held.Exists(h => SymbolEqualityComparer.Default.Equals(h, loaded.Member)))
                        || wanted.Exists(w => DataViewFlow.AreSame(w, path, bodyLocals)))
                    {
                        return access;
                    }
                }
            }

            return null;
        }

        /// <summary>The downloaded content itself reaches the ML call, or a file it was written to is the file the ML call reads.</summary>
        private static bool Reaches(IInvocationOperation download, IArgumentOperation target, List<IOperation> files, ArtifactCalls calls, MlTypes types, LocalValues locals)
        {
            if (Origin(target.Value, types, locals) == download)
            {
                return true;
            }

            if (files.Count == 0 || calls.PathOf(target, locals) is not IOperation path)
            {
                return false;
            }

            foreach (var file in files)
            {
                if (SamePath(file, path, locals))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Paths the download is written to: <c>DownloadFile(url, path)</c>, <c>File.WriteAllBytes(path, bytes)</c>, and
        /// <c>stream.CopyTo(File.Create(path))</c>.
        /// </summary>
        private static List<IOperation> DownloadedFiles(IInvocationOperation download, ArtifactCalls calls, MlTypes types, LocalValues locals)
        {
            var files = new List<IOperation>();
            if (download.TargetMethod.Name.StartsWith("DownloadFile", StringComparison.Ordinal) && download.Arguments.ArgumentFor("fileName") is IArgumentOperation fileName)
            {
                files.Add(fileName.Value);
            }

            // Cloud SDKs: blob.DownloadTo(path), transfer.Download(filePath, bucket, key), client.DownloadObject(bucket, name, File.Create(path)).
            if (IsCloudStorage(download.TargetMethod.ContainingType))
            {
                foreach (var argument in download.Arguments)
                {
                    if (argument.Parameter?.Name is "path" or "filePath" && argument.Value.Type?.SpecialType == SpecialType.System_String)
                    {
                        files.Add(argument.Value);
                    }
                    else if (argument.Parameter?.Name is "destination" && calls.PathOf(argument, locals) is IOperation written)
                    {
                        files.Add(written);
                    }
                }
            }

            foreach (var invocation in locals.Calls)
            {
                var method = invocation.TargetMethod;
                if (Is(method.ContainingType, types.File) && method.Name.StartsWith("WriteAllBytes", StringComparison.Ordinal)
                    && invocation.Arguments.ArgumentFor("bytes") is IArgumentOperation bytes
                    && Origin(bytes.Value, types, locals) == download
                    && invocation.Arguments.ArgumentFor("path") is IArgumentOperation written)
                {
                    files.Add(written.Value);
                }
                else if ((method.Name == "CopyTo" || method.Name == "CopyToAsync")
                    && invocation.Instance is IOperation source
                    && Origin(source, types, locals) == download
                    && invocation.Arguments.ArgumentFor("destination") is IArgumentOperation destination
                    && calls.PathOf(destination, locals) is IOperation destinationPath)
                {
                    files.Add(destinationPath);
                }
            }

            return files;
        }

        /// <summary>Where bytes or a stream come from, through locals, <c>await</c>, <c>ConfigureAwait</c>, <c>response.Content.ReadAs*</c> and <c>new MemoryStream(bytes)</c>.</summary>
        private static IOperation Origin(IOperation operation, MlTypes types, LocalValues locals)
        {
            for (var hop = 0; hop < MaxHops; hop++)
            {
                operation = locals.Resolve(operation);
                switch (operation)
                {
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        continue;
                    case IInvocationOperation { Instance: IOperation instance } invocation when IsPassThrough(invocation.TargetMethod, types):
                        operation = instance;
                        continue;
                    case IPropertyReferenceOperation { Property.Name: "Content", Instance: IOperation response }
                        when Is(response.Type as INamedTypeSymbol, types.Get("System.Net.Http.HttpResponseMessage")):
                        operation = response;
                        continue;
                    case IObjectCreationOperation creation when Is(creation.Type as INamedTypeSymbol, types.Get("System.IO.MemoryStream"))
                        && creation.Arguments.Length > 0 && creation.Arguments[0].Value.Type is IArrayTypeSymbol:
                        operation = creation.Arguments[0].Value;
                        continue;
                }

                break;
            }

            return operation;
        }

        /// <summary>Calls whose result is their receiver's content: <c>ConfigureAwait</c>, <c>EnsureSuccessStatusCode</c>, <c>HttpContent.ReadAs*</c>.</summary>
        private static bool IsPassThrough(IMethodSymbol method, MlTypes types)
        {
            var type = method.ContainingType?.OriginalDefinition;
            switch (method.Name)
            {
                case "ConfigureAwait":
                    return type is not null && type.IsInNamespace("System.Threading.Tasks");
                case "EnsureSuccessStatusCode":
                    return Is(type, types.Get("System.Net.Http.HttpResponseMessage"));
                default:
                    return method.Name.StartsWith("ReadAs", StringComparison.Ordinal) && Is(type, types.Get("System.Net.Http.HttpContent"));
            }
        }

        private static bool SamePath(IOperation first, IOperation second, LocalValues locals) =>
            DataViewFlow.AreSame(first, second, locals)
            || (ConstantPaths.TryGetConstant(first, locals, true, out var a) && ConstantPaths.TryGetConstant(second, locals, true, out var b)
                && string.Equals(DeclaredArtifacts.Normalize(a), DeclaredArtifacts.Normalize(b), StringComparison.OrdinalIgnoreCase));

        /// <summary>Any use of a hash API of System.Security.Cryptography, or a call to the project's own hash/checksum/verify helper.</summary>
        private static bool HasIntegrityCheck(IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                ISymbol? symbol = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IObjectCreationOperation creation => creation.Constructor,
                    _ => null,
                };
                if (symbol is null)
                {
                    continue;
                }

                if (IsCryptography(symbol.ContainingType))
                {
                    return true;
                }

                if (!symbol.Locations.IsEmpty && symbol.Locations[0].IsInSource)
                {
                    foreach (var word in CheckHelperWords)
                    {
                        if (symbol.Name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsCloudStorage(INamedTypeSymbol? type)
        {
            var ns = type?.ContainingNamespace?.ToDisplayString();
            if (ns is null)
            {
                return false;
            }

            foreach (var prefix in CloudNamespaces)
            {
                if (ns.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCryptography(INamedTypeSymbol? type) =>
            type?.ContainingNamespace is { Name: "Cryptography" } cryptography
            && cryptography.ContainingNamespace is { Name: "Security" } security
            && security.ContainingNamespace is { Name: "System" } system && system.ContainingNamespace is { IsGlobalNamespace: true };

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
            type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
    }
}
