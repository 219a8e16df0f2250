using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// Writes a model's NuGet package (.nupkg, an OPC zip) without NuGet's pack: the nuspec, the model under models/,
    /// the manifest, the card (the package readme) and build files that copy the model into the output of any project
    /// that references the package, directly or through another package (buildTransitive/). Byte-identical for the
    /// same release: fixed entry order, every entry stamped with the release's source date, no random part names.
    /// </summary>
    internal static class ModelPackageWriter
    {
        public const string ModelsFolder = "models/";

        private const string NuspecNamespace = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        private const string ManifestRelationship = "http://schemas.microsoft.com/packaging/2010/07/manifest";
        private const string CorePropertiesRelationship = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

        // The zip format's range (DOS dates): 1980 to 2107.
        private static readonly DateTimeOffset EarliestZipTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset LatestZipTime = new DateTimeOffset(2107, 12, 31, 0, 0, 0, TimeSpan.Zero);

        /// <summary>Writes the package atomically (never half a package); an unchanged package keeps its file and time.</summary>
        public static void Write(string path, ModelRelease release, string modelFile, byte[] manifest, byte[] card) =>
            AtomicFile.WriteIfChanged(path, stream => WriteTo(stream, release, modelFile, manifest, card));

        internal static void WriteTo(Stream stream, ModelRelease release, string modelFile, byte[] manifest, byte[] card)
        {
            var id = release.Package.Id;
            var time = Clamp(release.Provenance.SourceDate);
            var modelEntry = ModelsFolder + EscapeEntryName(release.Model.Path);
            var targets = ConsumerTargets.Serialize(release);
            var coreProperties = "package/services/metadata/core-properties/" + Hex(id + "/" + release.Package.FullVersion).Substring(0, 32) + ".psmdcp";

            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Add(zip, id + ".nuspec", Nuspec(release), time);
            Add(zip, ManifestWriter.FileName, manifest, time);
            Add(zip, ModelCardWriter.FileName, card, time);
            Add(zip, "build/" + id + ".targets", ConsumerTargets.Forwarder(id), time);
            Add(zip, "buildTransitive/" + id + ".targets", targets, time);

            // A model that is already a zip (ML.NET) gains nothing from compression; other formats are compressed fast.
            var level = release.Format == "mlnet" ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
            AddFile(zip, modelEntry, modelFile, level, time);
            var externalEntries = new List<string>();
            foreach (var external in release.ExternalData)
            {
                // Beside the model, at the path the model names: ONNX Runtime finds it there.
                var name = ModelsFolder + string.Join("/", external.Path.Split('/').Select(EscapeEntryName));
                AddFile(zip, name, Path.Combine(Path.GetDirectoryName(modelFile)!, external.Path), CompressionLevel.Fastest, time);
                externalEntries.Add(name);
            }

            Add(zip, "_rels/.rels", Relationships(id, coreProperties), time);
            Add(zip, coreProperties, CoreProperties(release), time);
            Add(zip, "[Content_Types].xml", ContentTypes(new[] { id + ".nuspec", ManifestWriter.FileName, ModelCardWriter.FileName, "build/x.targets", modelEntry }.Concat(externalEntries)), time);
        }

        private static void AddFile(ZipArchive zip, string name, string file, CompressionLevel level, DateTimeOffset time)
        {
            var entry = zip.CreateEntry(name, level);
            entry.LastWriteTime = time;
            using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var target = entry.Open();
            source.CopyTo(target, 1 << 20);
        }

        private static void Add(ZipArchive zip, string name, byte[] content, DateTimeOffset time)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = time;
            using var stream = entry.Open();
            stream.Write(content, 0, content.Length);
        }

        private static byte[] Nuspec(ModelRelease release)
        {
            var story = release.Story;
            return Xml(xml =>
            {
                xml.WriteStartElement("package", NuspecNamespace);
                xml.WriteStartElement("metadata");
                xml.WriteElementString("id", release.Package.Id);
                xml.WriteElementString("version", release.Package.FullVersion);
                xml.WriteElementString("authors", story.Authors ?? release.Package.Id);
                xml.WriteElementString("description", Description(release));
                xml.WriteElementString("readme", ModelCardWriter.FileName);
                if (story.License is not null)
                {
                    xml.WriteStartElement("license");
                    xml.WriteAttributeString("type", "expression");
                    xml.WriteString(story.License);
                    xml.WriteEndElement();
                }

                xml.WriteElementString("tags", Tags(release));
                if (release.Provenance.Repository is not null)
                {
                    xml.WriteStartElement("repository");
                    xml.WriteAttributeString("type", "git");
                    xml.WriteAttributeString("url", release.Provenance.Repository);
                    if (release.Provenance.Commit is not null)
                    {
                        xml.WriteAttributeString("commit", release.Provenance.Commit);
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
            });
        }

        private static byte[] CoreProperties(ModelRelease release) => Xml(xml =>
        {
            const string Dc = "http://purl.org/dc/elements/1.1/";
            xml.WriteStartElement("coreProperties", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
            xml.WriteAttributeString("xmlns", "dc", null, Dc);
            xml.WriteElementString("creator", Dc, release.Story.Authors ?? release.Package.Id);
            xml.WriteElementString("description", Dc, Description(release));
            xml.WriteElementString("identifier", Dc, release.Package.Id);
            xml.WriteElementString("version", release.Package.FullVersion);
            xml.WriteElementString("keywords", Tags(release));
            xml.WriteElementString("lastModifiedBy", release.Provenance.BuiltWith);
            xml.WriteEndElement();
        });

        private static byte[] Relationships(string id, string coreProperties) => Xml(xml =>
        {
            xml.WriteStartElement("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
            foreach (var (type, target) in new[] { (ManifestRelationship, "/" + id + ".nuspec"), (CorePropertiesRelationship, "/" + coreProperties) })
            {
                xml.WriteStartElement("Relationship");
                xml.WriteAttributeString("Type", type);
                xml.WriteAttributeString("Target", target);
                xml.WriteAttributeString("Id", "R" + Hex(type + target).Substring(0, 16));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });

        /// <summary>OPC content types: one default per extension of the parts, an override for a part without one.</summary>
        private static byte[] ContentTypes(IEnumerable<string> parts) => Xml(xml =>
        {
            xml.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            WriteDefault(xml, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            WriteDefault(xml, "psmdcp", "application/vnd.openxmlformats-package.core-properties+xml");
            var extensions = parts.Select(p => Path.GetExtension(p).TrimStart('.').ToLowerInvariant())
                .Where(e => e.Length > 0 && e != "rels" && e != "psmdcp")
                .Distinct(StringComparer.Ordinal)
                .OrderBy(e => e, StringComparer.Ordinal);
            foreach (var extension in extensions)
            {
                WriteDefault(xml, extension, "application/octet");
            }

            foreach (var part in parts.Where(p => Path.GetExtension(p).Length <= 1).OrderBy(p => p, StringComparer.Ordinal))
            {
                xml.WriteStartElement("Override");
                xml.WriteAttributeString("PartName", "/" + part);
                xml.WriteAttributeString("ContentType", "application/octet");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });

        private static void WriteDefault(XmlWriter xml, string extension, string contentType)
        {
            xml.WriteStartElement("Default");
            xml.WriteAttributeString("Extension", extension);
            xml.WriteAttributeString("ContentType", contentType);
            xml.WriteEndElement();
        }

        private static string Description(ModelRelease release) =>
            release.Story.Description
            ?? $"The model '{release.Name}' ({release.Format}) with its manifest (mlops.manifest.json) and model card, packaged by {release.Provenance.BuiltWith}. Referencing the package copies the model into the build output.";

        private static string Tags(ModelRelease release) => "mlops model " + release.Format;

        /// <summary>Entry names are URIs in a package: characters outside the unreserved set are percent-encoded (NuGet decodes them).</summary>
        internal static string EscapeEntryName(string fileName) => Uri.EscapeDataString(fileName);

        internal static byte[] Xml(Action<XmlWriter> write)
        {
            using var stream = new MemoryStream();
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace };
            using (var xml = XmlWriter.Create(stream, settings))
            {
                xml.WriteStartDocument();
                write(xml);
                xml.WriteEndDocument();
            }

            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }

        private static DateTimeOffset Clamp(DateTimeOffset time)
        {
            var utc = time.ToUniversalTime();
            utc = utc < EarliestZipTime ? EarliestZipTime : utc > LatestZipTime ? LatestZipTime : utc;

            // The zip stores the clock time with no zone: always the UTC one, so every machine writes the same bytes.
            return new DateTimeOffset(utc.UtcDateTime.Ticks - utc.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }

        private static string Hex(string text) => Portable.ToHex(Portable.Sha256(Encoding.UTF8.GetBytes(text)));
    }
}
